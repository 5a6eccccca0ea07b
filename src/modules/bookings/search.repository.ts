import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { type CenterRow, type SeatKind, toCenterSummary } from '../centers/index.ts';
import type { CenterSearchResponse } from './search.schema.ts';

type Db = Kysely<Database>;

export type SearchFilter = {
  lat: number;
  lng: number;
  radiusKm: number;
  kind: SeatKind;
  window: { start: Date; end: Date; date: string } | null;
  minInternetMbps?: number | undefined;
  backupPower: boolean;
  womenOnlyArea: boolean;
  prayerArea: boolean;
  parking: boolean;
  accessible: boolean;
  priceColumn:
    | 'price_hourly_minor'
    | 'price_day_pass_minor'
    | 'price_monthly_desk_minor'
    | 'price_meeting_room_hourly_minor';
  maxPriceMinor?: number | undefined;
  limit: number;
};

/**
 * One set-based query: operational centres in a bounding box, then by great-circle distance,
 * amenities and price, open for the window, with the count of seats of the kind that hold no
 * booking overlapping it. Sorted by distance. Shaped for national size (bench/README.md).
 */
export async function searchCenters(db: Db, f: SearchFilter): Promise<CenterSearchResponse['items']> {
  const dLat = f.radiusKm / 111.0;
  const dLng = f.radiusKm / (111.32 * Math.max(0.01, Math.cos((f.lat * Math.PI) / 180)));
  const distance = sql<number>`2 * 6371.0088 * asin(least(1, sqrt(
      power(sin(radians(c.latitude - ${f.lat}) / 2), 2) +
      cos(radians(${f.lat})) * cos(radians(c.latitude)) * power(sin(radians(c.longitude - ${f.lng}) / 2), 2))))`;
  const w = f.window;
  // Free seats = active seats of the kind − those holding a booking that overlaps the window or
  // standing in a room held whole then (a training session's room). The second count probes the
  // (center_id, seat_id, blocked) GiST index for the few overlapping bookings, instead of probing
  // it once per seat.
  const free = w
    ? sql<number>`(SELECT count(*) FROM seats s
         WHERE s.center_id = x.center_id AND s.active AND s.kind = ${f.kind})
       - (SELECT count(*) FROM seats s
          WHERE s.center_id = x.center_id AND s.active AND s.kind = ${f.kind}
            AND (s.seat_id IN (SELECT b.seat_id FROM bookings b
                  WHERE b.center_id = x.center_id AND b.status IN ('confirmed', 'checked_in')
                    AND b.blocked && tstzrange(${w.start}, ${w.end}, '[)'))
              OR s.space_id IN (SELECT h.space_id FROM space_holds h
                  WHERE h.center_id = x.center_id AND h.booking_id IS NULL
                    AND h.during && tstzrange(${w.start}, ${w.end}, '[)'))))`
    : sql<null>`NULL::bigint`;
  const conditions = [
    sql`c.status = 'operational'`,
    sql`c.latitude BETWEEN ${f.lat - dLat} AND ${f.lat + dLat}`,
    sql`c.longitude BETWEEN ${f.lng - dLng} AND ${f.lng + dLng}`,
  ];
  if (f.minInternetMbps !== undefined) conditions.push(sql`c.internet_mbps >= ${f.minInternetMbps}`);
  if (f.backupPower) conditions.push(sql`(c.has_ups OR coalesce(c.backup_power_hours, 0) > 0)`);
  if (f.womenOnlyArea) conditions.push(sql`c.women_only_area`);
  if (f.prayerArea) conditions.push(sql`c.prayer_area`);
  if (f.parking) conditions.push(sql`c.parking`);
  if (f.accessible) conditions.push(sql`c.accessible`);
  if (f.maxPriceMinor !== undefined)
    conditions.push(sql`${sql.ref(`c.${f.priceColumn}`)} <= ${f.maxPriceMinor}`);
  // Checked per candidate, nearest first, after the sort: in a big city's box (900 centres at
  // national size) only the first few dozen are ever looked at.
  const perCandidate: ReturnType<typeof sql>[] = [];
  if (w) {
    // Open for the whole window: the opening spans of the day before, the day and the day after
    // (a day may close after midnight; closes <= opens), merged by range_agg, contain it.
    perCandidate.push(sql`EXISTS (SELECT 1 FROM (
        SELECT range_agg(tstzrange(
                 (d.day + h.opens) AT TIME ZONE 'Asia/Karachi',
                 ((d.day + CASE WHEN h.closes <= h.opens THEN 1 ELSE 0 END) + h.closes) AT TIME ZONE 'Asia/Karachi',
                 '[)')) AS open
          FROM center_opening_hours h
          JOIN (VALUES (${w.date}::date - 1), (${w.date}::date), (${w.date}::date + 1)) AS d(day)
            ON h.weekday = extract(isodow FROM d.day)
         WHERE h.center_id = x.center_id) o
       WHERE o.open @> tstzrange(${w.start}, ${w.end}, '[)'))`);
    perCandidate.push(sql`NOT EXISTS (SELECT 1 FROM center_closures cl
        WHERE cl.center_id = x.center_id
          AND tstzrange(cl.starts_on::timestamp AT TIME ZONE 'Asia/Karachi',
                        (cl.ends_on + 1)::timestamp AT TIME ZONE 'Asia/Karachi', '[)')
              && tstzrange(${w.start}, ${w.end}, '[)'))`);
  }
  // Candidates in the box nearest first (cheap); the seat counts run per candidate in that order,
  // and the LIMIT stops them once enough centres with a free seat are found.
  const rows = await sql<CenterRow & { distance_km: number; free_seats: number | null }>`
    SELECT x.*, n.seat_count, f.free_seats FROM (
      SELECT c.*, ci.name_en AS city_name, ci.name_ur AS city_name_ur, ${distance} AS distance_km
        FROM centers c
        JOIN cities ci ON ci.id = c.city_id
       WHERE ${sql.join(conditions, sql` AND `)}
       ORDER BY distance_km, c.center_id
      OFFSET 0
    ) x
    CROSS JOIN LATERAL (SELECT count(*) AS seat_count FROM seats s WHERE s.center_id = x.center_id AND s.active) n
    -- OFFSET 0 keeps the count a subquery of its own, counted once per candidate (flattened, it was
    -- counted twice: once for the filter and once for the answer).
    CROSS JOIN LATERAL (SELECT ${free} AS free_seats OFFSET 0) f
    WHERE x.distance_km <= ${f.radiusKm}
      ${perCandidate.length ? sql`AND ${sql.join(perCandidate, sql` AND `)}` : sql``}
      ${w ? sql`AND f.free_seats > 0` : sql``}
    ORDER BY x.distance_km, x.center_id
    LIMIT ${f.limit}`.execute(db);
  return rows.rows.map((r) => ({
    center: toCenterSummary(r),
    distanceKm: Math.round(Number(r.distance_km) * 10) / 10,
    freeSeats: r.free_seats === null ? null : Number(r.free_seats),
  }));
}

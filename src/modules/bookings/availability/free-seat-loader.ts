/**
 * Reads what the free-seat index holds from the database: operational centres with their hours,
 * closures, active seats and whole-room holds, and the live bookings that have not ended. Loaded in
 * batches of centres, so a national load (10,000 centres, a million seats) never holds more than a
 * batch's rows at once beyond the index itself.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/database.ts';
import { type CenterRow, type SeatKind, toCenterSummary } from '../../centers/index.ts';
import type { BookingFact, CentreFacts, FreeSeatIndex } from './free-seat-index.ts';

type Db = Kysely<Database>;

const BATCH = 500;

const minutes = (hms: string) => {
  const [h, m] = hms.split(':');
  return Number(h) * 60 + Number(m);
};

/** Facts and live bookings of the given centres (operational ones only; others come back absent). */
export async function loadCentres(
  db: Db,
  ids: readonly string[] | null,
  sinceMs: number,
): Promise<{ facts: CentreFacts; bookings: BookingFact[] }[]> {
  const only = ids ? sql`AND c.center_id = ANY(${ids as string[]}::uuid[])` : sql``;
  const centres = await sql<CenterRow>`
    SELECT c.*, ci.name_en AS city_name, ci.name_ur AS city_name_ur,
           (SELECT count(*) FROM seats s WHERE s.center_id = c.center_id AND s.active) AS seat_count
      FROM centers c JOIN cities ci ON ci.id = c.city_id
     WHERE c.status = 'operational' ${only}`.execute(db);
  if (!centres.rows.length) return [];
  const found = centres.rows.map((r) => r.center_id);
  const since = new Date(sinceMs);
  const [hours, closures, seats, holds, bookings] = await Promise.all([
    sql<{ center_id: string; weekday: number; opens: string; closes: string }>`
      SELECT center_id, weekday, opens::text AS opens, closes::text AS closes FROM center_opening_hours
       WHERE center_id = ANY(${found}::uuid[])`.execute(db),
    sql<{ center_id: string; starts_on: string; ends_on: string }>`
      SELECT center_id, starts_on, ends_on FROM center_closures
       WHERE center_id = ANY(${found}::uuid[]) AND ends_on >= (${since}::timestamptz AT TIME ZONE 'Asia/Karachi')::date - 1`.execute(
      db,
    ),
    sql<{ center_id: string; seat_id: string; kind: SeatKind; space_id: string; label: string }>`
      SELECT center_id, seat_id, kind, space_id, label FROM seats
       WHERE center_id = ANY(${found}::uuid[]) AND active
       ORDER BY center_id, seat_id`.execute(db),
    sql<{ center_id: string; space_id: string; s: number; e: number }>`
      SELECT center_id, space_id, extract(epoch FROM lower(during)) * 1000 AS s, extract(epoch FROM upper(during)) * 1000 AS e
        FROM space_holds
       WHERE center_id = ANY(${found}::uuid[]) AND booking_id IS NULL AND upper(during) > ${since}`.execute(
      db,
    ),
    sql<{ center_id: string; booking_id: string; seat_id: string; s: number; e: number }>`
      SELECT center_id, booking_id, seat_id,
             extract(epoch FROM lower(blocked)) * 1000 AS s, extract(epoch FROM upper(blocked)) * 1000 AS e
        FROM bookings
       WHERE center_id = ANY(${found}::uuid[]) AND status IN ('confirmed', 'checked_in') AND upper(blocked) > ${since}`.execute(
      db,
    ),
  ]);
  const by = <T extends { center_id: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) {
      const list = m.get(r.center_id) ?? [];
      m.set(r.center_id, list);
      list.push(r);
    }
    return m;
  };
  const hoursBy = by(hours.rows);
  const closuresBy = by(closures.rows);
  const seatsBy = by(seats.rows);
  const holdsBy = by(holds.rows);
  const bookingsBy = by(bookings.rows);
  return centres.rows.map((c) => {
    const facts: CentreFacts = {
      centerId: c.center_id,
      operational: true,
      latitude: Number(c.latitude),
      longitude: Number(c.longitude),
      internetMbps: c.internet_mbps === null ? null : Number(c.internet_mbps),
      backupPower: !!c.has_ups || Number(c.backup_power_hours ?? 0) > 0,
      womenOnlyArea: !!c.women_only_area,
      prayerArea: !!c.prayer_area,
      parking: !!c.parking,
      accessible: !!c.accessible,
      prices: {
        price_hourly_minor: c.price_hourly_minor === null ? null : Number(c.price_hourly_minor),
        price_day_pass_minor: c.price_day_pass_minor === null ? null : Number(c.price_day_pass_minor),
        price_monthly_desk_minor:
          c.price_monthly_desk_minor === null ? null : Number(c.price_monthly_desk_minor),
        price_meeting_room_hourly_minor:
          c.price_meeting_room_hourly_minor === null ? null : Number(c.price_meeting_room_hourly_minor),
      },
      summary: toCenterSummary(c),
      hours: (hoursBy.get(c.center_id) ?? []).map((h) => ({
        weekday: Number(h.weekday),
        opens: minutes(h.opens),
        closes: minutes(h.closes),
      })),
      closures: (closuresBy.get(c.center_id) ?? []).map((x) => ({
        startsOn: x.starts_on,
        endsOn: x.ends_on,
      })),
      seats: (seatsBy.get(c.center_id) ?? []).map((s) => ({
        seatId: s.seat_id,
        kind: s.kind,
        spaceId: s.space_id,
        label: s.label,
      })),
      roomHolds: (holdsBy.get(c.center_id) ?? []).map((h) => ({
        spaceId: h.space_id,
        start: Number(h.s),
        end: Number(h.e),
      })),
    };
    const live = (bookingsBy.get(c.center_id) ?? []).map(
      (b): BookingFact => ({
        centerId: b.center_id,
        bookingId: b.booking_id,
        seatId: b.seat_id,
        start: Number(b.s),
        end: Number(b.e),
        live: true,
      }),
    );
    return { facts, bookings: live };
  });
}

/** Fills the index with every operational centre, a batch at a time. */
export async function loadAll(db: Db, index: FreeSeatIndex, sinceMs: number): Promise<number> {
  const ids = await sql<{ center_id: string }>`
    SELECT center_id FROM centers WHERE status = 'operational' ORDER BY center_id`.execute(db);
  let n = 0;
  for (let i = 0; i < ids.rows.length; i += BATCH) {
    const batch = ids.rows.slice(i, i + BATCH).map((r) => r.center_id);
    for (const c of await loadCentres(db, batch, sinceMs)) {
      index.setCentre(c.facts, c.bookings);
      n += 1;
    }
  }
  return n;
}

/** Reloads some centres: present and operational ones are replaced, the rest leave the index. */
export async function reloadCentres(db: Db, index: FreeSeatIndex, ids: readonly string[], sinceMs: number) {
  const loaded = await loadCentres(db, ids, sinceMs);
  const seen = new Set(loaded.map((c) => c.facts.centerId));
  for (const id of ids) if (!seen.has(id)) index.removeCentre(id);
  for (const c of loaded) index.setCentre(c.facts, c.bookings);
}

import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/database.ts';

type Db = Kysely<Database>;

export type OccupancyRow = {
  key: string;
  booked_hours: number;
  used_hours: number;
  bookings: number;
  checked_in: number;
  no_shows: number;
  late_cancellations: number;
};

const KEYS: Record<string, RawBuilder<string>> = {
  day: sql`to_char(x.slot AT TIME ZONE 'Asia/Karachi', 'YYYY-MM-DD')`,
  hour: sql`to_char(x.slot AT TIME ZONE 'Asia/Karachi', 'HH24')`,
  center: sql`x.center_id::text`,
  city: sql`x.city_name`,
  province: sql`x.province_code`,
};

/**
 * One set-based pass: each booking in the window is cut into the hours it spans (Karachi wall
 * clock), so seat-hours add up by day or by hour of day; monthly desks are left out of the
 * hour figures (they are let, not sat in, around the clock). Grouping by centre, city or
 * province uses the same cut.
 */
export async function occupancy(
  db: Db,
  f: {
    start: Date;
    end: Date;
    groupBy: keyof typeof KEYS;
    centerId?: string | undefined;
    cityId?: number | undefined;
    provinceCode?: string | undefined;
  },
): Promise<OccupancyRow[]> {
  const filters = [sql`b.during && tstzrange(${f.start}, ${f.end}, '[)')`, sql`b.plan <> 'monthly'`];
  if (f.centerId) filters.push(sql`b.center_id = ${f.centerId}`);
  if (f.cityId) filters.push(sql`c.city_id = ${f.cityId}`);
  if (f.provinceCode) filters.push(sql`c.province_code = ${f.provinceCode}`);
  const hours = sql<number>`extract(epoch FROM (least(upper(x.during), x.slot + interval '1 hour', ${f.end}::timestamptz)
                                  - greatest(lower(x.during), x.slot, ${f.start}::timestamptz))) / 3600.0`;
  const holding = sql`x.status IN ('confirmed', 'checked_in', 'no_show', 'released')`;
  const used = sql`x.status IN ('checked_in', 'released')`;
  const rows = await sql<OccupancyRow>`
    WITH x AS (
      SELECT b.booking_id, b.center_id, b.status, b.during, b.late_cancellation,
             ci.name_en AS city_name, c.province_code, slot
        FROM bookings b
        JOIN centers c ON c.center_id = b.center_id
        JOIN cities ci ON ci.id = c.city_id
        CROSS JOIN LATERAL generate_series(
          date_trunc('hour', greatest(lower(b.during), ${f.start}::timestamptz)),
          least(upper(b.during), ${f.end}::timestamptz) - interval '1 microsecond',
          interval '1 hour') AS slot
       WHERE ${sql.join(filters, sql` AND `)}
    )
    SELECT ${KEYS[f.groupBy]!} AS key,
           coalesce(sum(${hours}) FILTER (WHERE ${holding}), 0) AS booked_hours,
           coalesce(sum(${hours}) FILTER (WHERE ${used}), 0) AS used_hours,
           count(DISTINCT x.booking_id) FILTER (WHERE ${holding}) AS bookings,
           count(DISTINCT x.booking_id) FILTER (WHERE ${used}) AS checked_in,
           count(DISTINCT x.booking_id) FILTER (WHERE x.status = 'no_show') AS no_shows,
           count(DISTINCT x.booking_id) FILTER (WHERE x.status = 'cancelled' AND x.late_cancellation) AS late_cancellations
      FROM x
     GROUP BY 1
     ORDER BY 1`.execute(db);
  return rows.rows;
}

import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/tx.ts';

type Db = Kysely<Database>;
const DAY = 86_400_000;

/**
 * Rebuilds public_centre_stats: for each operational centre, checked-in seat-hours ÷ open
 * seat-hours (active seats × opening hours) over the 30 days before `asOf` — the same definition
 * as the network's occupancy figure, per centre — and the uptime of its latest monthly report.
 * It runs in the background with the public figures, so public pages never scan bookings.
 */
export async function refreshCentreStats(db: Db, asOf: Date): Promise<number> {
  const from = new Date(asOf.getTime() - 30 * DAY);
  return inTransaction(db, async (trx) => {
    await sql`DELETE FROM public_centre_stats
               WHERE center_id NOT IN (SELECT center_id FROM centers WHERE status = 'operational')`.execute(
      trx,
    );
    const res = await sql`
      WITH days AS (
        SELECT d::date AS day
        FROM generate_series((${from}::timestamptz AT TIME ZONE 'Asia/Karachi')::date,
                             (${asOf}::timestamptz AT TIME ZONE 'Asia/Karachi')::date - 1, interval '1 day') AS d
      ),
      op AS (SELECT center_id FROM centers WHERE status = 'operational'),
      seat_counts AS (
        SELECT s.center_id, count(*) AS seats FROM seats s JOIN op USING (center_id)
        WHERE s.active GROUP BY s.center_id
      ),
      open_hours AS (
        SELECT h.center_id, sum(sc.seats * opening_span_hours(h.opens, h.closes)) AS hours
        FROM days
        JOIN center_opening_hours h ON h.weekday = extract(isodow FROM days.day)
        JOIN seat_counts sc ON sc.center_id = h.center_id
        GROUP BY h.center_id
      ),
      used AS (
        SELECT b.center_id,
               sum(extract(epoch FROM (least(upper(b.during), ${asOf}::timestamptz)
                                       - greatest(lower(b.during), ${from}::timestamptz))) / 3600.0) AS hours
        FROM bookings b JOIN op USING (center_id)
        WHERE b.checked_in_at IS NOT NULL AND b.during && tstzrange(${from}::timestamptz, ${asOf}::timestamptz)
        GROUP BY b.center_id
      ),
      reports AS (
        SELECT DISTINCT ON (r.center_id) r.center_id, r.month, r.internet_uptime_permille, r.power_uptime_permille
        FROM center_monthly_reports r JOIN op USING (center_id)
        ORDER BY r.center_id, r.month DESC
      )
      INSERT INTO public_centre_stats
        (center_id, occupancy_bp, report_month, internet_uptime_permille, power_uptime_permille, computed_at)
      SELECT op.center_id,
             CASE WHEN coalesce(o.hours, 0) > 0 THEN round(coalesce(u.hours, 0) / o.hours * 10000)::int END,
             r.month, r.internet_uptime_permille, r.power_uptime_permille, ${asOf}::timestamptz
      FROM op
      LEFT JOIN open_hours o USING (center_id)
      LEFT JOIN used u USING (center_id)
      LEFT JOIN reports r USING (center_id)
      ON CONFLICT (center_id) DO UPDATE SET
        occupancy_bp = excluded.occupancy_bp,
        report_month = excluded.report_month,
        internet_uptime_permille = excluded.internet_uptime_permille,
        power_uptime_permille = excluded.power_uptime_permille,
        computed_at = excluded.computed_at`.execute(trx);
    return Number(res.numAffectedRows ?? 0);
  });
}

function selectPublicCentres(db: Db) {
  return db
    .selectFrom('centers as c')
    .innerJoin('cities', 'cities.id', 'c.city_id')
    .leftJoin('public_centre_stats as st', 'st.center_id', 'c.center_id')
    .where('c.status', '=', 'operational')
    .select([
      'c.center_id',
      'c.name_en',
      'c.name_ur',
      'c.address',
      'cities.id as city_id',
      'cities.name_en as city_name',
      'cities.name_ur as city_name_ur',
      'c.province_code',
      'c.latitude',
      'c.longitude',
      'c.internet_mbps',
      'c.backup_power_hours',
      'c.has_ups',
      'c.women_only_area',
      'c.prayer_area',
      'c.parking',
      'c.accessible',
      'c.price_hourly_minor',
      'c.price_day_pass_minor',
      'c.price_monthly_desk_minor',
      'c.price_meeting_room_hourly_minor',
      'st.occupancy_bp',
      'st.report_month',
      'st.internet_uptime_permille',
      'st.power_uptime_permille',
      'st.computed_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('seats')
        .whereRef('seats.center_id', '=', 'c.center_id')
        .where('seats.active', '=', true)
        .select(eb.fn.countAll<number>().as('n'))
        .as('seat_count'),
    );
}

export type PublicCentreRow = Awaited<
  ReturnType<ReturnType<typeof selectPublicCentres>['executeTakeFirstOrThrow']>
>;

export async function listPublicCentreRows(
  db: Db,
  f: { province?: string | undefined; limit: number; offset: number },
): Promise<{ rows: PublicCentreRow[]; total: number }> {
  let q = selectPublicCentres(db);
  let count = db.selectFrom('centers').where('status', '=', 'operational');
  if (f.province) {
    q = q.where('c.province_code', '=', f.province);
    count = count.where('province_code', '=', f.province);
  }
  const [rows, total] = await Promise.all([
    q
      .orderBy('c.province_code')
      .orderBy('cities.name_en')
      .orderBy('c.name_en')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    count.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function findPublicCentre(db: Db, centerId: string) {
  const row = await selectPublicCentres(db).where('c.center_id', '=', centerId).executeTakeFirst();
  if (!row) return undefined;
  const [hours, seats] = await Promise.all([
    db
      .selectFrom('center_opening_hours')
      .select(['weekday', 'opens', 'closes'])
      .where('center_id', '=', centerId)
      .orderBy('weekday')
      .execute(),
    db
      .selectFrom('seats')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .where('center_id', '=', centerId)
      .where('active', '=', true)
      .groupBy('kind')
      .execute(),
  ]);
  return { row, hours, seats };
}

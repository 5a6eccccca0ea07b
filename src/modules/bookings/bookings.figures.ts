import { sql } from 'kysely';
import { type FigureProvider, fromProvinceRows } from '../../platform/figures.ts';

const DAY = 86_400_000;

/** Public figures from bookings: use of the centres, aggregated, over the last 30 days. */
export const bookingsFigures: FigureProvider[] = [
  {
    key: 'freelancers.active_30d',
    area: 'bookings',
    unit: 'people',
    labelEn: 'Freelancers active (30 days)',
    labelUr: 'فعال فری لانسرز (30 دن)',
    definitionEn: 'Different freelancers who checked in at a centre in the last 30 days.',
    definitionUr: 'پچھلے 30 دنوں میں کسی مرکز میں چیک اِن کرنے والے مختلف فری لانسرز۔',
    compute: async (db, asOf) => {
      const { n } = await db
        .selectFrom('bookings')
        .select(sql<number>`count(DISTINCT booker_id)`.as('n'))
        .where('checked_in_at', '>', new Date(asOf.getTime() - 30 * DAY))
        .where('checked_in_at', '<=', asOf)
        .executeTakeFirstOrThrow();
      return { total: Number(n), byProvince: null };
    },
  },
  {
    key: 'bookings.last_30d',
    area: 'bookings',
    unit: 'bookings',
    labelEn: 'Bookings (30 days)',
    labelUr: 'بکنگز (30 دن)',
    definitionEn: 'Seat bookings that started in the last 30 days, cancelled ones excluded.',
    definitionUr: 'پچھلے 30 دنوں میں شروع ہونے والی بکنگز، منسوخ شدہ کے سوا۔',
    compute: async (db, asOf) =>
      fromProvinceRows(
        await db
          .selectFrom('bookings')
          .innerJoin('centers', 'centers.center_id', 'bookings.center_id')
          .select(['centers.province_code', sql<number>`count(*)`.as('n')])
          .where('bookings.status', '!=', 'cancelled')
          .where(sql<boolean>`lower(bookings.during) > ${new Date(asOf.getTime() - 30 * DAY)}`)
          .where(sql<boolean>`lower(bookings.during) <= ${asOf}`)
          .groupBy('centers.province_code')
          .execute(),
      ),
  },
  {
    key: 'occupancy.last_30d',
    area: 'bookings',
    unit: 'basis_points',
    labelEn: 'Occupancy (30 days)',
    labelUr: 'استعمال کی شرح (30 دن)',
    definitionEn:
      'Checked-in seat-hours divided by open seat-hours (active seats × opening hours) in operational centres over the last 30 days; in basis points (10,000 = 100%).',
    definitionUr:
      'پچھلے 30 دنوں میں فعال مراکز کے چیک اِن نشست گھنٹے تقسیم کھلے نشست گھنٹے (فعال نشستیں × اوقاتِ کار)۔',
    compute: async (db, asOf) => {
      const from = new Date(asOf.getTime() - 30 * DAY);
      const res = await sql<{ open_hours: number | null; used_hours: number | null }>`
        WITH days AS (
          SELECT d::date AS day
          FROM generate_series((${from}::timestamptz AT TIME ZONE 'Asia/Karachi')::date,
                               (${asOf}::timestamptz AT TIME ZONE 'Asia/Karachi')::date - 1, interval '1 day') AS d
        ),
        seat_counts AS (
          SELECT s.center_id, count(*) AS seats
          FROM seats s JOIN centers c ON c.center_id = s.center_id
          WHERE c.status = 'operational' AND s.active
          GROUP BY s.center_id
        ),
        open_hours AS (
          SELECT sum(sc.seats * opening_span_hours(h.opens, h.closes)) AS hours
          FROM days
          JOIN center_opening_hours h ON h.weekday = extract(isodow FROM days.day)
          JOIN seat_counts sc ON sc.center_id = h.center_id
        ),
        used AS (
          SELECT sum(extract(epoch FROM (least(upper(b.during), ${asOf}::timestamptz) - greatest(lower(b.during), ${from}::timestamptz))) / 3600.0) AS hours
          FROM bookings b JOIN centers c ON c.center_id = b.center_id
          WHERE c.status = 'operational' AND b.checked_in_at IS NOT NULL
            AND b.during && tstzrange(${from}::timestamptz, ${asOf}::timestamptz)
        )
        SELECT (SELECT hours FROM open_hours) AS open_hours, (SELECT hours FROM used) AS used_hours`.execute(
        db,
      );
      const open = Number(res.rows[0]?.open_hours ?? 0);
      const used = Number(res.rows[0]?.used_hours ?? 0);
      return { total: open > 0 ? Math.round((used / open) * 10_000) : 0, byProvince: null };
    },
  },
];

import { FIRST_PHASE_QUOTAS } from '../../modules/calls/index.ts';
import { ownerCount } from './national-people.ts';
import { chunked, type Gen, lit } from './national-sql.ts';

// Big cities first in each province: centres are drawn towards the top of this order.
const MAJOR = [
  'Karachi',
  'Lahore',
  'Faisalabad',
  'Rawalpindi',
  'Islamabad',
  'Gujranwala',
  'Multan',
  'Hyderabad',
  'Peshawar',
  'Quetta',
  'Sialkot',
  'Bahawalpur',
  'Sargodha',
  'Sukkur',
  'Larkana',
  'Mardan',
  'Abbottabad',
  'Muzaffarabad',
  'Gilgit',
  'Mirpur',
  'Skardu',
  'Sheikhupura',
  'Rahim Yar Khan',
  'Jhang',
  'Dera Ghazi Khan',
  'Gujrat',
  'Sahiwal',
  'Kasur',
  'Okara',
  'Nawabshah',
  'Mingora',
  'Kohat',
  'Turbat',
  'Khuzdar',
  'Gwadar',
];

/** Seat kinds by a seat's number k in 0…S−1: hot desks, then dedicated desks, cabins, meeting rooms. */
export function seatLayout(s: number) {
  const meeting = Math.max(1, Math.floor(s / 50));
  const cabins = Math.floor(s / 10);
  const dedicated = Math.floor(s * 0.15);
  const hot = s - meeting - cabins - dedicated;
  return { hot, dedicated, cabins, meeting };
}

/** SQL CASE giving the seat kind of seat number `k`. */
export function seatKindSql(s: number, k = 'k'): string {
  const l = seatLayout(s);
  return `CASE WHEN ${k} < ${l.hot} THEN 'hot_desk' WHEN ${k} < ${l.hot + l.dedicated} THEN 'dedicated_desk'
               WHEN ${k} < ${l.hot + l.dedicated + l.cabins} THEN 'cabin' ELSE 'meeting_room' END`;
}

/**
 * The plan of the country, in a temporary table: each centre's province (in proportion to the
 * programme's province quotas), city (drawn towards the big cities), place, status, prices and
 * popularity. Everything after reads it instead of recomputing.
 */
export async function planCentres(g: Gen): Promise<void> {
  const { o } = g;
  const total = FIRST_PHASE_QUOTAS.reduce((s, q) => s + q.seats, 0);
  let acc = 0;
  const prov = FIRST_PHASE_QUOTAS.map((q) => {
    const lo = acc / total;
    acc += q.seats;
    return `(${lit(q.provinceCode)}, ${lo}, ${acc / total})`;
  });
  await g.run(`
    CREATE TEMP TABLE mz_city AS
    SELECT id, province_code, name_en, latitude, longitude,
           (row_number() OVER (PARTITION BY province_code
              ORDER BY coalesce(array_position(${`ARRAY[${MAJOR.map(lit).join(', ')}]`}, name_en), 1000), id) - 1)::int AS rank
      FROM cities`);
  await g.run(`
    CREATE TEMP TABLE mz_prov AS
    SELECT p.code, p.lo, p.hi, (SELECT count(*) FROM mz_city c WHERE c.province_code = p.code)::int AS ncity
      FROM (VALUES ${prov.join(', ')}) AS p(code, lo, hi)`);
  const owners = ownerCount(o.centers);
  await g.run(`
    CREATE TEMP TABLE mz_centre AS
    SELECT x.*, ci.id AS city_id, ci.name_en AS city,
           least(37.4, greatest(23.1, ci.latitude + (${g.R(101, 'x.i')} - 0.5) * 0.06)) AS lat,
           least(77.9, greatest(60.6, ci.longitude + (${g.R(102, 'x.i')} - 0.5) * 0.06)) AS lon,
           -- busier in the biggest cities
           (0.55 + 0.6 * ${g.R(103, 'x.i')} + CASE WHEN ci.rank < 3 THEN 0.2 ELSE 0 END) AS popularity
      FROM (
        SELECT i, ${g.U('c', 'i')} AS center_id, ${g.U('app', 'i')} AS application_id,
               ${g.U('owner', `i % ${owners}`)} AS owner_id, p.code AS province_code,
               least(p.ncity - 1, floor(p.ncity * power(${g.R(104, 'i')}, 3)))::int AS city_rank,
               CASE WHEN r < 0.86 THEN 'operational' WHEN r < 0.88 THEN 'suspended' WHEN r < 0.89 THEN 'closed'
                    WHEN r < 0.92 THEN 'inspected' WHEN r < 0.97 THEN 'under_setup' ELSE 'approved' END AS status,
               (10000 + 1000 * floor(${g.R(105, 'i')} * 16))::int8 AS price_hourly,
               ${g.R(106, 'i')} < 0.3 AS wide_hours,
               ${g.R(107, 'i')} < 0.6 AS sunday_open,
               CASE WHEN ${g.R(108, 'i')} < 0.5 THEN 15 ELSE 0 END AS buffer_minutes
          FROM generate_series(0, ${o.centers - 1}) i
          CROSS JOIN LATERAL (SELECT ${g.R(100, 'i')} AS r) rr
          JOIN mz_prov p ON (i + 0.5) / ${o.centers} >= p.lo AND (i + 0.5) / ${o.centers} < p.hi
      ) x
      JOIN mz_city ci ON ci.province_code = x.province_code AND ci.rank = x.city_rank`);
  await g.run('CREATE UNIQUE INDEX ON mz_centre (i)');
  await g.run('ANALYZE mz_centre');
}

export async function loadCentres(g: Gen): Promise<void> {
  const { o } = g;
  const now = lit(g.now.toISOString());
  const S = o.seatsPerCenter;
  const l = seatLayout(S);
  g.progress.begin('centres, inspections, hours', 'centers + inspections, hours');
  let n = await g.run(`
    INSERT INTO centers (center_id, owner_id, application_id, name_en, name_ur, address, city_id, province_code,
      latitude, longitude, status, status_reason, status_changed_at, internet_mbps, backup_power_hours, has_ups,
      women_only_area, prayer_area, parking, accessible, price_hourly_minor, price_day_pass_minor,
      price_monthly_desk_minor, price_meeting_room_hourly_minor, max_days_ahead, min_notice_minutes,
      cancellation_window_hours, no_show_grace_minutes, meeting_buffer_minutes, max_booking_hours, created_at, updated_at)
    SELECT center_id, owner_id, application_id::text,
           'Markaz ' || city || ' ' || (i + 1), 'مرکز ' || city || ' ' || (i + 1),
           (1 + floor(${g.R(110, 'i')} * 300))::int || ' Main Boulevard, ' || city,
           city_id, province_code, lat, lon, status,
           CASE WHEN status IN ('suspended', 'closed') THEN 'Failed the quarterly inspection' END,
           ${now}::timestamptz - interval '1 day' * floor(${g.R(111, 'i')} * 500 + 10),
           (ARRAY[20, 50, 100, 200, 500])[1 + floor(${g.R(112, 'i')} * 5)::int],
           (2 + floor(${g.R(113, 'i')} * 10))::int, ${g.R(114, 'i')} < 0.8, ${g.R(115, 'i')} < 0.45,
           ${g.R(116, 'i')} < 0.7, ${g.R(117, 'i')} < 0.5, ${g.R(118, 'i')} < 0.55,
           price_hourly, price_hourly * 7, price_hourly * 7 * 18, price_hourly * 4,
           30, 0, 2, 30, buffer_minutes, 12,
           ${now}::timestamptz - interval '1 day' * floor(${g.R(111, 'i')} * 500 + 60), ${now}::timestamptz - interval '1 day'
      FROM mz_centre`);
  n += await g.run(`
    INSERT INTO center_inspections (center_id, inspection_id, inspector_id, internet_mbps_measured, backup_power_tested,
      backup_power_minutes, seats_counted, passed, notes, inspected_at)
    SELECT center_id, ${g.U('insp', 'i')}, ${g.U('staff', "'admin'")}, (20 + floor(${g.R(120, 'i')} * 480))::int, true,
           (60 + floor(${g.R(121, 'i')} * 600))::int, ${S}, status <> 'closed' OR ${g.R(122, 'i')} < 0.5, NULL,
           ${now}::timestamptz - interval '1 day' * floor(${g.R(111, 'i')} * 500 + 20)
      FROM mz_centre WHERE status IN ('inspected', 'operational', 'suspended', 'closed')`);
  // Monday to Saturday 09:00–21:00 (or 08:00–22:00); Sunday 11:00–18:00 where open at all.
  n += await g.run(`
    INSERT INTO center_opening_hours (center_id, weekday, opens, closes)
    SELECT center_id, wd,
           CASE WHEN wd = 7 THEN '11:00' WHEN wide_hours THEN '08:00' ELSE '09:00' END::time,
           CASE WHEN wd = 7 THEN '18:00' WHEN wide_hours THEN '22:00' ELSE '21:00' END::time
      FROM mz_centre CROSS JOIN generate_series(1, 7) wd
     WHERE wd < 7 OR sunday_open`);
  g.progress.step(n);
  g.progress.end();

  const spaces = [
    { n: 0, kind: 'hot_desk_area', name: 'Open floor', capacity: l.hot + l.dedicated },
    ...(l.cabins ? [{ n: 1, kind: 'cabin', name: 'Cabins', capacity: l.cabins }] : []),
    { n: 2, kind: 'meeting_room', name: 'Meeting rooms', capacity: 8 * l.meeting },
  ];
  g.progress.begin('spaces', 'center_spaces');
  g.progress.step(
    await g.run(`
      INSERT INTO center_spaces (center_id, space_id, kind, name, capacity, created_at)
      SELECT c.center_id, ${g.U('space', 'c.i', 's.n')}, s.kind, s.name, s.capacity, ${now}::timestamptz - interval '60 days'
        FROM mz_centre c
        CROSS JOIN (VALUES ${spaces.map((s) => `(${s.n}, ${lit(s.kind)}, ${lit(s.name)}, ${s.capacity})`).join(', ')}) AS s(n, kind, name, capacity)`),
  );
  g.progress.end();

  const perChunk = Math.max(1, Math.floor(200_000 / S));
  g.progress.begin('seats', 'seats', Math.ceil(o.centers / perChunk));
  const spaceOf = `CASE WHEN k < ${l.hot + l.dedicated} THEN 0 WHEN k < ${l.hot + l.dedicated + l.cabins} THEN 1 ELSE 2 END`;
  await chunked(g, o.centers, perChunk, (lo, hi) =>
    g.run(`
      INSERT INTO seats (center_id, seat_id, space_id, label, kind, active, created_at)
      SELECT c.center_id, ${g.U('seat', 'c.i', 'k')}, ${g.U('space', 'c.i', spaceOf)},
             CASE WHEN k < ${l.hot} THEN 'H-' WHEN k < ${l.hot + l.dedicated} THEN 'D-'
                  WHEN k < ${l.hot + l.dedicated + l.cabins} THEN 'C-' ELSE 'M-' END || lpad((k + 1)::text, 4, '0'),
             ${seatKindSql(S)}, ${g.R(130, 'c.i', 'k')} >= 0.01, ${now}::timestamptz - interval '60 days'
        FROM mz_centre c CROSS JOIN generate_series(0, ${S - 1}) k
       WHERE c.i BETWEEN ${lo} AND ${hi}`),
  );
  g.progress.end();
}

/** Owners' monthly reports for last month, for the centres in operation. */
export async function loadMonthlyReports(g: Gen): Promise<void> {
  const now = lit(g.now.toISOString());
  g.progress.begin('monthly centre reports', 'center_monthly_reports');
  g.progress.step(
    await g.run(`
      INSERT INTO center_monthly_reports (center_id, month, internet_uptime_permille, power_uptime_permille,
        trainer_name, training_sessions, people_trained, notes, submitted_by, submitted_at, updated_at)
      SELECT center_id, (date_trunc('month', ${now}::timestamptz AT TIME ZONE 'Asia/Karachi') - interval '1 month')::date,
             (900 + floor(${g.R(140, 'i')} * 100))::int, (850 + floor(${g.R(141, 'i')} * 150))::int,
             NULL, floor(${g.R(142, 'i')} * 12)::int, floor(${g.R(143, 'i')} * 120)::int, NULL, owner_id,
             least(${now}::timestamptz, date_trunc('month', ${now}::timestamptz) + interval '4 days'),
             least(${now}::timestamptz, date_trunc('month', ${now}::timestamptz) + interval '4 days')
        FROM mz_centre WHERE status = 'operational'`),
  );
  g.progress.end();
}

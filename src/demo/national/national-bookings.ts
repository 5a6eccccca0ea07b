import { seatKindSql, seatLayout } from './national-centres.ts';
import { daysAhead } from './national-options.ts';
import { chunkedOn, type Gen, lit } from './national-sql.ts';

/**
 * The slots a seat can be booked in during one day, as minutes after midnight (Karachi wall clock).
 * Slots of one seat never overlap, so the exclusion constraint holds by construction:
 * a hot desk is either a day pass, or up to three hourly stretches (morning, afternoon, evening);
 * on Friday the morning ends by 12:30 and the afternoon starts after Jumu'ah prayer; Sunday opens
 * 11:00–18:00. Meeting rooms go by the hour with a gap longer than any centre's buffer.
 * `p` is the base probability the slot is taken, before the day's and the centre's factors.
 */
const SLOTS = [
  // kind, mode, slot, start (Mon–Thu, Sat), start Friday, start Sunday (null = none), steps of 30 min, min minutes, p, plan
  ['hot_desk', 'day', 0, 540, 540, 660, 5, 360, 0.8, 'day_pass'],
  ['hot_desk', 'hour', 1, 540, 540, null, 5, 120, 0.3, 'hourly'],
  ['hot_desk', 'hour', 2, 840, 870, 840, 4, 90, 0.38, 'hourly'],
  ['hot_desk', 'hour', 3, 1080, 1080, null, 3, 90, 0.45, 'hourly'],
  ['dedicated_desk', 'day', 0, 540, 540, 660, 5, 360, 0.45, 'day_pass'],
  ['cabin', 'day', 0, 540, 540, 660, 5, 360, 0.5, 'day_pass'],
  ['meeting_room', 'hour', 1, 600, 600, null, 1, 60, 0.3, 'meeting_room'],
  ['meeting_room', 'hour', 2, 690, 690, null, 1, 60, 0.25, 'meeting_room'],
  ['meeting_room', 'hour', 3, 900, 900, 900, 1, 60, 0.35, 'meeting_room'],
  ['meeting_room', 'hour', 4, 1020, 1020, 1020, 1, 60, 0.3, 'meeting_room'],
  ['meeting_room', 'hour', 5, 1140, 1140, null, 1, 60, 0.2, 'meeting_room'],
] as const;

/** Weekday factors, ISO 1 = Monday: peaks midweek, a Friday dip, a quiet Saturday, a low Sunday. */
const WEEKDAY = { 1: 1.0, 2: 1.08, 3: 1.08, 4: 1.0, 5: 0.8, 6: 0.7, 7: 0.4 } as const;

/**
 * Loads the bookings. `more` are generators on further connections (each with its own mz_centre,
 * from planCentres) that share the big stage's chunks: the work is CPU-bound in each backend.
 */
export async function loadBookings(g: Gen, more: readonly Gen[] = []): Promise<void> {
  const { o } = g;
  for (const x of [g, ...more]) await bookingTables(x);
  const S = o.seatsPerCenter;
  const l = seatLayout(S);
  const now = `${lit(g.now.toISOString())}::timestamptz`;
  const past = o.days;
  const ahead = daysAhead(o.days);
  const today = `(${now} AT TIME ZONE 'Asia/Karachi')::date`;

  // Dedicated desks let by the month: one booking over the first 30 days of the window.
  const monthlyShare = 0.55;
  const booker = (r: string) =>
    o.freelancers >= o.centers
      ? `(c.i + ${o.centers} * floor(${r} * ${Math.floor(o.freelancers / o.centers)}))::int8`
      : `floor(${r} * ${o.freelancers})::int8`;
  const perChunk = Math.max(1, Math.floor((o.chunkRows ?? 60_000) / (S * (past + ahead) * 0.3)));
  g.progress.begin('bookings: monthly desks', 'bookings');
  g.progress.step(
    await g.run(`
      INSERT INTO bookings (center_id, booking_id, seat_id, booker_id, plan, during, blocked, status, price_minor, paid,
        created_at, checked_in_at)
      SELECT c.center_id, ${g.U('bk', 'c.i', 'k', "'m'")}, ${g.U('seat', 'c.i', 'k')}, ${g.U('fl', booker(g.R(200, 'c.i', 'k')))},
             'monthly', tstzrange(t.s, t.s + interval '30 days', '[)'), tstzrange(t.s, t.s + interval '30 days', '[)'),
             CASE WHEN t.s <= ${now} THEN 'checked_in' ELSE 'confirmed' END, c.price_hourly * 7 * 18, t.s <= ${now},
             t.s - interval '3 days', CASE WHEN t.s <= ${now} THEN t.s + interval '1 hour' END
        FROM mz_centre c
        CROSS JOIN generate_series(${l.hot}, ${l.hot + l.dedicated - 1}) k
        CROSS JOIN LATERAL (SELECT ((${today} - ${past}) + time '09:00') AT TIME ZONE 'Asia/Karachi' AS s) t
       WHERE c.status = 'operational' AND ${g.R(201, 'c.i', 'k')} < ${monthlyShare}`),
  );
  g.progress.end();

  g.progress.begin('bookings: hourly, day passes, meetings', 'bookings', Math.ceil(o.centers / perChunk));
  await chunkedOn([g, ...more], o.centers, perChunk, (g, lo, hi) =>
    g.run(`
      INSERT INTO bookings (center_id, booking_id, seat_id, booker_id, plan, during, blocked, status, price_minor, paid,
        created_at, cancelled_at, cancel_reason, late_cancellation, checked_in_at, released_at)
      SELECT center_id, ${g.U('bk', 'i', 'k', 'd', 'slot')}, seat_id, ${g.U('fl', 'fl')}, plan,
             tstzrange(s, e, '[)'),
             tstzrange(s, CASE WHEN plan = 'meeting_room' THEN e + make_interval(mins => buffer_minutes) ELSE e END, '[)'),
             status, price, status = 'checked_in', created,
             CASE WHEN status = 'cancelled' THEN cancelled END,
             CASE WHEN status = 'cancelled' THEN 'booker' END,
             status = 'cancelled' AND cancelled > s - interval '2 hours',
             CASE WHEN status = 'checked_in' THEN s + make_interval(mins => floor(r3 * 20)::int) END,
             CASE WHEN status = 'no_show' THEN s + interval '30 minutes' END
        FROM (
          SELECT x.*,
                 CASE WHEN s + interval '30 minutes' <= ${now}
                      THEN CASE WHEN r2 < 0.06 THEN 'cancelled' WHEN r2 < 0.14 THEN 'no_show' ELSE 'checked_in' END
                      ELSE CASE WHEN r2 < 0.05 AND created < ${now} THEN 'cancelled' ELSE 'confirmed' END END AS status,
                 created + (least(s, ${now}) - created) * r3 AS cancelled
            FROM (
              SELECT y.*, y.s + make_interval(mins => y.minutes) AS e,
                     least(y.s - make_interval(hours => 1 + floor(r3 * 72)::int), ${now} - make_interval(mins => floor(r3 * 600)::int)) AS created,
                     CASE WHEN y.plan = 'day_pass' THEN y.price_hourly * 7
                          WHEN y.plan = 'meeting_room' THEN y.price_hourly * 4 * y.minutes / 60
                          ELSE y.price_hourly * y.minutes / 60 END AS price
                FROM (
                  SELECT c.i, c.center_id, c.price_hourly, c.buffer_minutes, k, dd.d, sl.slot, sl.plan,
                         ${g.U('seat', 'c.i', 'k')} AS seat_id,
                         ${booker(g.R(210, 'c.i', 'k', 'dd.d', 'sl.slot'))} AS fl,
                         ((dd.day + make_interval(mins => CASE dd.dow WHEN 5 THEN sl.fri_min WHEN 7 THEN sl.sun_min ELSE sl.start_min END
                                     + CASE WHEN sl.mode = 'hour' AND sl.plan = 'hourly' THEN 30 * floor(${g.R(211, 'c.i', 'k', 'dd.d', 'sl.slot')} * 2)::int ELSE 0 END))
                           AT TIME ZONE 'Asia/Karachi') AS s,
                         -- (a Sunday day pass ends by 18:00, when the centre closes)
                         least(CASE WHEN dd.dow = 7 THEN 1080 - sl.sun_min ELSE 1440 END,
                               sl.min_minutes + CASE WHEN dd.dow = 5 AND sl.slot = 1 AND sl.plan = 'hourly' THEN 0
                                                ELSE 30 * floor(${g.R(212, 'c.i', 'k', 'dd.d', 'sl.slot')} * sl.steps)::int END) AS minutes,
                         ${g.R(213, 'c.i', 'k', 'dd.d', 'sl.slot')} AS r2,
                         ${g.R(214, 'c.i', 'k', 'dd.d', 'sl.slot')} AS r3
                    FROM mz_centre c
                    CROSS JOIN generate_series(0, ${S - 1}) k
                    CROSS JOIN mz_day dd
                    JOIN mz_slot sl ON sl.kind = ${seatKindSql(S)}
                   WHERE c.i BETWEEN ${lo} AND ${hi} AND c.status = 'operational'
                     AND (dd.dow <> 7 OR (c.sunday_open AND sl.sun_min IS NOT NULL))
                     -- a hot desk's day: a day pass (15%) or hourly stretches (85%)
                     AND (sl.kind <> 'hot_desk' OR (sl.mode = 'day') = (${g.R(215, 'c.i', 'k', 'dd.d')} < 0.15))
                     -- dedicated desks let by the month take no day passes
                     AND (sl.kind <> 'dedicated_desk' OR ${g.R(201, 'c.i', 'k')} >= ${monthlyShare} OR dd.d >= ${30 - past})
                     AND ${g.R(216, 'c.i', 'k', 'dd.d', 'sl.slot')} < sl.p * dd.factor * c.popularity
                ) y
            ) x
        ) z`),
  );
  g.progress.end();
}

/** The slots and the days, in temporary tables of the generator's session. */
async function bookingTables(g: Gen): Promise<void> {
  const { o } = g;
  const now = `${lit(g.now.toISOString())}::timestamptz`;
  const past = o.days;
  const ahead = daysAhead(o.days);
  const today = `(${now} AT TIME ZONE 'Asia/Karachi')::date`;
  await g.run(`
    CREATE TEMP TABLE mz_slot (kind text, mode text, slot int, start_min int, fri_min int, sun_min int, steps int,
                               min_minutes int, p float8, plan text)`);
  await g.run(
    `INSERT INTO mz_slot VALUES ${SLOTS.map((s) => `(${s.map((v) => (v === null ? 'NULL' : typeof v === 'string' ? lit(v) : v)).join(', ')})`).join(', ')}`,
  );
  await g.run(`
    CREATE TEMP TABLE mz_day AS
    SELECT d, (${today} + d) AS day, extract(isodow FROM ${today} + d)::int AS dow
      FROM generate_series(-${past}, ${ahead - 1}) d`);
  await g.run(`ALTER TABLE mz_day ADD COLUMN factor float8`);
  await g.run(
    `UPDATE mz_day SET factor = CASE dow ${Object.entries(WEEKDAY)
      .map(([d, f]) => `WHEN ${d} THEN ${f}`)
      .join(' ')} END`,
  );
}

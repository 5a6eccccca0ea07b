/**
 * The benchmarks' data: the national dataset from `markaz seed --national` (the generator of
 * issue 7), then a little preparation of the bench's own, in SQL: sessions with known tokens for
 * the load generator (what a logged-in freelancer presents), and the booking targets: hot desks
 * in operational centres open 09:00–21:00 Monday to Saturday, with no closure ahead, and the
 * future days (Monday to Saturday, beyond the generated bookings) the loads book on.
 */
import { spawn } from 'node:child_process';
import { isoWeekday } from '../../src/modules/bookings/booking-window.ts';
import { addDays, karachiDate } from '../../src/shared/time.ts';
import { benchLoaderSql } from './bench-loader.ts';
import { keysDirFor, log, psql, ROOT } from './env.ts';

export type Size = { centers: number; seatsPerCenter: number; freelancers: number; days: number };

/** The booker of pgbench's raw inserts, so they can be told apart and removed. */
export const RAW_BOOKER_EMAIL = 'bench-raw@markaz.test';
/** Found by name: a server seals the email the loader wrote (decision 38), so it cannot be looked up by it. */
export const RAW_BOOKER_NAME = 'Bench raw SQL';
export const sessionToken = (f: number) => `bench-session-${f}`;
export const csrfToken = (f: number) => `bench-csrf-${f}`;

/** Runs the generator against PostgreSQL (databaseUrl) or PGlite (dataDir). */
export function seedNational(size: Size, target: { databaseUrl?: string; dataDir?: string }): Promise<void> {
  const args = [
    'bin/markaz.js',
    'seed',
    '--national',
    '--centers',
    String(size.centers),
    '--seats-per-center',
    String(size.seatsPerCenter),
    '--freelancers',
    String(size.freelancers),
    '--days',
    String(size.days),
    '--loans',
    '0',
  ];
  log(`dataset: markaz ${args.slice(1).join(' ')}`);
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: {
        ...process.env,
        MARKAZ_LOG_LEVEL: 'warn',
        // The generator makes the database's keys: in the folder every later server on it reads.
        ...(target.databaseUrl
          ? { DATABASE_URL: target.databaseUrl, MARKAZ_KEYS_DIR: keysDirFor(target.databaseUrl) }
          : { DATABASE_URL: '' }),
        ...(target.dataDir ? { MARKAZ_DATA_DIR: target.dataDir } : {}),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('exit', (code) =>
      code === 0 ? res() : rej(new Error(`markaz seed --national exited ${code}`)),
    );
  });
}

/**
 * Loads a dataset of this size: the bench's own loader (migrating first), or with `generator`
 * `markaz seed --national`. PostgreSQL (databaseUrl) or PGlite (dataDir; the caller migrates and
 * runs `exec`).
 */
export async function loadDataset(
  size: Size,
  opts:
    | { generator: boolean; databaseUrl: string }
    | { generator: boolean; exec: (sql: string) => Promise<unknown>; dataDir: string },
): Promise<void> {
  if (opts.generator) {
    await seedNational(
      size,
      'databaseUrl' in opts ? { databaseUrl: opts.databaseUrl } : { dataDir: opts.dataDir },
    );
    return;
  }
  log(
    `dataset (bench loader): ${size.centers} centres × ${size.seatsPerCenter} seats, ${size.freelancers} freelancers`,
  );
  for (const stmt of benchLoaderSql(size)) {
    const t = performance.now();
    if ('databaseUrl' in opts) psql(opts.databaseUrl, stmt);
    else await opts.exec(stmt);
    const what = /INSERT INTO (\w+)/.exec(stmt)?.[1];
    if (what) log(`  ${what}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
}

/** The days the booking loads book on: Monday to Saturday, from 10 days ahead to the 30-day horizon. */
export function benchDays(now = new Date()): string[] {
  const today = karachiDate(now);
  const out: string[] = [];
  for (let d = 10; d <= 29; d++) {
    const day = addDays(today, d);
    if (isoWeekday(day) !== 7) out.push(day);
  }
  return out;
}

/** The cities' points, around which the search loads draw their queries. */
export function cityPoints(pgUrl: string): { lat: number; lng: number }[] {
  return psql(pgUrl, 'SELECT latitude, longitude FROM cities ORDER BY id')
    .split('\n')
    .map((line) => {
      const [lat, lng] = line.split('|').map(Number);
      return { lat: lat!, lng: lng! };
    });
}

/** Hourly slots a day on each target seat: 09:00–10:00 … 20:00–21:00. */
export const HOURS_A_DAY = 12;
export const FIRST_HOUR = 9;

/** The preparation, as SQL statements to run in order (psql or PGlite's exec). */
export function prepareSql(opts: { sessions: number; maxSeats: number; days: string[] }): string[] {
  const first = opts.days[0]!;
  const last = opts.days[opts.days.length - 1]!;
  return [
    `DROP TABLE IF EXISTS bench_seats, bench_days`,
    // An earlier run on a kept database (--database-url) left its bookings on the bench's days, which
    // lie beyond every generated booking: start from free seats again.
    `DELETE FROM bookings WHERE lower(during) >= '${first}'::date`,
    `DELETE FROM sessions WHERE csrf_token LIKE 'bench-csrf-%'`,
    `INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at)
     SELECT encode(sha256(convert_to('bench-session-' || f, 'UTF8')), 'hex'), id, 'bench-csrf-' || f, now(),
            now() + interval '2 days'
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS f FROM users
              WHERE role = 'freelancer' AND status = 'active' ORDER BY id LIMIT ${opts.sessions}) u`,
    `INSERT INTO users (email, name, role, password_hash, created_at, updated_at)
     SELECT '${RAW_BOOKER_EMAIL}', '${RAW_BOOKER_NAME}', 'freelancer', 'not-a-hash', now(), now()
      WHERE NOT EXISTS (SELECT 1 FROM users WHERE name = '${RAW_BOOKER_NAME}' AND role = 'freelancer')`,
    // Seat k of every centre before seat k+1 of any: the load spreads over all the centres.
    `CREATE TABLE bench_seats AS
     SELECT (row_number() OVER (ORDER BY s.k, s.center_id) - 1)::int AS i, s.center_id, s.seat_id, s.label
       FROM (SELECT st.center_id, st.seat_id, st.label, row_number() OVER (PARTITION BY st.center_id ORDER BY st.label) AS k
               FROM seats st JOIN centers c ON c.center_id = st.center_id
              WHERE st.kind = 'hot_desk' AND st.active AND c.status = 'operational'
                AND c.max_days_ahead >= 30 AND c.min_notice_minutes <= 60
                AND (SELECT count(*) FROM center_opening_hours h
                      WHERE h.center_id = c.center_id AND h.weekday BETWEEN 1 AND 6
                        AND h.opens <= '09:00' AND h.closes >= '21:00') = 6
                AND NOT EXISTS (SELECT 1 FROM center_closures x
                                 WHERE x.center_id = c.center_id AND x.ends_on >= current_date
                                   AND x.starts_on <= '${last}'::date)) s
      ORDER BY 1 LIMIT ${opts.maxSeats}`,
    `ALTER TABLE bench_seats ADD PRIMARY KEY (i)`,
    `CREATE TABLE bench_days AS
     SELECT (ordinality - 1)::int AS i, d::date AS day
       FROM unnest(ARRAY[${opts.days.map((d) => `'${d}'`).join(', ')}]::date[]) WITH ORDINALITY AS t(d, ordinality)`,
    `ALTER TABLE bench_days ADD PRIMARY KEY (i)`,
    'ANALYZE bench_seats',
    'ANALYZE bench_days',
  ];
}

export type Targets = {
  seats: { centerId: string; seatId: string }[];
  days: string[];
  sessions: number;
};

/** Parses `SELECT center_id, seat_id FROM bench_seats ORDER BY i` as psql -At prints it. */
export function parseSeats(text: string): Targets['seats'] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [centerId, seatId] = line.split('|');
      return { centerId: centerId!, seatId: seatId! };
    });
}

/** Slot n → a distinct (seat, day, hour): every seat first, then every hour, then every day. */
export function slotOf(n: number, t: { seats: unknown[]; days: string[] }) {
  const N = t.seats.length;
  const layer = Math.floor(n / N);
  const day = t.days[Math.floor(layer / HOURS_A_DAY)];
  return { seat: n % N, day, hour: FIRST_HOUR + (layer % HOURS_A_DAY) };
}

/**
 * Request n of the HTTP booking load → a freelancer and a distinct (seat, day, hour) that never
 * overlaps another booking of the same freelancer ("one person, one seat at a time" refuses
 * those with a 409, which `slotOf` plus round-robin freelancers ran into once a freelancer came
 * round a second time within one hour). Freelancer f's k-th booking is at time k (hour, then day)
 * on seat (f + k × sessions) mod N: distinct seats at one time while sessions ≤ N, distinct times
 * for one freelancer.
 */
export function freelancerSlotOf(n: number, t: { seats: unknown[]; days: string[]; sessions: number }) {
  const N = t.seats.length;
  if (t.sessions > N) throw new Error('the booking load needs at least as many seats as sessions');
  const f = n % t.sessions;
  const k = Math.floor(n / t.sessions);
  return {
    freelancer: 1 + f,
    seat: (f + k * t.sessions) % N,
    day: t.days[Math.floor(k / HOURS_A_DAY)],
    hour: FIRST_HOUR + (k % HOURS_A_DAY),
  };
}

/** The JSON body of an hourly booking of `seat` at the slot `freelancerSlotOf` gave (every booking load sends it). */
export function hourlyBookingBody(
  seat: { centerId: string; seatId: string },
  s: { day: string | undefined; hour: number },
): string {
  const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
  return JSON.stringify({
    centerId: seat.centerId,
    seatId: seat.seatId,
    plan: 'hourly',
    date: s.day,
    from: hh(s.hour),
    to: hh(s.hour + 1),
  });
}

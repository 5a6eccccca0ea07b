import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';
import { sweepPersonalData } from '../../platform/keys/index.ts';
import { addDays, karachiDate } from '../../shared/time.ts';
import { emailIndex } from '../identity/index.ts';

/** How many extra demo freelancers the history brings, spread over the bundled cities. */
export const HISTORY_FREELANCERS = 300;
/** Days of past use before today. */
export const HISTORY_DAYS = 30;

const FIRST = [
  'Ayesha',
  'Bilal',
  'Fatima',
  'Hamza',
  'Iqra',
  'Junaid',
  'Khadija',
  'Mahnoor',
  'Noman',
  'Omer',
  'Rabia',
  'Saad',
  'Sana',
  'Talha',
  'Usman',
  'Zainab',
  'Areeba',
  'Danish',
  'Hira',
  'Waqas',
];
const LAST = [
  'Ahmed',
  'Baloch',
  'Chaudhry',
  'Durrani',
  'Farooq',
  'Gillani',
  'Hussain',
  'Jamali',
  'Khan',
  'Lodhi',
  'Malik',
  'Niazi',
  'Qureshi',
  'Rajput',
  'Shah',
  'Tareen',
  'Yousafzai',
  'Zaidi',
];
const SKILLS = [
  'WordPress',
  'Graphic design',
  'Data entry',
  'React',
  'SEO',
  'Video editing',
  'Translation',
  'Python',
];

/**
 * A month of the centres' past, in bulk SQL (a few statements, not a service call per row, so the
 * demo stays quick to load): HISTORY_FREELANCERS more freelancers with profiles in cities all over
 * the country (the demo password, mobiles +92345…, no real person), and for each of the last
 * HISTORY_DAYS days before today most of the operational centres' hot desks booked for three to
 * eight hours inside opening hours, nearly all checked in, some cancelled by their booker. Each
 * freelancer holds at most one seat a day, so the no-overlap rules hold as the services would keep
 * them. The portal's "bookings", "occupancy" and "active freelancers" (30 days) and the centre
 * directory's occupancy bands are then never empty on a fresh start, whatever day it is.
 * Bulk rows are not written to the audit log one by one; the demo's own account of them is this
 * comment and the fixed ranges of email and mobile they use.
 */
export async function seedBookingHistory(deps: Deps): Promise<void> {
  const db = deps.db;
  const now = deps.clock.now();
  const today = karachiDate(now);
  const first = addDays(today, -HISTORY_DAYS);
  const pw = await db
    .selectFrom('users')
    .select('password_hash')
    .where('email_bidx', '=', await emailIndex(deps, 'freelancer1@markaz.pk'))
    .executeTakeFirst();
  if (!pw) return;
  const firstNames = sql.val(FIRST);
  const lastNames = sql.val(LAST);
  const skills = sql.val(SKILLS);

  // The freelancers, each created on a day of the last few months.
  await sql`
    INSERT INTO users (email, name, mobile, cnic, role, password_hash, locale, mobile_verified_at, created_at, updated_at)
    SELECT format('demo.freelancer%s@markaz.pk', lpad(i::text, 3, '0')),
           (${firstNames}::text[])[1 + i % ${FIRST.length}] || ' ' || (${lastNames}::text[])[1 + (i * 7) % ${LAST.length}],
           '+92345' || lpad(i::text, 7, '0'),
           '99' || lpad(i::text, 3, '0') || '-' || lpad((i * 7919)::text, 7, '0') || '-' || (i % 10)::text,
           'freelancer', ${pw.password_hash}, CASE WHEN i % 3 = 0 THEN 'ur' ELSE 'en' END,
           ${now}::timestamptz - (40 + i % 90) * interval '1 day',
           ${now}::timestamptz - (40 + i % 90) * interval '1 day',
           ${now}::timestamptz - (40 + i % 90) * interval '1 day'
    FROM generate_series(1, ${HISTORY_FREELANCERS}) AS i`.execute(db);

  // Profiles: home cities spread over every province's cities, the big ones more often.
  await sql`
    WITH f AS (
      SELECT id, row_number() OVER (ORDER BY email) AS i FROM users WHERE email LIKE 'demo.freelancer%@markaz.pk'
    ), c AS (
      SELECT id, row_number() OVER (ORDER BY province_code, name_en) AS j, count(*) OVER () AS n FROM cities
    ), big AS (
      SELECT array_agg(id ORDER BY id) AS ids FROM cities
      WHERE name_en IN ('Lahore', 'Karachi', 'Islamabad', 'Peshawar', 'Multan', 'Quetta', 'Faisalabad', 'Rawalpindi')
    )
    INSERT INTO freelancer_profiles (user_id, skills, platforms, home_city_id, updated_at)
    SELECT f.id,
           ARRAY[(${skills}::text[])[1 + f.i % ${SKILLS.length}], (${skills}::text[])[1 + (f.i * 3 + 1) % ${SKILLS.length}]],
           CASE WHEN f.i % 2 = 0 THEN ARRAY['upwork', 'fiverr'] ELSE ARRAY['fiverr'] END,
           CASE WHEN f.i % 2 = 0 THEN big.ids[1 + f.i % cardinality(big.ids)]
                ELSE (SELECT c.id FROM c WHERE c.j = 1 + (f.i * 37) % c.n) END,
           ${now}::timestamptz
    FROM f, big`.execute(db);

  // A month of use. Each (day, desk) gets at most one booking, and the freelancer of a desk on a
  // day is (desk's place in the network + 37 × day) mod the freelancers: with fewer desks than
  // freelancers, nobody holds two seats on one day.
  await sql`
    WITH f AS (
      SELECT id, row_number() OVER (ORDER BY email) - 1 AS k FROM users WHERE email LIKE 'demo.freelancer%@markaz.pk'
    ), desks AS (
      SELECT s.center_id, s.seat_id, row_number() OVER (ORDER BY s.center_id, s.label) - 1 AS g,
             (ci.name_en = 'Karachi') AS evening
      FROM seats s JOIN centers c ON c.center_id = s.center_id JOIN cities ci ON ci.id = c.city_id
      WHERE c.status = 'operational' AND s.kind = 'hot_desk' AND s.active
    ), days AS (
      SELECT d::date AS day, row_number() OVER (ORDER BY d) AS n
      FROM generate_series(${first}::date, ${addDays(today, -1)}::date, interval '1 day') AS d
    ), slots AS (
      SELECT desks.center_id, desks.seat_id, days.day, days.n, desks.g,
             (days.day + CASE WHEN desks.evening THEN time '15:00' ELSE time '10:00' END + ((desks.g + days.n) % 2) * interval '1 hour')
               AT TIME ZONE 'Asia/Karachi' AS starts,
             -- 3 to 7 hours from 10 or 11: inside even Sunday's 10:00–18:00.
             3 + (desks.g * 5 + days.n * 3) % 5 AS hours,
             (desks.g * 13 + days.n * 7) % 20 AS dice
      FROM desks, days
    )
    INSERT INTO bookings (center_id, seat_id, booker_id, plan, during, blocked, status, price_minor, paid,
                          created_at, cancelled_at, cancel_reason, checked_in_at)
    SELECT s.center_id, s.seat_id, f.id, 'hourly',
           tstzrange(s.starts, s.starts + (s.hours) * interval '1 hour'),
           tstzrange(s.starts, s.starts + (s.hours) * interval '1 hour'),
           CASE WHEN s.dice < 2 THEN 'cancelled' ELSE 'checked_in' END,
           s.hours * 10000, s.dice >= 2,
           s.starts - interval '1 day',
           CASE WHEN s.dice < 2 THEN s.starts - interval '3 hours' END,
           CASE WHEN s.dice < 2 THEN 'booker' END,
           CASE WHEN s.dice >= 2 THEN s.starts + (3 + (s.g % 20)) * interval '1 minute' END
    FROM slots s JOIN f ON f.k = (s.g + 37 * s.n) % ${HISTORY_FREELANCERS}
    -- Not every desk every day: busier mid-week, some desks empty.
    WHERE (s.g * 11 + s.n * 5) % 10 < CASE WHEN extract(isodow FROM s.day) IN (6, 7) THEN 4 ELSE 7 END`.execute(
    db,
  );
  // The bulk rows went in with their email, mobile and CNIC in clear (the SQL above needs them to
  // pick the demo's own rows); seal them now, as the application seals everything it keeps.
  await sweepPersonalData(deps);
}

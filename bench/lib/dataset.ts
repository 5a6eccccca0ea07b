/**
 * A small set-based loader for what the benchmarks need when `markaz seed --national` is not
 * there to provide it: operational centres spread over the cities in the geography tables, one
 * hot-desk area of seats each, opening hours, freelancers, a booking history, and sessions with
 * known tokens for the load generator (sessions are what a logged-in freelancer presents).
 * Ids are md5-derived, so the bench can name a seat without asking the database.
 */
import { createHash } from 'node:crypto';
import { addDays, karachiDate } from '../../src/shared/time.ts';

export type Size = {
  centers: number;
  seatsPerCenter: number;
  freelancers: number;
  /** Days of booking history (from tomorrow) loaded before the benchmarks run. */
  historyDays: number;
  /** Freelancers given a session the load generator can present. */
  sessions: number;
};

export const OWNER_ID = '00000000-0000-4000-8000-0000000000b1';
/** The booker of pgbench's raw inserts, so they can be told apart and removed. */
export const RAW_BOOKER_ID = '00000000-0000-4000-8000-0000000000b2';

export function md5Uuid(text: string): string {
  const h = createHash('md5').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20)}`;
}
export const centerId = (g: number) => md5Uuid(`c${g}`);
export const seatId = (g: number, k: number) => md5Uuid(`s${g}-${k}`);
export const freelancerId = (f: number) => md5Uuid(`f${f}`);
export const sessionToken = (f: number) => `bench-session-${f}`;
export const csrfToken = (f: number) => `bench-csrf-${f}`;

/** The first day the benchmarks book on; the history lies before it. */
export function firstBenchDay(size: Size, now = new Date()): string {
  return addDays(karachiDate(now), size.historyDays + 2);
}

/** md5 of a text, as a version-4 UUID (the API validates UUIDs), in SQL as md5Uuid is in TS. */
export const BENCH_UUID_FUNCTION = `CREATE OR REPLACE FUNCTION bench_uuid(text) RETURNS uuid LANGUAGE sql IMMUTABLE AS
       $$ SELECT (substr(md5($1), 1, 12) || '4' || substr(md5($1), 14, 3) || '8' || substr(md5($1), 18, 15))::uuid $$`;

/** The loader as SQL statements, to run in order (psql or PGlite's exec). */
export function datasetSql(size: Size): string[] {
  const { centers: C, seatsPerCenter: S, freelancers: F, historyDays: D, sessions: K } = size;
  return [
    BENCH_UUID_FUNCTION,
    `INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) VALUES
       ('${OWNER_ID}', 'bench-owner@markaz.test', 'Bench owner', 'owner', 'not-a-hash', now(), now()),
       ('${RAW_BOOKER_ID}', 'bench-raw@markaz.test', 'Bench raw SQL', 'freelancer', 'not-a-hash', now(), now())`,
    // Centres around the cities, a few kilometres of jitter, prices and amenities varied.
    `INSERT INTO centers (center_id, owner_id, name_en, address, city_id, province_code, latitude, longitude,
            status, status_changed_at, internet_mbps, has_ups, backup_power_hours, women_only_area, prayer_area,
            parking, accessible, price_hourly_minor, price_day_pass_minor, price_monthly_desk_minor,
            price_meeting_room_hourly_minor, max_days_ahead, created_at, updated_at)
     SELECT bench_uuid('c' || g), '${OWNER_ID}', 'Bench centre ' || g, 'Plot ' || g || ', Main Boulevard', ci.id,
            ci.province_code,
            least(37.4, greatest(23.1, ci.latitude + ((g * 7919 % 1000) / 1000.0 - 0.5) * 0.12)),
            least(77.9, greatest(60.6, ci.longitude + ((g * 104729 % 1000) / 1000.0 - 0.5) * 0.12)),
            'operational', now(), 20 + g % 200, g % 2 = 0, g % 8, g % 3 = 0, g % 2 = 1, g % 4 = 0, g % 5 = 0,
            15000 + (g % 10) * 2500, 120000 + (g % 7) * 10000, 2500000, 100000, 60, now(), now()
       FROM generate_series(1, ${C}) g
       JOIN (SELECT id, province_code, latitude, longitude,
                    (row_number() OVER (ORDER BY id) - 1)::int AS k, (count(*) OVER ())::int AS n
               FROM cities) ci ON ci.k = g % ci.n`,
    `INSERT INTO center_spaces (center_id, space_id, kind, name, capacity, created_at)
     SELECT bench_uuid('c' || g), bench_uuid('sp' || g), 'hot_desk_area', 'Main hall', ${Math.min(S, 1000)}, now()
       FROM generate_series(1, ${C}) g`,
    `INSERT INTO seats (center_id, seat_id, space_id, label, kind, created_at)
     SELECT bench_uuid('c' || g), bench_uuid('s' || g || '-' || k), bench_uuid('sp' || g), 'D-' || k, 'hot_desk', now()
       FROM generate_series(1, ${C}) g, generate_series(1, ${S}) k`,
    `INSERT INTO center_opening_hours (center_id, weekday, opens, closes)
     SELECT bench_uuid('c' || g), d, '08:00', '22:00' FROM generate_series(1, ${C}) g, generate_series(1, 7) d`,
    `INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at)
     SELECT bench_uuid('f' || f), 'f' || f || '@bench.markaz.test', 'Freelancer ' || f, 'freelancer', 'not-a-hash',
            now(), now()
       FROM generate_series(1, ${F}) f`,
    `INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at)
     SELECT encode(sha256(convert_to('bench-session-' || f, 'UTF8')), 'hex'), bench_uuid('f' || f),
            'bench-csrf-' || f, now(), now() + interval '2 days'
       FROM generate_series(1, ${Math.min(K, F)}) f`,
    // History: about a third of the seats hold one booking of 1–3 hours a day, at varied hours.
    `INSERT INTO bookings (center_id, seat_id, booker_id, plan, during, blocked, status, price_minor, created_at)
     SELECT bench_uuid('c' || g), bench_uuid('s' || g || '-' || k), bench_uuid('f' || (1 + (g * ${S} + k) % ${F})),
            'hourly', r, r, 'confirmed', 25000, now()
       FROM generate_series(1, ${C}) g, generate_series(1, ${S}) k, generate_series(1, ${D}) d,
            LATERAL (SELECT tstzrange(t, t + (1 + (g + k + d) % 3) * interval '1 hour', '[)') AS r
                       FROM (SELECT (date_trunc('day', now() AT TIME ZONE 'Asia/Karachi') + d * interval '1 day'
                                     + (8 + (g * 31 + k * 17 + d * 7) % 11) * interval '1 hour')
                                     AT TIME ZONE 'Asia/Karachi' AS t) x) w
      WHERE (g + k * 7 + d * 3) % 3 = 0`,
    'ANALYZE',
  ];
}

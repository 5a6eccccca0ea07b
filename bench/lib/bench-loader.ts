/**
 * The bench's own set-based loader, the default while `markaz seed --national` writes ids the
 * API refuses (md5 cast to uuid without the RFC 4122 version and variant bits: Zod's uuid check
 * answers 400 to a booking of a generated seat, and the response serializer 500 to a search that
 * finds a generated centre). `--generator` uses the generator instead.
 * Operational centres spread over the cities of the geography tables, a hot-desk hall of seats
 * each, open 08:00–22:00 every day, freelancers, and four days of booking history from tomorrow.
 */
import type { Size } from './dataset.ts';

const OWNER_ID = '00000000-0000-4000-8000-0000000000b1';

/** md5 of a text as a version-4 UUID: deterministic ids computed in SQL. */
export const BENCH_UUID_FUNCTION = `CREATE OR REPLACE FUNCTION bench_uuid(text) RETURNS uuid LANGUAGE sql IMMUTABLE AS
  $$ SELECT (substr(md5($1), 1, 12) || '4' || substr(md5($1), 14, 3) || '8' || substr(md5($1), 18, 15))::uuid $$`;

/** The loader as SQL statements, to run in order after the migrations. */
export function benchLoaderSql(size: Size): string[] {
  const { centers: C, seatsPerCenter: S, freelancers: F } = size;
  const D = 4;
  return [
    BENCH_UUID_FUNCTION,
    `INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) VALUES
       ('${OWNER_ID}', 'bench-owner@markaz.test', 'Bench owner', 'owner', 'not-a-hash', now(), now())`,
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
    // History: about a third of the seats hold one booking of 1–3 hours a day, at varied hours.
    // The free-seat feed is off meanwhile (one message at the end, not one per booking; decision 0068).
    'ALTER TABLE bookings DISABLE TRIGGER free_seats_booking',
    `INSERT INTO bookings (center_id, seat_id, booker_id, plan, during, blocked, status, price_minor, created_at)
     SELECT bench_uuid('c' || g), bench_uuid('s' || g || '-' || k), bench_uuid('f' || (1 + (g * ${S} + k) % ${F})),
            'hourly', r, r, 'confirmed', 25000, now()
       FROM generate_series(1, ${C}) g, generate_series(1, ${S}) k, generate_series(1, ${D}) d,
            LATERAL (SELECT tstzrange(t, t + (1 + (g + k + d) % 3) * interval '1 hour', '[)') AS r
                       FROM (SELECT (date_trunc('day', now() AT TIME ZONE 'Asia/Karachi') + d * interval '1 day'
                                     + (8 + (g * 31 + k * 17 + d * 7) % 11) * interval '1 hour')
                                     AT TIME ZONE 'Asia/Karachi' AS t) x) w
      WHERE (g + k * 7 + d * 3) % 3 = 0`,
    'ALTER TABLE bookings ENABLE TRIGGER free_seats_booking',
    "SELECT pg_notify('markaz_free_seats', 'a')",
    // VACUUM sets the visibility map (autovacuum would, in service): seat counts become index-only.
    'VACUUM ANALYZE',
  ];
}

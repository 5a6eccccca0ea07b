import { type Kysely, sql } from 'kysely';

// How many hours a day's opening lasts, in one place (issue 17): a centre open 14:00–02:00 is open
// twelve hours, not minus twelve. A closing at or before the opening is the next morning (00:00 to
// 00:00 is the whole day). Occupancy on the public centre pages and the portal's headline both
// divide by it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION opening_span_hours(opens time, closes time) RETURNS double precision
    LANGUAGE sql IMMUTABLE AS $$
      SELECT (extract(epoch FROM (closes - opens)) / 3600.0
              + CASE WHEN closes <= opens THEN 24 ELSE 0 END)::double precision
    $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP FUNCTION opening_span_hours(time, time)`.execute(db);
}

import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per operational centre for the public directory, refreshed in the background with the
  // public figures, so the directory and centre pages never scan bookings: the occupancy of the
  // last 30 days (basis points) and the uptime of the latest monthly report.
  await sql`
    CREATE TABLE public_centre_stats (
      center_id uuid PRIMARY KEY REFERENCES centers(center_id) ON DELETE CASCADE,
      occupancy_bp integer CHECK (occupancy_bp >= 0),
      report_month date,
      internet_uptime_permille integer CHECK (internet_uptime_permille BETWEEN 0 AND 1000),
      power_uptime_permille integer CHECK (power_uptime_permille BETWEEN 0 AND 1000),
      computed_at timestamptz NOT NULL
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS public_centre_stats`.execute(db);
}

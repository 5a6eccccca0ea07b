import { type Kysely, sql } from 'kysely';

// Inspection visits (issue 14, "inspection booked"): programme staff book a date and time window
// for visiting a centre under set-up; the owner is told when it is booked, moved or cancelled.
// One booked visit per centre at a time (a partial unique index); a cancelled one stays, with its
// reason, as the history of what the owner was told.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE center_inspection_visits (
      visit_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      center_id uuid NOT NULL REFERENCES centers(center_id),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      status text NOT NULL CHECK (status IN ('booked', 'cancelled', 'done')),
      note text CHECK (note IS NULL OR length(note) <= 500),
      booked_by uuid REFERENCES users(id),
      reschedules integer NOT NULL DEFAULT 0,
      cancel_reason text CHECK (cancel_reason IS NULL OR length(cancel_reason) BETWEEN 3 AND 500),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK (ends_at > starts_at),
      CHECK (ends_at - starts_at <= interval '10 hours')
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX center_inspection_visits_one_booked
    ON center_inspection_visits (center_id) WHERE status = 'booked'`.execute(db);
  await sql`CREATE INDEX center_inspection_visits_upcoming
    ON center_inspection_visits (starts_at) WHERE status = 'booked'`.execute(db);
}

import { type Kysely, sql } from 'kysely';

// The remittance settings staff change on the web (issue 23 follow-up): how many days a bank may
// leave a dispute unanswered before its officers are reminded. One row at most; without it the
// period is MARKAZ_DISPUTE_REMINDER_DAYS (default 7), as before.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE remittance_settings (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    dispute_reminder_days integer NOT NULL CHECK (dispute_reminder_days BETWEEN 1 AND 365),
    updated_by uuid REFERENCES users(id),
    updated_at timestamptz NOT NULL
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE remittance_settings`.execute(db);
}

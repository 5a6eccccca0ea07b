import { type Kysely, sql } from 'kysely';

// Remittance disputes (issue 23): a bank that leaves one unanswered is reminded each period
// (`reminders`, `last_reminded_at`, so a re-run of the job sends nothing twice); a freelancer who
// still disagrees after the bank confirmed its figure escalates it to programme staff
// (status 'escalated', their reason), who close it with a note (`resolution_text`) that sits
// beside the bank's answer rather than replacing it.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE remittance_disputes
    ADD COLUMN reminders integer NOT NULL DEFAULT 0,
    ADD COLUMN last_reminded_at timestamptz,
    ADD COLUMN escalation_text text,
    ADD COLUMN escalated_at timestamptz,
    ADD COLUMN resolution_text text`.execute(db);
  await sql`ALTER TABLE remittance_disputes DROP CONSTRAINT remittance_disputes_status_check`.execute(db);
  await sql`ALTER TABLE remittance_disputes ADD CONSTRAINT remittance_disputes_status_check
    CHECK (status IN ('open', 'confirmed', 'corrected', 'escalated', 'resolved'))`.execute(db);
  // The reminder job's search: open disputes by when they were last nudged.
  await sql`CREATE INDEX remittance_disputes_open_idx ON remittance_disputes
    ((coalesce(last_reminded_at, created_at))) WHERE status = 'open'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX remittance_disputes_open_idx`.execute(db);
  await sql`UPDATE remittance_disputes SET status = 'confirmed' WHERE status = 'escalated'`.execute(db);
  await sql`ALTER TABLE remittance_disputes DROP CONSTRAINT remittance_disputes_status_check`.execute(db);
  await sql`ALTER TABLE remittance_disputes ADD CONSTRAINT remittance_disputes_status_check
    CHECK (status IN ('open', 'confirmed', 'corrected', 'resolved'))`.execute(db);
  await sql`ALTER TABLE remittance_disputes
    DROP COLUMN reminders, DROP COLUMN last_reminded_at, DROP COLUMN escalation_text,
    DROP COLUMN escalated_at, DROP COLUMN resolution_text`.execute(db);
}

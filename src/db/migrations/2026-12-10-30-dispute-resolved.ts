import { type Kysely, sql } from 'kysely';

// Staff may close a dispute a bank leaves unanswered (after phoning the bank, or when the
// freelancer withdraws it): status 'resolved', the note in answer_text, the person in answered_by.
// The bank's figures are not changed by staff; only the bank corrects its lines.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE remittance_disputes DROP CONSTRAINT remittance_disputes_status_check`.execute(db);
  await sql`ALTER TABLE remittance_disputes ADD CONSTRAINT remittance_disputes_status_check
    CHECK (status IN ('open', 'confirmed', 'corrected', 'resolved'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE remittance_disputes DROP CONSTRAINT remittance_disputes_status_check`.execute(db);
  await sql`ALTER TABLE remittance_disputes ADD CONSTRAINT remittance_disputes_status_check
    CHECK (status IN ('open', 'confirmed', 'corrected'))`.execute(db);
}

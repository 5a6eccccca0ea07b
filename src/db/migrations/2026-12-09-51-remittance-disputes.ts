import { type Kysely, sql } from 'kysely';

// A freelancer disputes a bank's attested line (the amount is wrong, or the money is not theirs);
// the bank answers by confirming its figure or correcting it (decision 0044). One open dispute per
// line; the answer and any correction stay on the record.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE remittance_disputes (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    bank_id uuid NOT NULL REFERENCES organizations(id),
    iban text NOT NULL,
    month date NOT NULL CHECK (extract(day FROM month) = 1),
    purpose_code text NOT NULL,
    freelancer_id uuid NOT NULL REFERENCES users(id),
    reason text NOT NULL CHECK (reason IN ('wrong_amount', 'not_mine')),
    claimed_usd_minor bigint CHECK (claimed_usd_minor >= 0),
    text text NOT NULL CHECK (length(text) BETWEEN 5 AND 1000),
    attested_usd_minor bigint NOT NULL,
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'corrected')),
    answer_text text,
    corrected_usd_minor bigint CHECK (corrected_usd_minor >= 0),
    answered_by uuid REFERENCES users(id),
    answered_at timestamptz,
    created_at timestamptz NOT NULL,
    CHECK ((status = 'open') = (answered_at IS NULL)),
    CHECK ((status = 'corrected') = (corrected_usd_minor IS NOT NULL))
  )`.execute(db);
  await sql`CREATE UNIQUE INDEX remittance_disputes_open ON remittance_disputes (bank_id, iban, month, purpose_code)
    WHERE status = 'open'`.execute(db);
  await sql`CREATE INDEX remittance_disputes_bank ON remittance_disputes (bank_id, status, created_at)`.execute(
    db,
  );
  await sql`CREATE INDEX remittance_disputes_freelancer ON remittance_disputes (freelancer_id, created_at DESC)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE remittance_disputes`.execute(db);
}

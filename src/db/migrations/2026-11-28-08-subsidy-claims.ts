import { type Kysely, sql } from 'kysely';

// Quarterly markup-subsidy claims from partner banks, reconciled line by line against Markaz's own
// accruals; the admin's decision and the payment, which posts to the ledger.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE subsidy_claims (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      bank_id uuid NOT NULL REFERENCES organizations(id),
      quarter text NOT NULL CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'),
      period_start date NOT NULL,
      period_end date NOT NULL,
      status text NOT NULL CHECK (status IN ('reconciled', 'approved', 'partly_approved', 'disputed', 'paid')),
      due_by date NOT NULL,
      filed_late boolean NOT NULL,
      claimed_minor bigint NOT NULL CHECK (claimed_minor >= 0),
      computed_minor bigint NOT NULL CHECK (computed_minor >= 0),
      approved_minor bigint CHECK (approved_minor >= 0 AND approved_minor <= claimed_minor),
      decision_note text,
      decided_at timestamptz,
      paid_minor bigint NOT NULL DEFAULT 0 CHECK (paid_minor >= 0),
      paid_on date,
      payment_reference text,
      filed_at timestamptz NOT NULL,
      UNIQUE (bank_id, quarter),
      CHECK (status IN ('reconciled', 'disputed') OR approved_minor IS NOT NULL),
      CHECK (status <> 'paid' OR (paid_on IS NOT NULL AND paid_minor = approved_minor))
    )`.execute(db);
  await sql`
    CREATE TABLE subsidy_claim_lines (
      claim_id uuid NOT NULL REFERENCES subsidy_claims(id),
      line_no integer NOT NULL,
      loan_id uuid NOT NULL REFERENCES loans(id),
      claimed_minor bigint NOT NULL CHECK (claimed_minor >= 0),
      computed_minor bigint NOT NULL CHECK (computed_minor >= 0),
      outcome text NOT NULL CHECK (outcome IN ('matched', 'differing', 'ineligible')),
      reason text,
      PRIMARY KEY (claim_id, line_no),
      UNIQUE (claim_id, loan_id)
    )`.execute(db);
  await sql`ALTER TABLE ledger_transactions DROP CONSTRAINT ledger_transactions_kind_check`.execute(db);
  await sql`ALTER TABLE ledger_transactions ADD CONSTRAINT ledger_transactions_kind_check
    CHECK (kind IN ('disbursement', 'repayment', 'subsidy_accrual', 'claim_payment'))`.execute(db);
  await sql`ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_account_check`.execute(db);
  await sql`ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_account_check CHECK (account IN
    ('loan_principal', 'bank_funding', 'bank_collections', 'subsidy_expense', 'subsidy_payable', 'programme_cash'))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS subsidy_claim_lines`.execute(db);
  await sql`DROP TABLE IF EXISTS subsidy_claims`.execute(db);
}

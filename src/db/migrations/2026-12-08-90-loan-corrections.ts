import { type Kysely, sql } from 'kysely';
import { widenCheck } from '../widen-check.ts';

// Loans as banks run them (issue 19, docs/decisions/0035-loan-corrections.md):
// - loan_reversals: a repayment or disbursement reversed with a reason; above a threshold a
//   second person approves (maker–checker). The reversed entry stays; the reversal posts its own
//   ledger transaction dated on the entry's value date.
// - subsidy_adjustments: what a recomputation from a back-dated entry found, per loan and quarter
//   (up or down), posted to the ledger and carried on the bank's next claim.
// - loan_notes: notes on a loan by its bank and the programme.
// - loan_rule_versions: effective-dated arrears and correction rules (grace days, the reversal
//   threshold, how far back an entry may be dated, due dates on non-working days).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE loan_reversals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      loan_id uuid NOT NULL REFERENCES loans(id),
      entry_kind text NOT NULL CHECK (entry_kind IN ('repayment', 'disbursement')),
      entry_id uuid NOT NULL,
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      value_date date NOT NULL,
      reason text NOT NULL CHECK (length(reason) BETWEEN 5 AND 1000),
      status text NOT NULL CHECK (status IN ('requested', 'approved', 'rejected')),
      requested_by uuid REFERENCES users(id),
      requested_by_api_key uuid,
      requested_at timestamptz NOT NULL,
      decided_by uuid REFERENCES users(id),
      decided_at timestamptz,
      decision_note text,
      ledger_transaction_id uuid,
      CHECK ((status = 'approved') = (ledger_transaction_id IS NOT NULL)),
      CHECK (status = 'requested' OR decided_at IS NOT NULL)
    )`.execute(db);
  // One live reversal per entry: a second request, or reversing twice, collides here.
  await sql`CREATE UNIQUE INDEX loan_reversals_one_per_entry ON loan_reversals (entry_kind, entry_id)
    WHERE status <> 'rejected'`.execute(db);
  await sql`CREATE INDEX loan_reversals_loan ON loan_reversals (loan_id)`.execute(db);

  await sql`
    CREATE TABLE subsidy_adjustments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      loan_id uuid NOT NULL REFERENCES loans(id),
      bank_id uuid NOT NULL REFERENCES organizations(id),
      quarter text NOT NULL CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'),
      recomputed_from date NOT NULL,
      -- The loan's last accrued day when the adjustment was made: the close of business adds the
      -- numerator to the running total of the next day it accrues, and never again.
      through_day date,
      numerator_delta numeric NOT NULL,
      amount_minor bigint NOT NULL,
      reason text NOT NULL CHECK (length(reason) BETWEEN 3 AND 500),
      source_kind text NOT NULL CHECK (source_kind IN
        ('repayment', 'disbursement', 'repayment_reversal', 'disbursement_reversal', 'rate_correction')),
      source_id text NOT NULL,
      ledger_transaction_id uuid,
      applied_claim_id uuid REFERENCES subsidy_claims(id),
      created_at timestamptz NOT NULL,
      CHECK (amount_minor <> 0 OR numerator_delta <> 0),
      CHECK ((amount_minor = 0) = (ledger_transaction_id IS NULL))
    )`.execute(db);
  await sql`CREATE INDEX subsidy_adjustments_loan ON subsidy_adjustments (loan_id)`.execute(db);
  await sql`CREATE INDEX subsidy_adjustments_pending ON subsidy_adjustments (bank_id)
    WHERE applied_claim_id IS NULL`.execute(db);
  // Money: only attaching an adjustment to a claim (once) is allowed after it is written.
  await sql`
    CREATE FUNCTION subsidy_adjustments_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' OR OLD.applied_claim_id IS NOT NULL
         OR (to_jsonb(NEW) - 'applied_claim_id') <> (to_jsonb(OLD) - 'applied_claim_id') THEN
        RAISE EXCEPTION 'subsidy_adjustments is append-only' USING ERRCODE = '23514';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER subsidy_adjustments_append_only BEFORE UPDATE OR DELETE ON subsidy_adjustments
    FOR EACH ROW EXECUTE FUNCTION subsidy_adjustments_guard()`.execute(db);

  await sql`ALTER TABLE subsidy_claims ADD COLUMN adjustment_minor bigint NOT NULL DEFAULT 0`.execute(db);
  // A paid claim's cash plus the clawbacks deducted make up the approved amount and the adjustments.
  await sql`ALTER TABLE subsidy_claims DROP CONSTRAINT subsidy_claims_paid_check`.execute(db);
  await sql`ALTER TABLE subsidy_claims ADD CONSTRAINT subsidy_claims_paid_check
    CHECK (status <> 'paid' OR (paid_on IS NOT NULL
           AND paid_minor + clawback_minor = approved_minor + adjustment_minor))`.execute(db);

  await sql`
    CREATE TABLE loan_notes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      loan_id uuid NOT NULL REFERENCES loans(id),
      author_id uuid NOT NULL REFERENCES users(id),
      author_role text NOT NULL,
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
      created_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX loan_notes_loan ON loan_notes (loan_id, created_at)`.execute(db);
  await sql`CREATE TRIGGER loan_notes_append_only BEFORE UPDATE OR DELETE ON loan_notes
    FOR EACH ROW EXECUTE FUNCTION append_only_guard()`.execute(db);

  await sql`
    CREATE TABLE loan_rule_versions (
      effective_from date PRIMARY KEY,
      grace_days integer NOT NULL CHECK (grace_days BETWEEN 0 AND 90),
      reversal_approval_minor bigint NOT NULL CHECK (reversal_approval_minor >= 0),
      backdate_max_days integer NOT NULL CHECK (backdate_max_days BETWEEN 0 AND 730),
      due_date_roll text NOT NULL CHECK (due_date_roll IN ('none', 'next_working_day')),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE TRIGGER loan_rule_versions_append_only BEFORE UPDATE OR DELETE ON loan_rule_versions
    FOR EACH ROW EXECUTE FUNCTION append_only_guard()`.execute(db);
  await sql`INSERT INTO loan_rule_versions (effective_from, grace_days, reversal_approval_minor,
      backdate_max_days, due_date_roll, created_at)
    VALUES ('2000-01-01', 0, 10000000, 365, 'none', now())`.execute(db);

  await widenCheck(
    db,
    'ledger_transactions',
    'ledger_transactions_kind_check',
    "kind IN ('repayment_reversal', 'disbursement_reversal', 'subsidy_adjustment')",
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['loan_rule_versions', 'loan_notes', 'subsidy_adjustments', 'loan_reversals'])
    await sql`DROP TABLE IF EXISTS ${sql.id(t)}`.execute(db);
  await sql`DROP FUNCTION IF EXISTS subsidy_adjustments_guard()`.execute(db);
  await sql`ALTER TABLE subsidy_claims DROP CONSTRAINT IF EXISTS subsidy_claims_paid_check`.execute(db);
  await sql`ALTER TABLE subsidy_claims DROP COLUMN IF EXISTS adjustment_minor`.execute(db);
  await sql`ALTER TABLE subsidy_claims ADD CONSTRAINT subsidy_claims_paid_check
    CHECK (status <> 'paid' OR (paid_on IS NOT NULL AND paid_minor + clawback_minor = approved_minor))`.execute(
    db,
  );
}

import { type Kysely, sql } from 'kysely';

// Write-offs and reschedules: requested by the loan's bank, approved or rejected by the programme.
// A reschedule keeps the schedule it replaced; a write-off posts to the ledger.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE loan_actions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      loan_id uuid NOT NULL REFERENCES loans(id),
      kind text NOT NULL CHECK (kind IN ('write_off', 'reschedule')),
      status text NOT NULL CHECK (status IN ('requested', 'approved', 'rejected')),
      reason text NOT NULL CHECK (length(reason) BETWEEN 5 AND 2000),
      tenor_months integer CHECK (tenor_months BETWEEN 1 AND 240),
      first_repayment_date date,
      repayment_day integer CHECK (repayment_day BETWEEN 1 AND 31),
      amount_minor bigint CHECK (amount_minor >= 0),
      previous_schedule jsonb,
      decision_note text,
      requested_at timestamptz NOT NULL,
      decided_at timestamptz,
      CHECK (kind <> 'reschedule' OR (tenor_months IS NOT NULL AND first_repayment_date IS NOT NULL
        AND repayment_day IS NOT NULL))
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX loan_actions_one_pending ON loan_actions (loan_id) WHERE status = 'requested'`.execute(
    db,
  );
  await sql`ALTER TABLE loans ADD COLUMN written_off_minor bigint NOT NULL DEFAULT 0 CHECK (written_off_minor >= 0)`.execute(
    db,
  );
  await sql`ALTER TABLE loans DROP CONSTRAINT loans_status_check`.execute(db);
  await sql`ALTER TABLE loans ADD CONSTRAINT loans_status_check CHECK (status IN
    ('requested', 'sanctioned', 'declined', 'active', 'closed', 'loss', 'written_off'))`.execute(db);
  await sql`ALTER TABLE ledger_transactions DROP CONSTRAINT ledger_transactions_kind_check`.execute(db);
  await sql`ALTER TABLE ledger_transactions ADD CONSTRAINT ledger_transactions_kind_check
    CHECK (kind IN ('disbursement', 'repayment', 'subsidy_accrual', 'claim_payment', 'write_off'))`.execute(
    db,
  );
  await sql`ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_account_check`.execute(db);
  await sql`ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_account_check CHECK (account IN
    ('loan_principal', 'bank_funding', 'bank_collections', 'subsidy_expense', 'subsidy_payable', 'programme_cash',
     'bank_write_off'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS loan_actions`.execute(db);
  await sql`ALTER TABLE loans DROP COLUMN IF EXISTS written_off_minor`.execute(db);
}

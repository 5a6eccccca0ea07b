import { type Kysely, sql } from 'kysely';

// Interest-free loans with partner banks: benchmark rates and bank spreads, loan requests through
// sanction, disbursement and repayment, schedules, the markup subsidy accrued each day, and a
// double-entry ledger whose transactions balance by construction (checked by a statement trigger).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE benchmark_rates (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      benchmark text NOT NULL CHECK (benchmark ~ '^[A-Z][A-Z0-9_]{1,29}$'),
      effective_from date NOT NULL,
      rate_bps integer NOT NULL CHECK (rate_bps BETWEEN 0 AND 10000),
      source text NOT NULL CHECK (length(source) BETWEEN 3 AND 500),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      UNIQUE (benchmark, effective_from)
    )`.execute(db);

  await sql`
    CREATE TABLE bank_spreads (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      bank_id uuid NOT NULL REFERENCES organizations(id),
      benchmark text NOT NULL CHECK (benchmark ~ '^[A-Z][A-Z0-9_]{1,29}$'),
      spread_bps integer NOT NULL CHECK (spread_bps BETWEEN 0 AND 5000),
      effective_from date NOT NULL,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      UNIQUE (bank_id, effective_from)
    )`.execute(db);

  await sql`
    CREATE TABLE loans (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      application_id uuid NOT NULL REFERENCES applications(id),
      owner_id uuid NOT NULL REFERENCES users(id),
      bank_id uuid NOT NULL REFERENCES organizations(id),
      province_code text NOT NULL REFERENCES provinces(code),
      status text NOT NULL CHECK (status IN ('requested', 'sanctioned', 'declined', 'active', 'closed', 'loss')),
      requested_minor bigint NOT NULL CHECK (requested_minor > 0),
      sanctioned_minor bigint CHECK (sanctioned_minor > 0),
      tenor_months integer CHECK (tenor_months BETWEEN 1 AND 240),
      grace_months integer CHECK (grace_months >= 0 AND grace_months < tenor_months),
      repayment_day integer CHECK (repayment_day BETWEEN 1 AND 31),
      first_repayment_date date,
      schedule_unit_minor integer NOT NULL CHECK (schedule_unit_minor IN (1, 100)),
      decline_reason text,
      disbursed_minor bigint NOT NULL DEFAULT 0 CHECK (disbursed_minor >= 0),
      repaid_minor bigint NOT NULL DEFAULT 0 CHECK (repaid_minor >= 0),
      first_disbursed_on date,
      days_past_due integer NOT NULL DEFAULT 0,
      arrears_bucket text NOT NULL DEFAULT 'current'
        CHECK (arrears_bucket IN ('current', '1-30', '31-60', '61-90', '91-180', '180+')),
      classified_loss_on date,
      closed_on date,
      last_cob_date date,
      requested_at timestamptz NOT NULL,
      sanctioned_at timestamptz,
      declined_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK (disbursed_minor <= coalesce(sanctioned_minor, 0)),
      CHECK (repaid_minor <= disbursed_minor),
      CHECK (status IN ('requested', 'declined') OR (sanctioned_minor IS NOT NULL AND tenor_months IS NOT NULL
        AND grace_months IS NOT NULL AND repayment_day IS NOT NULL AND first_repayment_date IS NOT NULL)),
      CHECK (status <> 'declined' OR decline_reason IS NOT NULL)
    )`.execute(db);
  // One live loan per application; a declined request may be made again, to another bank.
  await sql`CREATE UNIQUE INDEX loans_one_per_application ON loans (application_id) WHERE status <> 'declined'`.execute(
    db,
  );
  await sql`CREATE INDEX loans_bank_idx ON loans (bank_id, status)`.execute(db);
  await sql`CREATE INDEX loans_owner_idx ON loans (owner_id)`.execute(db);

  await sql`
    CREATE TABLE loan_instalments (
      loan_id uuid NOT NULL REFERENCES loans(id),
      number integer NOT NULL CHECK (number >= 1),
      due_date date NOT NULL,
      principal_minor bigint NOT NULL CHECK (principal_minor >= 0),
      paid_minor bigint NOT NULL DEFAULT 0 CHECK (paid_minor >= 0 AND paid_minor <= principal_minor),
      status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'due', 'overdue', 'paid')),
      paid_on date,
      PRIMARY KEY (loan_id, number)
    )`.execute(db);
  await sql`CREATE INDEX loan_instalments_unpaid_idx ON loan_instalments (due_date) WHERE status <> 'paid'`.execute(
    db,
  );

  await sql`
    CREATE TABLE ledger_transactions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('disbursement', 'repayment', 'subsidy_accrual')),
      loan_id uuid REFERENCES loans(id),
      occurred_on date NOT NULL,
      created_at timestamptz NOT NULL
    )`.execute(db);
  // The close of business posts one accrual transaction per day.
  await sql`CREATE UNIQUE INDEX ledger_one_accrual_per_day ON ledger_transactions (occurred_on)
    WHERE kind = 'subsidy_accrual'`.execute(db);

  await sql`
    CREATE TABLE ledger_entries (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      transaction_id uuid NOT NULL REFERENCES ledger_transactions(id),
      account text NOT NULL CHECK (account IN
        ('loan_principal', 'bank_funding', 'bank_collections', 'subsidy_expense', 'subsidy_payable')),
      loan_id uuid REFERENCES loans(id),
      bank_id uuid REFERENCES organizations(id),
      debit_minor bigint NOT NULL DEFAULT 0 CHECK (debit_minor >= 0),
      credit_minor bigint NOT NULL DEFAULT 0 CHECK (credit_minor >= 0),
      CHECK ((debit_minor > 0) <> (credit_minor > 0))
    )`.execute(db);
  await sql`CREATE INDEX ledger_entries_tx_idx ON ledger_entries (transaction_id)`.execute(db);
  await sql`CREATE INDEX ledger_entries_loan_idx ON ledger_entries (loan_id, account)`.execute(db);
  // Each statement that adds entries must leave every transaction it touched balanced; entries are
  // never changed or removed (a correction is a new transaction).
  await sql`
    CREATE FUNCTION ledger_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE bad uuid;
    BEGIN
      SELECT e.transaction_id INTO bad
        FROM ledger_entries e
       WHERE e.transaction_id IN (SELECT DISTINCT transaction_id FROM new_rows)
       GROUP BY e.transaction_id
      HAVING sum(e.debit_minor) <> sum(e.credit_minor)
       LIMIT 1;
      IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'ledger transaction % does not balance', bad USING ERRCODE = '23514';
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER ledger_balanced AFTER INSERT ON ledger_entries
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_check_balanced()`.execute(
    db,
  );
  await sql`
    CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'ledger entries are append-only' USING ERRCODE = '23514';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER ledger_no_change BEFORE UPDATE OR DELETE ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION ledger_append_only()`.execute(db);

  await sql`
    CREATE TABLE loan_disbursements (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      loan_id uuid NOT NULL REFERENCES loans(id),
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      disbursed_on date NOT NULL,
      bank_reference text NOT NULL CHECK (length(bank_reference) BETWEEN 1 AND 100),
      ledger_transaction_id uuid NOT NULL REFERENCES ledger_transactions(id),
      created_at timestamptz NOT NULL,
      UNIQUE (loan_id, bank_reference)
    )`.execute(db);

  await sql`
    CREATE TABLE loan_repayments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      loan_id uuid NOT NULL REFERENCES loans(id),
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      paid_on date NOT NULL,
      bank_reference text NOT NULL CHECK (length(bank_reference) BETWEEN 1 AND 100),
      allocation jsonb NOT NULL,
      ledger_transaction_id uuid NOT NULL REFERENCES ledger_transactions(id),
      created_at timestamptz NOT NULL,
      UNIQUE (loan_id, bank_reference)
    )`.execute(db);

  await sql`
    CREATE TABLE subsidy_accruals (
      loan_id uuid NOT NULL REFERENCES loans(id),
      day date NOT NULL,
      bank_id uuid NOT NULL REFERENCES organizations(id),
      outstanding_minor bigint NOT NULL CHECK (outstanding_minor > 0),
      rate_bps integer NOT NULL CHECK (rate_bps >= 0),
      numerator bigint NOT NULL CHECK (numerator >= 0),
      amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
      PRIMARY KEY (loan_id, day)
    )`.execute(db);
  await sql`CREATE INDEX subsidy_accruals_day_idx ON subsidy_accruals (day, bank_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'subsidy_accruals',
    'loan_repayments',
    'loan_disbursements',
    'ledger_entries',
    'ledger_transactions',
    'loan_instalments',
    'loans',
    'bank_spreads',
    'benchmark_rates',
  ])
    await sql`DROP TABLE IF EXISTS ${sql.id(t)}`.execute(db);
  await sql`DROP FUNCTION IF EXISTS ledger_check_balanced()`.execute(db);
  await sql`DROP FUNCTION IF EXISTS ledger_append_only()`.execute(db);
}

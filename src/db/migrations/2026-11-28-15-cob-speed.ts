import { type Kysely, sql } from 'kysely';

// The close of business, set-based and index-friendly (decision 0009): each accrual row carries the
// loan's exact running numerator through its day, so a night reads one row per loan instead of
// summing its whole history; and partial indexes find the few instalments and loans a day changes.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE subsidy_accruals ADD COLUMN cumulative_numerator numeric`.execute(db);
  await sql`
    UPDATE subsidy_accruals a SET cumulative_numerator = c.cum
      FROM (SELECT loan_id, day, sum(numerator::numeric) OVER (PARTITION BY loan_id ORDER BY day) AS cum
              FROM subsidy_accruals) c
     WHERE a.loan_id = c.loan_id AND a.day = c.day`.execute(db);
  await sql`ALTER TABLE subsidy_accruals ALTER COLUMN cumulative_numerator SET NOT NULL`.execute(db);
  await sql`ALTER TABLE subsidy_accruals ADD CONSTRAINT subsidy_accruals_cumulative_check
    CHECK (cumulative_numerator >= numerator)`.execute(db);

  // Principal movements dated after the day being closed (a catch-up run over past days).
  await sql`CREATE INDEX ledger_transactions_occurred_idx ON ledger_transactions (occurred_on)`.execute(db);
  // Instalments whose status may change on a given day: not yet overdue but due by then, or due or
  // overdue but not yet due.
  await sql`CREATE INDEX loan_instalments_pending_idx ON loan_instalments (due_date)
    WHERE status IN ('scheduled', 'due')`.execute(db);
  await sql`CREATE INDEX loan_instalments_late_idx ON loan_instalments (due_date)
    WHERE status IN ('due', 'overdue')`.execute(db);
  // Arrears: the unpaid instalments fallen due, by day.
  await sql`CREATE INDEX loan_instalments_unpaid_due_idx ON loan_instalments (due_date, loan_id)
    WHERE paid_minor < principal_minor`.execute(db);
  // Clawback detection starts from the loans with a cut-off and finds their claim lines.
  await sql`CREATE INDEX subsidy_claim_lines_loan_idx ON subsidy_claim_lines (loan_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const i of [
    'subsidy_claim_lines_loan_idx',
    'loan_instalments_unpaid_due_idx',
    'loan_instalments_late_idx',
    'loan_instalments_pending_idx',
    'ledger_transactions_occurred_idx',
  ])
    await sql`DROP INDEX IF EXISTS ${sql.id(i)}`.execute(db);
  await sql`ALTER TABLE subsidy_accruals DROP COLUMN IF EXISTS cumulative_numerator`.execute(db);
}

import { type Kysely, sql } from 'kysely';
import { widenCheck } from '../widen-check.ts';

// Issue 19, finding e (docs/decisions/0047-write-off-reversal.md): a write-off can be undone when
// it was made in error (the bank asks, the programme decides: a `write_off_reversal` loan action),
// and money recovered after a write-off is recorded against it (`loan_recoveries`, append-only),
// each with its own ledger transaction.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE loan_recoveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      loan_id uuid NOT NULL REFERENCES loans(id),
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      recovered_on date NOT NULL,
      bank_reference text NOT NULL CHECK (length(bank_reference) BETWEEN 1 AND 100),
      ledger_transaction_id uuid NOT NULL,
      created_by uuid REFERENCES users(id),
      created_by_api_key uuid,
      created_at timestamptz NOT NULL,
      UNIQUE (loan_id, bank_reference)
    )`.execute(db);
  await sql`CREATE TRIGGER loan_recoveries_append_only BEFORE UPDATE OR DELETE ON loan_recoveries
    FOR EACH ROW EXECUTE FUNCTION append_only_guard()`.execute(db);
  await widenCheck(db, 'loan_actions', 'loan_actions_kind_check', "kind = 'write_off_reversal'");
  await widenCheck(
    db,
    'ledger_transactions',
    'ledger_transactions_kind_check',
    "kind IN ('write_off_reversal', 'write_off_recovery')",
  );
  await widenCheck(
    db,
    'subsidy_adjustments',
    'subsidy_adjustments_source_kind_check',
    "source_kind = 'write_off_reversal'",
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS loan_recoveries`.execute(db);
}

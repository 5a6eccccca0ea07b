import { type Kysely, sql } from 'kysely';

// The programme's loan rules, stored (one row, each value checked by the database); who asked for
// and who decided a write-off or reschedule; the part of a repayment above the outstanding
// principal, owed back to the owner, and the ledger account that holds it.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE loan_settings (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      schedule_unit text NOT NULL CHECK (schedule_unit IN ('rupee', 'paisa')),
      schedule_rounding text NOT NULL CHECK (schedule_rounding IN ('half_even', 'half_up')),
      loss_days_past_due integer NOT NULL CHECK (loss_days_past_due BETWEEN 90 AND 3650),
      overpayment text NOT NULL CHECK (overpayment IN ('last', 'next')),
      claim_deadline_working_days integer NOT NULL CHECK (claim_deadline_working_days BETWEEN 1 AND 90),
      repayment_limit text NOT NULL CHECK (repayment_limit IN ('outstanding', 'outstanding_plus_one_instalment')),
      updated_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL
    )`.execute(db);
  await sql`
    INSERT INTO loan_settings (schedule_unit, schedule_rounding, loss_days_past_due, overpayment,
                               claim_deadline_working_days, repayment_limit, updated_at)
    VALUES ('rupee', 'half_even', 540, 'last', 15, 'outstanding_plus_one_instalment', now())`.execute(db);

  await sql`ALTER TABLE loan_actions ADD COLUMN requested_by uuid REFERENCES users(id)`.execute(db);
  await sql`ALTER TABLE loan_actions ADD COLUMN requested_by_api_key uuid REFERENCES api_keys(id)`.execute(
    db,
  );
  await sql`ALTER TABLE loan_actions ADD COLUMN decided_by uuid REFERENCES users(id)`.execute(db);

  await sql`ALTER TABLE loan_repayments ADD COLUMN excess_minor bigint NOT NULL DEFAULT 0
    CHECK (excess_minor >= 0 AND excess_minor < amount_minor)`.execute(db);
  await widenCheck(db, 'ledger_entries', 'ledger_entries_account_check', 'account', 'owner_refund_payable');
}

/**
 * Adds one value to a `col IN (...)` check, keeping whatever values other migrations (landing
 * in parallel) have added to it, rather than rewriting the list from a copy.
 */
async function widenCheck(db: Kysely<unknown>, table: string, name: string, column: string, value: string) {
  const found = await sql<{ def: string }>`
    SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = ${name}`.execute(db);
  const def = found.rows[0]?.def ?? '';
  const values = new Set([...def.matchAll(/'([^']+)'/g)].map((m) => m[1]!));
  values.add(value);
  const list = [...values].map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
  await sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT IF EXISTS ${sql.ref(name)}`.execute(db);
  await sql`ALTER TABLE ${sql.table(table)} ADD CONSTRAINT ${sql.ref(name)}
    CHECK (${sql.ref(column)} IN (${sql.raw(list)}))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS loan_settings`.execute(db);
  await sql`ALTER TABLE loan_actions DROP COLUMN IF EXISTS requested_by`.execute(db);
  await sql`ALTER TABLE loan_actions DROP COLUMN IF EXISTS requested_by_api_key`.execute(db);
  await sql`ALTER TABLE loan_actions DROP COLUMN IF EXISTS decided_by`.execute(db);
  await sql`ALTER TABLE loan_repayments DROP COLUMN IF EXISTS excess_minor`.execute(db);
}

import { type Kysely, sql } from 'kysely';

// The startup fund's review fixes (issue 16; docs/decisions/0043-fund-review-rules.md):
// - each rule set also says how many committee members without a conflict must score before a
//   decision (quorum), the lowest average score an approval needs, and how old an exchange rate may
//   be before it is refused (stale); rule sets published before keep quorum 1 and a day's
//   staleness of 7, the seeded 2024 set gets the minimum average score of 50;
// - a JV distribution splits into the capital it returns (at the investment's carrying cost in
//   PKR), the realised gain in USD beyond the capital called, and the exchange difference, each to
//   its own account (`fund_jv_realised_gain`, `fund_fx_difference`); earlier distributions, posted
//   whole against the investment, are recorded as capital returned at their own PKR.

async function allowInLedger(db: Kysely<unknown>, table: string, column: string, values: string[]) {
  const name = `${table}_${column}_check`;
  const found = await sql<{ def: string }>`
    SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
     WHERE t.relname = ${table} AND c.conname = ${name}`.execute(db);
  const current = found.rows[0]?.def.replace(/^CHECK /, '');
  if (!current) throw new Error(`${name} not found`);
  const list = values.map((v) => `'${v}'`).join(', ');
  await sql`ALTER TABLE ${sql.ref(table)} DROP CONSTRAINT ${sql.ref(name)}`.execute(db);
  await sql`ALTER TABLE ${sql.ref(table)} ADD CONSTRAINT ${sql.ref(name)}
    CHECK (${sql.raw(current)} OR ${sql.ref(column)} IN (${sql.raw(list)}))`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE fund_rule_sets
    ADD COLUMN quorum integer NOT NULL DEFAULT 1 CHECK (quorum BETWEEN 1 AND 20),
    ADD COLUMN min_score integer NOT NULL DEFAULT 0 CHECK (min_score BETWEEN 0 AND 100),
    ADD COLUMN max_rate_age_days integer NOT NULL DEFAULT 7 CHECK (max_rate_age_days BETWEEN 1 AND 90)`.execute(
    db,
  );
  await sql`UPDATE fund_rule_sets SET min_score = 50
    WHERE effective_from = '2024-01-01' AND created_by IS NULL`.execute(db);

  await sql`ALTER TABLE fund_jv_funds
    ADD COLUMN returned_minor bigint NOT NULL DEFAULT 0 CHECK (returned_minor >= 0),
    ADD CONSTRAINT fund_jv_funds_returned_check CHECK (returned_minor <= called_minor)`.execute(db);
  await sql`UPDATE fund_jv_funds SET returned_minor = least(distributed_minor, called_minor)`.execute(db);
  await sql`ALTER TABLE fund_jv_movements
    ADD COLUMN capital_minor bigint NOT NULL DEFAULT 0,
    ADD COLUMN cost_pkr_minor bigint NOT NULL DEFAULT 0,
    ADD COLUMN gain_pkr_minor bigint NOT NULL DEFAULT 0,
    ADD COLUMN fx_pkr_minor bigint NOT NULL DEFAULT 0`.execute(db);
  await sql`UPDATE fund_jv_movements SET capital_minor = amount_minor, cost_pkr_minor = amount_pkr_minor
    WHERE kind = 'distribution'`.execute(db);

  await allowInLedger(db, 'ledger_entries', 'account', ['fund_jv_realised_gain']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE fund_jv_movements DROP COLUMN capital_minor, DROP COLUMN cost_pkr_minor,
    DROP COLUMN gain_pkr_minor, DROP COLUMN fx_pkr_minor`.execute(db);
  await sql`ALTER TABLE fund_jv_funds DROP COLUMN returned_minor`.execute(db);
  await sql`ALTER TABLE fund_rule_sets DROP COLUMN quorum, DROP COLUMN min_score,
    DROP COLUMN max_rate_age_days`.execute(db);
}

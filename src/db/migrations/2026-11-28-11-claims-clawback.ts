import { type Kysely, sql } from 'kysely';
import { widenCheck } from '../widen-check.ts';

// Subsidy clawback (docs/decisions/0006-subsidy-clawback.md) and the programme's public holidays,
// which the claim deadline (working days after quarter end) skips as well as weekends.

/** Pakistan's fixed-date public holidays (Cabinet Division's annual notification; Eid and Ashura move with the moon and are added by hand). */
const FIXED = [
  ['02-05', 'Kashmir Solidarity Day', 'یوم یکجہتی کشمیر'],
  ['03-23', 'Pakistan Day', 'یوم پاکستان'],
  ['05-01', 'Labour Day', 'یوم مزدور'],
  ['05-28', 'Youm-e-Takbeer', 'یوم تکبیر'],
  ['08-14', 'Independence Day', 'یوم آزادی'],
  ['11-09', 'Iqbal Day', 'یوم اقبال'],
  ['12-25', 'Quaid-e-Azam Day', 'یوم قائد اعظم'],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE programme_holidays (
      day date PRIMARY KEY,
      name_en text NOT NULL CHECK (length(name_en) BETWEEN 2 AND 100),
      name_ur text NOT NULL CHECK (length(name_ur) BETWEEN 2 AND 100),
      source text NOT NULL CHECK (length(source) BETWEEN 3 AND 300)
    )`.execute(db);
  const source = 'Government of Pakistan, Cabinet Division: fixed-date public holidays';
  for (const year of [2026, 2027])
    for (const [md, en, ur] of FIXED)
      await sql`INSERT INTO programme_holidays (day, name_en, name_ur, source)
        VALUES (${`${year}-${md}`}::date, ${en}, ${ur}, ${source})`.execute(db);

  await sql`
    CREATE TABLE subsidy_clawbacks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      bank_id uuid NOT NULL REFERENCES organizations(id),
      loan_id uuid NOT NULL REFERENCES loans(id),
      source_claim_id uuid NOT NULL REFERENCES subsidy_claims(id),
      quarter text NOT NULL,
      ineligible_from date NOT NULL,
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      reason text NOT NULL,
      detected_on date NOT NULL,
      ledger_transaction_id uuid NOT NULL REFERENCES ledger_transactions(id),
      applied_claim_id uuid REFERENCES subsidy_claims(id),
      created_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX subsidy_clawbacks_pending_idx ON subsidy_clawbacks (bank_id) WHERE applied_claim_id IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX subsidy_clawbacks_source_idx ON subsidy_clawbacks (source_claim_id, loan_id)`.execute(
    db,
  );

  await sql`ALTER TABLE subsidy_claims ADD COLUMN clawback_minor bigint NOT NULL DEFAULT 0 CHECK (clawback_minor >= 0)`.execute(
    db,
  );
  // A paid claim's cash plus the clawbacks deducted from it make up the approved amount.
  const old = await sql<{ name: string }>`
    SELECT c.conname AS name FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
     WHERE t.relname = 'subsidy_claims' AND pg_get_constraintdef(c.oid) LIKE '%paid_minor = approved_minor%'`.execute(
    db,
  );
  for (const r of old.rows)
    await sql`ALTER TABLE subsidy_claims DROP CONSTRAINT ${sql.ref(r.name)}`.execute(db);
  await sql`ALTER TABLE subsidy_claims ADD CONSTRAINT subsidy_claims_paid_check
    CHECK (status <> 'paid' OR (paid_on IS NOT NULL AND paid_minor + clawback_minor = approved_minor))`.execute(
    db,
  );

  await widenCheck(db, 'ledger_transactions', 'ledger_transactions_kind_check', "kind = 'clawback'");
  await widenCheck(db, 'ledger_entries', 'ledger_entries_account_check', "account = 'clawback_receivable'");
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS subsidy_clawbacks`.execute(db);
  await sql`ALTER TABLE subsidy_claims DROP COLUMN IF EXISTS clawback_minor`.execute(db);
  await sql`DROP TABLE IF EXISTS programme_holidays`.execute(db);
}

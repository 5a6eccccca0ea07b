import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { sha256Hex } from '../shared/canonical-json.ts';

/**
 * Money rows sealed in the audit log (issue 18, decision 0052). Each insert (and each allowed
 * update) of a money row appends an audit entry `money.sealed` (entity = the table, entity_id =
 * the row's key) whose after_digest is the SHA-256 of the row's text below. The log is chained,
 * put in the Merkle tree and signed, so a row edited with the triggers off (a superuser's
 * `session_replication_role = replica`) no longer matches its latest seal: `markaz audit verify`
 * names the row, and the stipend payment file refuses to pay it.
 *
 * The text hashed (UTF-8), columns in the order listed, each value as PostgreSQL's `::text`
 * (dates YYYY-MM-DD), NULL as the empty string:
 *   markaz-money-row/v1\n{table}\n{key}\n{column}\t{value}\n …
 * where {key} is the key columns' values joined by '/'. The triggers (migration
 * 2026-12-09-90-money-rows-sealed) compute the same text; this file recomputes it from the raw rows
 * and never calls them.
 */
export type MoneyTable = { table: string; key: string[]; sealed: string[] };

/** The sealed columns of every sealed money table: the same lists as the migration's triggers. */
export const MONEY_ROW_SEALS: MoneyTable[] = [
  {
    table: 'loan_disbursements',
    key: ['id'],
    sealed: ['id', 'loan_id', 'amount_minor', 'disbursed_on', 'bank_reference', 'ledger_transaction_id'],
  },
  {
    table: 'loan_repayments',
    key: ['id'],
    sealed: [
      'id',
      'loan_id',
      'amount_minor',
      'excess_minor',
      'paid_on',
      'bank_reference',
      'ledger_transaction_id',
    ],
  },
  {
    table: 'loan_reversals',
    key: ['id'],
    sealed: [
      'id',
      'loan_id',
      'entry_kind',
      'entry_id',
      'amount_minor',
      'value_date',
      'status',
      'ledger_transaction_id',
    ],
  },
  {
    table: 'subsidy_clawbacks',
    key: ['id'],
    sealed: [
      'id',
      'bank_id',
      'loan_id',
      'source_claim_id',
      'quarter',
      'amount_minor',
      'ledger_transaction_id',
    ],
  },
  {
    table: 'training_stipends',
    key: ['center_id', 'month'],
    sealed: [
      'center_id',
      'month',
      'trainer_id',
      'amount_minor',
      'status',
      'ledger_transaction_id',
      'clawback_transaction_id',
    ],
  },
  {
    table: 'fund_tranches',
    key: ['id'],
    sealed: [
      'id',
      'grant_id',
      'seq',
      'paid_on',
      'amount_minor',
      'rate_id',
      'amount_pkr_minor',
      'committed_pkr_minor',
      'fx_difference_minor',
      'transaction_id',
    ],
  },
  {
    table: 'fund_arrivals',
    key: ['id'],
    sealed: [
      'id',
      'grant_id',
      'investor_id',
      'amount_minor',
      'arrived_on',
      'status',
      'rate_id',
      'amount_pkr_minor',
    ],
  },
  {
    table: 'fund_jv_movements',
    key: ['id'],
    sealed: [
      'id',
      'jv_id',
      'kind',
      'on_date',
      'amount_minor',
      'rate_id',
      'amount_pkr_minor',
      'transaction_id',
    ],
  },
  {
    table: 'fund_round_investors',
    key: ['grant_id', 'investor_id'],
    sealed: ['grant_id', 'investor_id', 'amount_minor', 'is_foreign'],
  },
];

/** The text a money row's seal hashes. */
export function moneyRowText(spec: MoneyTable, row: Record<string, string | null>): string {
  const key = spec.key.map((k) => row[k] ?? '').join('/');
  return `markaz-money-row/v1\n${spec.table}\n${key}\n${spec.sealed.map((c) => `${c}\t${row[c] ?? ''}\n`).join('')}`;
}

export type MoneySealProblem = {
  table: string;
  key: string;
  sealEntryId: number | null;
  reason: string;
};

/**
 * Every row of the table (or only those `keys`) against its latest seal in the audit log. Returns
 * each row's verdict by key: null when it matches, else the problem. Without `keys`, seals whose row
 * is gone are reported too.
 */
export async function checkMoneyRows(
  db: Db,
  spec: MoneyTable,
  keys?: string[],
): Promise<{ checked: number; problems: MoneySealProblem[] }> {
  const keyExpr = sql.join(
    spec.key.map((k) => sql`${sql.ref(k)}::text`),
    sql`|| '/' ||`,
  );
  const cols = sql.join(spec.sealed.map((c) => sql`${sql.ref(c)}::text AS ${sql.id(c)}`));
  const keyCols = spec.key.filter((k) => !spec.sealed.includes(k));
  const extra = keyCols.length
    ? sql`, ${sql.join(keyCols.map((c) => sql`${sql.ref(c)}::text AS ${sql.id(c)}`))}`
    : sql``;
  const rows = await sql<Record<string, string | null>>`
    SELECT ${cols}${extra} FROM ${sql.table(spec.table)}
     ${keys ? sql`WHERE (${keyExpr}) = ANY (${keys}::text[])` : sql``}`.execute(db);
  const seals = await sql<{ entity_id: string; id: string | number; after_digest: string | null }>`
    SELECT DISTINCT ON (entity_id) entity_id, id, after_digest FROM audit_log
     WHERE entity = ${spec.table} AND action = 'money.sealed'
       ${keys ? sql`AND entity_id = ANY (${keys}::text[])` : sql``}
     ORDER BY entity_id, id DESC`.execute(db);
  const byKey = new Map(seals.rows.map((s) => [s.entity_id, { id: Number(s.id), digest: s.after_digest }]));
  const problems: MoneySealProblem[] = [];
  let checked = 0;
  for (const r of rows.rows) {
    const key = spec.key.map((k) => r[k] ?? '').join('/');
    const seal = byKey.get(key);
    byKey.delete(key);
    checked += 1;
    if (!seal)
      problems.push({ table: spec.table, key, sealEntryId: null, reason: 'has no seal in the audit log' });
    else if (sha256Hex(moneyRowText(spec, r)) !== seal.digest)
      problems.push({
        table: spec.table,
        key,
        sealEntryId: seal.id,
        reason: 'differs from its seal in the audit log (edited with the triggers off?)',
      });
  }
  for (const [key, seal] of byKey)
    problems.push({
      table: spec.table,
      key,
      sealEntryId: seal.id,
      reason: 'is sealed in the audit log but no longer in the table (deleted?)',
    });
  return { checked, problems };
}

export function moneyTable(table: string): MoneyTable {
  const spec = MONEY_ROW_SEALS.find((s) => s.table === table);
  if (!spec) throw new Error(`${table} is not a sealed money table`);
  return spec;
}

import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { sha256Hex } from '../../shared/canonical-json.ts';

/**
 * Money in the audit log (decision 0031). Every statement that adds ledger entries appends a
 * `ledger.sealed` audit entry per transaction it touched (a trigger, migration 2026-12-08-50),
 * whose after_digest is the transaction's hash. This recomputes every transaction's hash here,
 * from the raw rows, and compares it with its latest seal in the log: an edit of money rows made
 * with the triggers off, a deleted transaction or one added without its seal are named.
 */

export type LedgerRow = { id: string; kind: string; loan: string; day: string };
export type LedgerEntryRow = {
  eid: string;
  account: string;
  eloan: string;
  bank: string;
  d: string;
  c: string;
};

/** The text a seal hashes; the same as ledger_seal_transactions() writes (docs/canonical-json.md). */
export function ledgerTransactionText(t: LedgerRow, entries: LedgerEntryRow[]): string {
  const head = `markaz-ledger-transaction/v1\n${t.id}\n${t.kind}\n${t.loan}\n${t.day}\n`;
  return (
    head + entries.map((e) => `${e.eid}\t${e.account}\t${e.eloan}\t${e.bank}\t${e.d}\t${e.c}\n`).join('')
  );
}

export type LedgerSealProblem = { transactionId: string; sealEntryId: number | null; reason: string };

export async function verifyLedgerSeals(
  db: Db,
  batch = 2000,
): Promise<{ checked: number; problem: LedgerSealProblem | null }> {
  const seals = new Map<string, { id: number; digest: string | null }>();
  const sealRows = await sql<{ entity_id: string; id: string | number; after_digest: string | null }>`
    SELECT DISTINCT ON (entity_id) entity_id, id, after_digest FROM audit_log
     WHERE entity = 'ledger_transaction' AND action = 'ledger.sealed'
     ORDER BY entity_id, id DESC`.execute(db);
  for (const r of sealRows.rows) seals.set(r.entity_id, { id: Number(r.id), digest: r.after_digest });
  let checked = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const txs = await sql<LedgerRow>`
      SELECT id::text AS id, kind, coalesce(loan_id::text, '') AS loan, occurred_on::text AS day
        FROM ledger_transactions WHERE id > ${after}::uuid ORDER BY id LIMIT ${batch}`.execute(db);
    if (txs.rows.length === 0) break;
    const entries = await sql<LedgerEntryRow & { tx: string }>`
      SELECT transaction_id::text AS tx, id::text AS eid, account, coalesce(loan_id::text, '') AS eloan,
             coalesce(bank_id::text, '') AS bank, debit_minor::text AS d, credit_minor::text AS c
        FROM ledger_entries WHERE transaction_id = ANY (${txs.rows.map((t) => t.id)}::uuid[])
       ORDER BY transaction_id, id`.execute(db);
    const byTx = new Map<string, LedgerEntryRow[]>();
    for (const e of entries.rows) byTx.set(e.tx, [...(byTx.get(e.tx) ?? []), e]);
    for (const t of txs.rows) {
      const mine = byTx.get(t.id) ?? [];
      const seal = seals.get(t.id);
      seals.delete(t.id);
      if (!seal) {
        // A transaction with no entries moves no money (the close of business opens the day's
        // accrual transaction before it knows whether anything accrues).
        if (mine.length === 0) continue;
        return {
          checked,
          problem: { transactionId: t.id, sealEntryId: null, reason: 'has no seal in the audit log' },
        };
      }
      if (sha256Hex(ledgerTransactionText(t, mine)) !== seal.digest)
        return {
          checked,
          problem: {
            transactionId: t.id,
            sealEntryId: seal.id,
            reason: 'its rows differ from the seal in the audit log (edited with the triggers off?)',
          },
        };
      checked += 1;
    }
    after = txs.rows[txs.rows.length - 1]!.id;
  }
  const [missing] = seals;
  if (missing)
    return {
      checked,
      problem: {
        transactionId: missing[0],
        sealEntryId: missing[1].id,
        reason: 'is sealed in the audit log but no longer in the ledger (deleted?)',
      },
    };
  return { checked, problem: null };
}

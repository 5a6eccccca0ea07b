import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { LedgerAccount, LedgerKind } from './ledger.table.ts';

export type { LedgerAccount, LedgerKind };

/**
 * The double-entry ledger, in integer paisa. A transaction's entries are written in one statement,
 * and a statement trigger in the database refuses any statement that leaves a transaction
 * unbalanced; entries are append-only. Accounts:
 * - loan_principal (per loan): principal the owner owes the bank; debit on disbursement, credit on repayment;
 * - bank_funding / bank_collections (per bank): the bank's money out and back in;
 * - subsidy_expense / subsidy_payable (per loan and bank): markup the programme owes the bank;
 * - bank_write_off (per loan and bank): principal written off with the programme's approval;
 * - owner_refund_payable (per loan): a repayment's excess over the outstanding, owed back to the owner.
 */
export type LedgerLine = {
  account: LedgerAccount;
  loanId?: string | null;
  bankId?: string | null;
  debitMinor?: number;
  creditMinor?: number;
};

export async function postLedgerTransaction(
  trx: Kysely<Database>,
  tx: { kind: LedgerKind; loanId: string | null; occurredOn: string; now: Date },
  lines: LedgerLine[],
): Promise<string> {
  const debits = lines.reduce((s, l) => s + (l.debitMinor ?? 0), 0);
  const credits = lines.reduce((s, l) => s + (l.creditMinor ?? 0), 0);
  if (debits !== credits) throw new Error(`ledger: ${tx.kind} does not balance (${debits} ≠ ${credits})`);
  const { id } = await trx
    .insertInto('ledger_transactions')
    .values({ kind: tx.kind, loan_id: tx.loanId, occurred_on: tx.occurredOn, created_at: tx.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('ledger_entries')
    .values(
      lines.map((l) => ({
        transaction_id: id,
        account: l.account,
        loan_id: l.loanId ?? null,
        bank_id: l.bankId ?? null,
        debit_minor: l.debitMinor ?? 0,
        credit_minor: l.creditMinor ?? 0,
      })),
    )
    .execute();
  return id;
}

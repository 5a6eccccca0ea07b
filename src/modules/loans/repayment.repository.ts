import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { OpenInstalment } from './allocation.ts';
import type { AllocationLine } from './loans.table.ts';

type Db = Kysely<Database>;

/** A loan's instalments in order, paid or not, as the allocation rule reads them. */
export async function listInstalments(db: Db, loanId: string): Promise<OpenInstalment[]> {
  const rows = await db
    .selectFrom('loan_instalments')
    .selectAll()
    .where('loan_id', '=', loanId)
    .orderBy('number')
    .execute();
  return rows.map((i) => ({
    number: i.number,
    dueDate: i.due_date,
    principalMinor: i.principal_minor,
    paidMinor: i.paid_minor,
  }));
}

/**
 * Adds to what an instalment has been paid, guarded by the amount the caller read (the loan row is
 * locked, so it holds); `paidInFullOn` marks it paid on that day.
 */
export async function payInstalment(
  trx: Db,
  p: {
    loanId: string;
    number: number;
    fromPaidMinor: number;
    paidMinor: number;
    paidInFullOn: string | null;
  },
): Promise<void> {
  await trx
    .updateTable('loan_instalments')
    .set({
      paid_minor: p.paidMinor,
      ...(p.paidInFullOn !== null ? { status: 'paid' as const, paid_on: p.paidInFullOn } : {}),
    })
    .where('loan_id', '=', p.loanId)
    .where('number', '=', p.number)
    .where('paid_minor', '=', p.fromPaidMinor)
    .execute();
}

/** The loan's repaid principal, guarded by the amount the caller read; `closedOn` closes it. */
export async function updateLoanRepaid(
  trx: Db,
  p: { loanId: string; fromRepaidMinor: number; repaidMinor: number; closedOn: string | null; now: Date },
): Promise<void> {
  await trx
    .updateTable('loans')
    .set({
      repaid_minor: p.repaidMinor,
      ...(p.closedOn !== null ? { status: 'closed' as const, closed_on: p.closedOn } : {}),
      updated_at: p.now,
    })
    .where('id', '=', p.loanId)
    .where('repaid_minor', '=', p.fromRepaidMinor)
    .execute();
}

export type NewRepayment = {
  loanId: string;
  amountMinor: number;
  paidOn: string;
  bankReference: string;
  allocation: AllocationLine[];
  excessMinor: number;
  ledgerTransactionId: string;
  referenceGeneration: number;
  now: Date;
};

/** The repayment as posted; its id. */
export async function insertRepayment(trx: Db, r: NewRepayment): Promise<string> {
  const row = await trx
    .insertInto('loan_repayments')
    .values({
      loan_id: r.loanId,
      amount_minor: r.amountMinor,
      paid_on: r.paidOn,
      bank_reference: r.bankReference,
      allocation: JSON.stringify(r.allocation),
      excess_minor: r.excessMinor,
      ledger_transaction_id: r.ledgerTransactionId,
      reference_generation: r.referenceGeneration,
      created_at: r.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

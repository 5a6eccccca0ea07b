import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { recordChange } from '../audit/index.ts';
import type { Actor } from '../identity/index.ts';
import { allocateRepayment } from './allocation.ts';
import { refreshArrears } from './arrears.repository.ts';
import { postLedgerTransaction } from './ledger.ts';
import { assertLoanBank } from './loan-access.ts';
import { findLoanRow, loadLoan } from './loans.repository.ts';
import type { Loan, RepayInput } from './loans.schema.ts';
import { LOAN_SETTINGS } from './loans.settings.ts';

/**
 * The loan's bank posts a repayment. The loan row is locked first, so two repayments posted at
 * once are applied one after the other against the true balance. Allocation: oldest overdue, then
 * current, then the last instalments; paying the whole outstanding closes the loan.
 */
export async function postRepayment(
  deps: Deps,
  actor: Actor,
  loanId: string,
  input: RepayInput,
): Promise<Loan> {
  assertLoanBank(actor, await findLoanRow(deps.db, loanId));
  const today = karachiDate(deps.clock.now());
  if (input.amountMinor <= 0) throw invalidField('amountMinor', 'must be more than 0');
  if (input.paidOn > today) throw invalidField('paidOn', 'must not be in the future');
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const loan = await findLoanRow(trx, loanId, true);
    if (!loan) throw notFound('Loan');
    if (loan.status !== 'active' && loan.status !== 'loss')
      throw new AppError(
        'invalid_state',
        `The loan is ${loan.status}; repayments are posted to disbursed loans`,
      );
    if (input.paidOn < loan.first_disbursed_on!)
      throw invalidField('paidOn', `must not be before the first disbursement (${loan.first_disbursed_on})`);
    const outstanding = loan.disbursed_minor - loan.repaid_minor;
    if (input.amountMinor > outstanding)
      throw invalidField('amountMinor', `must not exceed the outstanding ${outstanding} paisa`);
    const dup = await trx
      .selectFrom('loan_repayments')
      .select('id')
      .where('loan_id', '=', loanId)
      .where('bank_reference', '=', input.bankReference)
      .executeTakeFirst();
    if (dup) throw invalidField('bankReference', 'was already used for a repayment of this loan');

    const instalments = await trx
      .selectFrom('loan_instalments')
      .selectAll()
      .where('loan_id', '=', loanId)
      .orderBy('number')
      .execute();
    const allocation = allocateRepayment(
      instalments.map((i) => ({
        number: i.number,
        dueDate: i.due_date,
        principalMinor: i.principal_minor,
        paidMinor: i.paid_minor,
      })),
      input.amountMinor,
      input.paidOn,
      LOAN_SETTINGS.overpayment,
    );
    for (const line of allocation) {
      const inst = instalments.find((i) => i.number === line.number)!;
      const paid = inst.paid_minor + line.amountMinor;
      await trx
        .updateTable('loan_instalments')
        .set({
          paid_minor: paid,
          ...(paid === inst.principal_minor ? { status: 'paid' as const, paid_on: input.paidOn } : {}),
        })
        .where('loan_id', '=', loanId)
        .where('number', '=', line.number)
        .where('paid_minor', '=', inst.paid_minor)
        .execute();
    }
    const repaid = loan.repaid_minor + input.amountMinor;
    const closes = repaid === loan.disbursed_minor;
    await trx
      .updateTable('loans')
      .set({
        repaid_minor: repaid,
        ...(closes ? { status: 'closed' as const, closed_on: input.paidOn } : {}),
        updated_at: now,
      })
      .where('id', '=', loanId)
      .where('repaid_minor', '=', loan.repaid_minor)
      .execute();
    const txId = await postLedgerTransaction(
      trx,
      { kind: 'repayment', loanId, occurredOn: input.paidOn, now },
      [
        { account: 'bank_collections', loanId, bankId: loan.bank_id, debitMinor: input.amountMinor },
        { account: 'loan_principal', loanId, bankId: loan.bank_id, creditMinor: input.amountMinor },
      ],
    );
    const row = await trx
      .insertInto('loan_repayments')
      .values({
        loan_id: loanId,
        amount_minor: input.amountMinor,
        paid_on: input.paidOn,
        bank_reference: input.bankReference,
        allocation: JSON.stringify(allocation),
        ledger_transaction_id: txId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await refreshArrears(trx, today, loanId);
    await recordChange(trx, actor, deps.clock, {
      action: closes ? 'loan.repaid_in_full' : 'loan.repayment_posted',
      entity: 'loan',
      entityId: loanId,
      details: { repaymentId: row.id, ...input, allocation, outstandingMinor: loan.disbursed_minor - repaid },
    });
    return (await loadLoan(trx, loanId))!;
  });
}

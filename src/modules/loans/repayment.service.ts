import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { postLedgerTransaction } from '../../platform/ledger.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { allocateRepayment } from './allocation.ts';
import { refreshArrears } from './arrears.repository.ts';
import { referenceUse } from './bank-references.ts';
import { assertLoanBank } from './loan-access.ts';
import { assertBackdateAllowed } from './loan-rules.service.ts';
import { loadLoanSettings } from './loan-settings.service.ts';
import { findLoanRow, loadLoan } from './loans.repository.ts';
import type { Loan, RepayInput } from './loans.schema.ts';
import { insertRepayment, listInstalments, payInstalment, updateLoanRepaid } from './repayment.repository.ts';
import { adjustSubsidyFrom } from './subsidy-adjust.service.ts';

/**
 * The loan's bank posts a repayment. The loan row is locked first, so two repayments posted at
 * once are applied one after the other against the true balance. Allocation: oldest overdue, then
 * current, then the last (or, by setting, the next) instalments; paying the whole outstanding
 * closes the loan. By the repayment-limit setting a payment may exceed the outstanding principal
 * by up to the next instalment (a standing order that still ran after a prepayment): the loan
 * closes and the excess is held as owed back to the owner, on the repayment and in the ledger.
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
    await assertBackdateAllowed(trx, today, 'paidOn', input.paidOn);
    const settings = await loadLoanSettings(trx);
    const instalments = await listInstalments(trx, loanId);
    const outstanding = loan.disbursed_minor - loan.repaid_minor;
    const next = instalments.find((i) => i.paidMinor < i.principalMinor);
    const limit =
      outstanding +
      (settings.repaymentLimit === 'outstanding_plus_one_instalment' && next ? next.principalMinor : 0);
    if (input.amountMinor > limit)
      throw invalidField(
        'amountMinor',
        limit === outstanding
          ? `must not exceed the outstanding ${outstanding} paisa`
          : `must not exceed the outstanding ${outstanding} paisa plus the next instalment (${limit} paisa in all)`,
      );
    const applied = Math.min(input.amountMinor, outstanding);
    const excess = input.amountMinor - applied;
    // A reversed repayment's reference is free again (decision 0084).
    const reference = await referenceUse(trx, 'repayment', loanId, input.bankReference);
    if (reference.liveId)
      throw invalidField('bankReference', 'was already used for a repayment of this loan');

    const allocation = allocateRepayment(instalments, applied, input.paidOn, settings.overpayment);
    for (const line of allocation) {
      const inst = instalments.find((i) => i.number === line.number)!;
      const paid = inst.paidMinor + line.amountMinor;
      await payInstalment(trx, {
        loanId,
        number: line.number,
        fromPaidMinor: inst.paidMinor,
        paidMinor: paid,
        paidInFullOn: paid === inst.principalMinor ? input.paidOn : null,
      });
    }
    const repaid = loan.repaid_minor + applied;
    const closes = repaid === loan.disbursed_minor;
    await updateLoanRepaid(trx, {
      loanId,
      fromRepaidMinor: loan.repaid_minor,
      repaidMinor: repaid,
      closedOn: closes ? input.paidOn : null,
      now,
    });
    const txId = await postLedgerTransaction(
      trx,
      { kind: 'repayment', loanId, occurredOn: input.paidOn, now },
      [
        { account: 'bank_collections', loanId, bankId: loan.bank_id, debitMinor: input.amountMinor },
        { account: 'loan_principal', loanId, bankId: loan.bank_id, creditMinor: applied },
        ...(excess > 0
          ? [{ account: 'owner_refund_payable' as const, loanId, bankId: loan.bank_id, creditMinor: excess }]
          : []),
      ],
    );
    const repaymentId = await insertRepayment(trx, {
      loanId,
      amountMinor: input.amountMinor,
      paidOn: input.paidOn,
      bankReference: input.bankReference,
      allocation,
      excessMinor: excess,
      ledgerTransactionId: txId,
      referenceGeneration: reference.generation,
      now,
    });
    await refreshArrears(trx, today, loanId);
    // Dated before the last close of business: the subsidy is recomputed from its date (decision 0035).
    const adjustments = await adjustSubsidyFrom(trx, deps.clock, loanId, input.paidOn, {
      kind: 'repayment',
      id: repaymentId,
      reason: `repayment ${input.bankReference} dated ${input.paidOn}`,
    });
    await recordChange(trx, actor, deps.clock, {
      action: closes ? 'loan.repaid_in_full' : 'loan.repayment_posted',
      entity: 'loan',
      entityId: loanId,
      details: {
        repaymentId,
        ...input,
        allocation,
        excessMinor: excess,
        outstandingMinor: loan.disbursed_minor - repaid,
        subsidyAdjustments: adjustments.map((a) => ({ quarter: a.quarter, amountMinor: a.amountMinor })),
      },
    });
    return (await loadLoan(trx, loanId))!;
  });
}

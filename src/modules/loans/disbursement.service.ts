import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { postLedgerTransaction } from '../../platform/ledger.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { refreshArrears } from './arrears.repository.ts';
import { referenceUse } from './bank-references.ts';
import { rollByRules } from './claim-deadline.ts';
import { assertLoanBank } from './loan-access.ts';
import { assertBackdateAllowed } from './loan-rules.service.ts';
import { generateSchedule } from './loan-schedule.ts';
import { loadLoanSettings } from './loan-settings.service.ts';
import { loanDisbursed } from './loans.events.ts';
import { findLoanRow, insertInstalments, type LoanRow, loadLoan } from './loans.repository.ts';
import type { DisburseInput, Loan } from './loans.schema.ts';
import { adjustSubsidyFrom } from './subsidy-adjust.service.ts';
import { reamortiseFuture } from './tranche-schedule.ts';

/**
 * The loan's bank records a tranche: up to the sanctioned amount in all, dated between the
 * sanction and today (and no further back than the loan rules allow). The schedule is generated
 * again over everything disbursed so far, except instalments already due, which never change
 * (the future ones carry the rest). A tranche dated before the last close of business recomputes
 * the subsidy from its date (decision 0035). A tranche after repayments have begun would need a
 * reschedule, which is not built yet, so it is refused.
 */
export async function disburseLoan(
  deps: Deps,
  actor: Actor,
  loanId: string,
  input: DisburseInput,
): Promise<Loan> {
  assertLoanBank(actor, await findLoanRow(deps.db, loanId));
  const today = karachiDate(deps.clock.now());
  if (input.disbursedOn > today) throw invalidField('disbursedOn', 'must not be in the future');
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const loan = await findLoanRow(trx, loanId, true);
    if (!loan) throw notFound('Loan');
    if (loan.status !== 'sanctioned' && loan.status !== 'active')
      throw new AppError('invalid_state', `The loan is ${loan.status}; only a sanctioned loan is disbursed`);
    if (input.disbursedOn < karachiDate(loan.sanctioned_at!))
      throw invalidField('disbursedOn', 'must not be before the sanction');
    await assertBackdateAllowed(trx, today, 'disbursedOn', input.disbursedOn);
    const room = loan.sanctioned_minor! - loan.disbursed_minor;
    if (input.amountMinor > room)
      throw invalidField(
        'amountMinor',
        `must not exceed the ${room} paisa of the sanction not yet disbursed`,
      );
    const rescheduled = await trx
      .selectFrom('loan_actions')
      .select('id')
      .where('loan_id', '=', loanId)
      .where('kind', '=', 'reschedule')
      .where('status', '=', 'approved')
      .executeTakeFirst();
    if (loan.repaid_minor > 0 || rescheduled)
      throw new AppError(
        'invalid_state',
        'Repayments have begun or the loan was rescheduled; a further tranche is not supported yet',
      );
    // A reversed tranche's reference is free again (decision 0084).
    const reference = await referenceUse(trx, 'disbursement', loanId, input.bankReference);
    if (reference.liveId)
      throw invalidField('bankReference', 'was already used for a disbursement of this loan');

    const disbursed = loan.disbursed_minor + input.amountMinor;
    const updated = await trx
      .updateTable('loans')
      .set({
        status: 'active',
        disbursed_minor: disbursed,
        first_disbursed_on: loan.first_disbursed_on ?? input.disbursedOn,
        updated_at: now,
      })
      .where('id', '=', loanId)
      .where('status', '=', loan.status)
      .where('disbursed_minor', '=', loan.disbursed_minor)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('conflict', 'The loan changed; try again');
    const txId = await postLedgerTransaction(
      trx,
      { kind: 'disbursement', loanId, occurredOn: input.disbursedOn, now },
      [
        { account: 'loan_principal', loanId, bankId: loan.bank_id, debitMinor: input.amountMinor },
        { account: 'bank_funding', loanId, bankId: loan.bank_id, creditMinor: input.amountMinor },
      ],
    );
    const row = await trx
      .insertInto('loan_disbursements')
      .values({
        loan_id: loanId,
        amount_minor: input.amountMinor,
        disbursed_on: input.disbursedOn,
        bank_reference: input.bankReference,
        ledger_transaction_id: txId,
        reference_generation: reference.generation,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await regenerateSchedule(trx, { ...loan, disbursed_minor: disbursed }, today);
    const adjustments = await adjustSubsidyFrom(trx, deps.clock, loanId, input.disbursedOn, {
      kind: 'disbursement',
      id: row.id,
      reason: `tranche ${input.bankReference} dated ${input.disbursedOn}`,
    });
    await refreshArrears(trx, today, loanId);
    await recordChange(trx, actor, deps.clock, {
      action: 'loan.disbursed',
      entity: 'loan',
      entityId: loanId,
      details: {
        disbursementId: row.id,
        ...input,
        disbursedMinor: disbursed,
        subsidyAdjustments: adjustments.map((a) => ({ quarter: a.quarter, amountMinor: a.amountMinor })),
      },
    });
    await emitEvent(
      trx,
      deps,
      loanDisbursed,
      {
        loanId,
        ownerId: loan.owner_id,
        disbursementId: row.id,
        amountMinor: input.amountMinor,
        disbursedOn: input.disbursedOn,
        disbursedMinor: disbursed,
      },
      actor,
    );
    return (await loadLoan(trx, loanId))!;
  });
}

/**
 * The schedule over what is disbursed now; instalments due by `keepDueBy` are kept as they were
 * (null: made afresh, as when a wrongly posted tranche is reversed before any repayment).
 */
export async function regenerateSchedule(
  trx: Deps['db'],
  loan: LoanRow,
  keepDueBy: string | null,
): Promise<void> {
  const { scheduleRounding } = await loadLoanSettings(trx);
  const current = (
    await trx
      .selectFrom('loan_instalments')
      .select(['number', 'due_date as dueDate', 'principal_minor as principalMinor', 'scheduled_date'])
      .where('loan_id', '=', loan.id)
      .orderBy('number')
      .execute()
  ).map(({ scheduled_date, ...i }) => (scheduled_date ? { ...i, scheduledDate: scheduled_date } : i));
  if (loan.disbursed_minor === 0) {
    await trx.deleteFrom('loan_instalments').where('loan_id', '=', loan.id).execute();
    return;
  }
  const made = generateSchedule({
    principalMinor: loan.disbursed_minor,
    tenorMonths: loan.tenor_months!,
    graceMonths: loan.grace_months!,
    firstRepaymentDate: loan.first_repayment_date!,
    repaymentDay: loan.repayment_day!,
    unitMinor: loan.schedule_unit_minor,
    rounding: scheduleRounding,
  });
  // Due dates on a weekend or public holiday move to the next working day when the rules say so.
  const fresh = await rollByRules(trx, made);
  const lines =
    keepDueBy === null
      ? fresh
      : reamortiseFuture(
          current,
          fresh,
          loan.disbursed_minor,
          keepDueBy,
          loan.schedule_unit_minor,
          scheduleRounding,
        );
  await trx.deleteFrom('loan_instalments').where('loan_id', '=', loan.id).execute();
  await insertInstalments(trx, loan.id, lines);
}

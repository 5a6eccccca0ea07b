import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { postLedgerTransaction } from '../../platform/ledger.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { refreshArrears } from './arrears.repository.ts';
import { rollByRules } from './claim-deadline.ts';
import { assertCanSee, assertLoanBank } from './loan-access.ts';
import { type LoanAction, listLoanActions, listPending, loadAction } from './loan-actions.repository.ts';
import { repaymentMonths } from './loan-schedule.ts';
import { loadLoanSettings } from './loan-settings.service.ts';
import { findLoanRow, insertInstalments, type LoanRow, loadLoan } from './loans.repository.ts';
import type { Loan, SchedulePreview } from './loans.schema.ts';
import { type RescheduleTerms, rescheduledInstalments } from './reschedule.ts';
import { applyWriteOffReversal } from './write-off-reversal.service.ts';

export type RescheduleInput = RescheduleTerms & { reason: string };

const outstandingOf = (loan: LoanRow) => loan.disbursed_minor - loan.repaid_minor - loan.written_off_minor;

function assertOpen(loan: LoanRow): void {
  if (loan.status !== 'active' && loan.status !== 'loss')
    throw new AppError(
      'invalid_state',
      `The loan is ${loan.status}; only a disbursed, open loan can be changed`,
    );
}

/** The schedule a reschedule would give, from the loan as it stands and the settings in force. */
async function plan(deps: Deps, loan: LoanRow, terms: RescheduleTerms) {
  if (terms.firstRepaymentDate <= karachiDate(deps.clock.now()))
    throw invalidField('firstRepaymentDate', 'must be after today');
  const [current, settings] = await Promise.all([
    deps.db
      .selectFrom('loan_instalments')
      .select(['number', 'paid_minor as paidMinor'])
      .where('loan_id', '=', loan.id)
      .execute(),
    loadLoanSettings(deps.db),
  ]);
  // The new due dates roll off weekends and holidays as the loan rules say (decision 0062).
  return rollByRules(
    deps.db,
    rescheduledInstalments(current, Math.max(1, outstandingOf(loan)), terms, {
      unitMinor: loan.schedule_unit_minor,
      rounding: settings.scheduleRounding,
    }),
  );
}

/** What a reschedule would look like, before the bank sends it or the admin decides it. */
export async function previewReschedule(
  deps: Deps,
  actor: Actor,
  loanId: string,
  terms: RescheduleTerms,
): Promise<SchedulePreview> {
  const loan = await findLoanRow(deps.db, loanId);
  assertCanSee(actor, loan);
  assertOpen(loan);
  return {
    principalMinor: outstandingOf(loan),
    tenorMonths: terms.tenorMonths,
    graceMonths: 0,
    repaymentMonths: repaymentMonths(terms.tenorMonths, 0),
    unit: loan.schedule_unit_minor === 1 ? 'paisa' : 'rupee',
    instalments: await plan(deps, loan, terms),
  };
}

/** The loan's bank asks to write a loan off or to reschedule it; the programme decides. */
export async function requestLoanAction(
  deps: Deps,
  actor: Actor,
  loanId: string,
  input: ({ kind: 'write_off' } | ({ kind: 'reschedule' } & RescheduleTerms)) & { reason: string },
): Promise<LoanAction> {
  const loan = await findLoanRow(deps.db, loanId);
  assertLoanBank(actor, loan);
  assertOpen(loan);
  if (input.kind === 'reschedule') await plan(deps, loan, input);
  try {
    return await inTransaction(deps.db, async (trx) => {
      const row = await trx
        .insertInto('loan_actions')
        .values({
          loan_id: loanId,
          kind: input.kind,
          status: 'requested',
          reason: input.reason,
          ...(input.kind === 'reschedule'
            ? {
                tenor_months: input.tenorMonths,
                first_repayment_date: input.firstRepaymentDate,
                repayment_day: input.repaymentDay,
              }
            : {}),
          requested_at: deps.clock.now(),
          requested_by: actor.kind === 'user' ? actor.userId : null,
          requested_by_api_key: actor.kind === 'api_key' ? actor.apiKeyId : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordChange(trx, actor, deps.clock, {
        action: `loan.${input.kind}_requested`,
        entity: 'loan',
        entityId: loanId,
        details: { actionId: row.id, ...input },
      });
      return (await loadAction(trx, row.id))!;
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505')
      throw new AppError('already_exists', 'This loan already has a request waiting for the programme');
    throw err;
  }
}

export async function listPendingActions(deps: Deps, actor: Actor): Promise<LoanAction[]> {
  requireRole(actor, 'program_admin', 'auditor', 'bank_officer');
  if (actor.kind !== 'system' && actor.role === 'bank_officer')
    return listPending(deps.db, actor.organizationId ?? '00000000-0000-0000-0000-000000000000');
  return listPending(deps.db);
}

/** A loan's reschedules and write-offs, asked, approved or rejected, with the schedules they replaced. */
export async function loanActionHistory(deps: Deps, actor: Actor, loanId: string): Promise<LoanAction[]> {
  assertCanSee(actor, await findLoanRow(deps.db, loanId));
  return listLoanActions(deps.db, loanId);
}

/**
 * The programme approves or rejects. A write-off takes the whole outstanding principal off the
 * loan (the bank bears it; subsidy stops). A reschedule keeps the old schedule in the action and
 * spreads the outstanding principal over new monthly instalments from the new first date; paid
 * instalments stay, a partly paid one is closed at what was paid.
 */
export async function decideLoanAction(
  deps: Deps,
  actor: Actor,
  actionId: string,
  input: { approve: boolean; note: string },
): Promise<Loan> {
  requireRole(actor, 'program_admin');
  if (!input.approve && input.note.trim().length < 5)
    throw invalidField('note', 'must say why the request is rejected (at least 5 characters)');
  const now = deps.clock.now();
  const today = karachiDate(now);
  return inTransaction(deps.db, async (trx) => {
    const action = await trx
      .selectFrom('loan_actions')
      .selectAll()
      .where('id', '=', actionId)
      .forUpdate()
      .executeTakeFirst();
    if (!action) throw notFound('Request');
    if (action.status !== 'requested')
      throw new AppError('invalid_state', `The request is already ${action.status}`);
    const loan = await findLoanRow(trx, action.loan_id, true);
    if (!loan) throw notFound('Loan');
    const outstanding = outstandingOf(loan);
    let previous: unknown[] | null = null;
    if (input.approve && action.kind === 'write_off_reversal') {
      await applyWriteOffReversal(deps, trx, loan, action.id);
    } else if (input.approve) {
      if (loan.status !== 'active' && loan.status !== 'loss')
        throw new AppError('invalid_state', `The loan is ${loan.status} now`);
      const instalments = await trx
        .selectFrom('loan_instalments')
        .selectAll()
        .where('loan_id', '=', loan.id)
        .orderBy('number')
        .execute();
      previous = instalments.map((i) => ({
        number: i.number,
        dueDate: i.due_date,
        principalMinor: i.principal_minor,
        paidMinor: i.paid_minor,
      }));
      if (action.kind === 'write_off') {
        await trx
          .updateTable('loans')
          .set({
            status: 'written_off',
            written_off_minor: loan.written_off_minor + outstanding,
            closed_on: today,
            updated_at: now,
          })
          .where('id', '=', loan.id)
          .execute();
        if (outstanding > 0)
          await postLedgerTransaction(trx, { kind: 'write_off', loanId: loan.id, occurredOn: today, now }, [
            { account: 'bank_write_off', loanId: loan.id, bankId: loan.bank_id, debitMinor: outstanding },
            { account: 'loan_principal', loanId: loan.id, bankId: loan.bank_id, creditMinor: outstanding },
          ]);
      } else {
        const { scheduleRounding } = await loadLoanSettings(trx);
        const lines = await rollByRules(
          trx,
          rescheduledInstalments(
            previous as { number: number; paidMinor: number }[],
            outstanding,
            {
              tenorMonths: action.tenor_months!,
              firstRepaymentDate: action.first_repayment_date!,
              repaymentDay: action.repayment_day!,
            },
            { unitMinor: loan.schedule_unit_minor, rounding: scheduleRounding },
          ),
        );
        for (const i of instalments.filter((i) => i.paid_minor > 0 && i.paid_minor < i.principal_minor))
          await trx
            .updateTable('loan_instalments')
            .set({ principal_minor: i.paid_minor, status: 'paid', paid_on: today })
            .where('loan_id', '=', loan.id)
            .where('number', '=', i.number)
            .execute();
        await trx
          .deleteFrom('loan_instalments')
          .where('loan_id', '=', loan.id)
          .where('paid_minor', '=', 0)
          .execute();
        await insertInstalments(trx, loan.id, lines);
        await trx
          .updateTable('loans')
          .set({
            status: 'active',
            classified_loss_on: null,
            // The loan's own terms are the new schedule's, so its header says what is now due.
            tenor_months: action.tenor_months,
            first_repayment_date: action.first_repayment_date,
            repayment_day: action.repayment_day,
            updated_at: now,
          })
          .where('id', '=', loan.id)
          .execute();
        await refreshArrears(trx, today, loan.id);
      }
    }
    await trx
      .updateTable('loan_actions')
      .set({
        status: input.approve ? 'approved' : 'rejected',
        decision_note: input.note || null,
        decided_at: now,
        decided_by: actor.kind === 'user' ? actor.userId : null,
        amount_minor: action.kind === 'write_off' && input.approve ? outstanding : action.amount_minor,
        previous_schedule: previous ? JSON.stringify(previous) : null,
      })
      .where('id', '=', actionId)
      .where('status', '=', 'requested')
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: `loan.${action.kind}_${input.approve ? 'approved' : 'rejected'}`,
      entity: 'loan',
      entityId: loan.id,
      details: { actionId, note: input.note, outstandingMinor: outstanding },
    });
    return (await loadLoan(trx, loan.id))!;
  });
}

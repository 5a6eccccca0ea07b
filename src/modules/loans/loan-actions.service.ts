import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { recordChange } from '../audit/index.ts';
import { type Actor, requireRole } from '../identity/index.ts';
import { refreshArrears } from './arrears.repository.ts';
import { postLedgerTransaction } from './ledger.ts';
import { assertLoanBank } from './loan-access.ts';
import { type LoanAction, loadAction } from './loan-actions.repository.ts';
import { generateSchedule, ScheduleError } from './loan-schedule.ts';
import { loadLoanSettings } from './loan-settings.service.ts';
import { findLoanRow, loadLoan } from './loans.repository.ts';
import type { Loan } from './loans.schema.ts';

export type RescheduleInput = {
  tenorMonths: number;
  firstRepaymentDate: string;
  repaymentDay: number;
  reason: string;
};

/** The loan's bank asks to write a loan off or to reschedule it; the programme decides. */
export async function requestLoanAction(
  deps: Deps,
  actor: Actor,
  loanId: string,
  input: ({ kind: 'write_off' } | ({ kind: 'reschedule' } & Omit<RescheduleInput, 'reason'>)) & {
    reason: string;
  },
): Promise<LoanAction> {
  const loan = await findLoanRow(deps.db, loanId);
  assertLoanBank(actor, loan);
  if (loan.status !== 'active' && loan.status !== 'loss')
    throw new AppError(
      'invalid_state',
      `The loan is ${loan.status}; only a disbursed, open loan can be changed`,
    );
  if (input.kind === 'reschedule') {
    try {
      generateSchedule({
        principalMinor: Math.max(1, loan.disbursed_minor - loan.repaid_minor),
        tenorMonths: input.tenorMonths,
        graceMonths: 0,
        firstRepaymentDate: input.firstRepaymentDate,
        repaymentDay: input.repaymentDay,
      });
    } catch (err) {
      if (err instanceof ScheduleError)
        throw invalidField(err.field, err.message.replace(`${err.field}: `, ''));
      throw err;
    }
    if (input.firstRepaymentDate <= karachiDate(deps.clock.now()))
      throw invalidField('firstRepaymentDate', 'must be after today');
  }
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
  let q = deps.db
    .selectFrom('loan_actions')
    .innerJoin('loans', 'loans.id', 'loan_actions.loan_id')
    .select('loan_actions.id')
    .where('loan_actions.status', '=', 'requested')
    .orderBy('loan_actions.requested_at');
  if (actor.kind !== 'system' && actor.role === 'bank_officer')
    q = q.where('loans.bank_id', '=', actor.organizationId ?? '');
  const ids = await q.execute();
  return Promise.all(ids.map(async (r) => (await loadAction(deps.db, r.id))!));
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
    const outstanding = loan.disbursed_minor - loan.repaid_minor - loan.written_off_minor;
    let previous: unknown[] | null = null;
    if (input.approve) {
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
        const kept = instalments.filter((i) => i.paid_minor > 0);
        for (const i of kept.filter((i) => i.paid_minor < i.principal_minor))
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
        const { scheduleRounding } = await loadLoanSettings(trx);
        const start = kept.reduce((n, i) => Math.max(n, i.number), 0);
        const lines = generateSchedule({
          principalMinor: outstanding,
          tenorMonths: action.tenor_months!,
          graceMonths: 0,
          firstRepaymentDate: action.first_repayment_date!,
          repaymentDay: action.repayment_day!,
          unitMinor: loan.schedule_unit_minor,
          rounding: scheduleRounding,
        });
        await trx
          .insertInto('loan_instalments')
          .values(
            lines.map((l) => ({
              loan_id: loan.id,
              number: start + l.number,
              due_date: l.dueDate,
              principal_minor: l.principalMinor,
            })),
          )
          .execute();
        await trx
          .updateTable('loans')
          .set({ status: 'active', classified_loss_on: null, updated_at: now })
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

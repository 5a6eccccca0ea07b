import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole, requireUser } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { assertLoanBank } from './loan-access.ts';
import { checkTerms, ScheduleError } from './loan-schedule.ts';
import { loadLoanSettings } from './loan-settings.service.ts';
import { loanRequested, loanSanctioned } from './loans.events.ts';
import { findLoanRow, loadLoan } from './loans.repository.ts';
import type { Loan, RequestLoanInput, SanctionLoanInput } from './loans.schema.ts';

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

/** The owner of a shortlisted application asks a partner bank for a loan (≤ the call's cap and ≤ what was asked). */
export async function requestLoan(deps: Deps, actor: Actor, input: RequestLoanInput): Promise<Loan> {
  requireRole(actor, 'owner');
  requireUser(actor);
  const app = await deps.db
    .selectFrom('applications')
    .innerJoin('calls', 'calls.id', 'applications.call_id')
    .select([
      'applications.id',
      'applications.owner_id',
      'applications.status',
      'applications.reference',
      'applications.province_code',
      'applications.loan_requested_minor',
      'calls.loan_cap_minor',
    ])
    .where('applications.id', '=', input.applicationId)
    .executeTakeFirst();
  if (!app || app.owner_id !== actor.userId) throw notFound('Application');
  if (app.status !== 'shortlisted')
    throw new AppError(
      'invalid_state',
      `Application ${app.reference} is ${app.status}; only a shortlisted one may borrow`,
    );
  if (input.amountMinor > app.loan_cap_minor)
    throw invalidField('amountMinor', `must not exceed the call's cap of ${app.loan_cap_minor} paisa`);
  if (app.loan_requested_minor !== null && input.amountMinor > app.loan_requested_minor)
    throw invalidField(
      'amountMinor',
      `must not exceed the ${app.loan_requested_minor} paisa the application asked for`,
    );
  const bank = await deps.db
    .selectFrom('organizations')
    .select(['id', 'kind'])
    .where('id', '=', input.bankId)
    .executeTakeFirst();
  if (bank?.kind !== 'bank') throw invalidField('bankId', 'must be a partner bank');
  const now = deps.clock.now();
  try {
    return await inTransaction(deps.db, async (trx) => {
      const settings = await loadLoanSettings(trx);
      const row = await trx
        .insertInto('loans')
        .values({
          application_id: app.id,
          owner_id: actor.userId,
          bank_id: bank.id,
          province_code: app.province_code,
          status: 'requested',
          requested_minor: input.amountMinor,
          schedule_unit_minor: settings.scheduleUnitMinor,
          requested_at: now,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordChange(trx, actor, deps.clock, {
        action: 'loan.requested',
        entity: 'loan',
        entityId: row.id,
        details: { applicationId: app.id, bankId: bank.id, amountMinor: input.amountMinor },
      });
      await emitEvent(
        trx,
        deps,
        loanRequested,
        { loanId: row.id, bankId: bank.id, ownerId: actor.userId, amountMinor: input.amountMinor },
        actor,
      );
      return (await loadLoan(trx, row.id))!;
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('already_exists', `Application ${app.reference} already has a loan request`);
    throw err;
  }
}

/** The loan's bank sanctions a request: amount (≤ requested), tenor, grace inside it, repayment day and first date. */
export async function sanctionLoan(
  deps: Deps,
  actor: Actor,
  loanId: string,
  input: SanctionLoanInput,
): Promise<Loan> {
  assertLoanBank(actor, await findLoanRow(deps.db, loanId));
  const today = karachiDate(deps.clock.now());
  try {
    checkTerms({
      principalMinor: input.amountMinor,
      tenorMonths: input.tenorMonths,
      graceMonths: input.graceMonths,
      firstRepaymentDate: input.firstRepaymentDate,
      repaymentDay: input.repaymentDay,
    });
  } catch (err) {
    if (err instanceof ScheduleError)
      throw invalidField(err.field, err.message.replace(`${err.field}: `, ''));
    throw err;
  }
  if (input.firstRepaymentDate <= today) throw invalidField('firstRepaymentDate', 'must be after today');
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const current = await findLoanRow(trx, loanId, true);
    if (!current) throw notFound('Loan');
    if (input.amountMinor > current.requested_minor)
      throw invalidField('amountMinor', `must not exceed the ${current.requested_minor} paisa requested`);
    const updated = await trx
      .updateTable('loans')
      .set({
        status: 'sanctioned',
        sanctioned_minor: input.amountMinor,
        tenor_months: input.tenorMonths,
        grace_months: input.graceMonths,
        repayment_day: input.repaymentDay,
        first_repayment_date: input.firstRepaymentDate,
        sanctioned_at: now,
        updated_at: now,
      })
      .where('id', '=', loanId)
      .where('status', '=', 'requested')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw new AppError('invalid_state', `The loan is ${current.status}; only a request can be sanctioned`);
    await recordChange(trx, actor, deps.clock, {
      action: 'loan.sanctioned',
      entity: 'loan',
      entityId: loanId,
      details: { ...input },
    });
    await emitEvent(
      trx,
      deps,
      loanSanctioned,
      {
        loanId,
        ownerId: current.owner_id,
        amountMinor: input.amountMinor,
        tenorMonths: input.tenorMonths,
        firstRepaymentDate: input.firstRepaymentDate,
      },
      actor,
    );
    return (await loadLoan(trx, loanId))!;
  });
}

export async function declineLoan(deps: Deps, actor: Actor, loanId: string, reason: string): Promise<Loan> {
  assertLoanBank(actor, await findLoanRow(deps.db, loanId));
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const updated = await trx
      .updateTable('loans')
      .set({ status: 'declined', decline_reason: reason, declined_at: now, updated_at: now })
      .where('id', '=', loanId)
      .where('status', '=', 'requested')
      .returning('status')
      .executeTakeFirst();
    if (!updated) {
      const current = await findLoanRow(trx, loanId);
      throw new AppError('invalid_state', `The loan is ${current?.status}; only a request can be declined`);
    }
    await recordChange(trx, actor, deps.clock, {
      action: 'loan.declined',
      entity: 'loan',
      entityId: loanId,
      details: { reason },
    });
    return (await loadLoan(trx, loanId))!;
  });
}

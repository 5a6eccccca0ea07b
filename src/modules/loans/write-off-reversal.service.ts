import { z } from 'zod';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { postLedgerTransaction } from '../../platform/ledger.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { refreshArrears } from './arrears.repository.ts';
import { assertCanSee, assertLoanBank } from './loan-access.ts';
import { type LoanAction, loadAction } from './loan-actions.repository.ts';
import { assertBackdateAllowed } from './loan-rules.service.ts';
import { findLoanRow, type LoanRow } from './loans.repository.ts';
import { adjustSubsidyFrom } from './subsidy-adjust.service.ts';

type Trx = Deps['db'];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
export const RecoveryInputSchema = z
  .object({
    amountMinor: z.number().int().positive().describe('Paisa recovered on the written-off principal'),
    recoveredOn: isoDate,
    bankReference: z.string().trim().min(1).max(100),
  })
  .meta({ id: 'LoanRecoveryInput' });
export type RecoveryInput = z.infer<typeof RecoveryInputSchema>;

export const RecoverySchema = z
  .object({
    id: z.string().uuid(),
    loanId: z.string().uuid(),
    amountMinor: z.number().int(),
    recoveredOn: z.string(),
    bankReference: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'LoanRecoveryEntry' });
export type Recovery = z.infer<typeof RecoverySchema>;

/** The loan's approved write-off still standing (the latest approved action is it), if any. */
async function standingWriteOff(trx: Trx, loanId: string) {
  const last = await trx
    .selectFrom('loan_actions')
    .selectAll()
    .where('loan_id', '=', loanId)
    .where('status', '=', 'approved')
    .orderBy('decided_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last?.kind === 'write_off' ? last : undefined;
}

async function recoveredOf(trx: Trx, loanId: string): Promise<number> {
  const r = await trx
    .selectFrom('loan_recoveries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_minor'), eb.lit(0)).as('total'))
    .where('loan_id', '=', loanId)
    .executeTakeFirstOrThrow();
  return Number(r.total);
}

/**
 * Money recovered on a written-off loan (issue 19, finding e): the bank records it, up to what was
 * written off and not yet recovered, dated on or after the write-off. The ledger takes it off the
 * bank's write-off (`bank_collections` / `bank_write_off`); the loan stays written off.
 */
export async function recordRecovery(
  deps: Deps,
  actor: Actor,
  loanId: string,
  input: RecoveryInput,
): Promise<Recovery> {
  assertLoanBank(actor, await findLoanRow(deps.db, loanId));
  const today = karachiDate(deps.clock.now());
  if (input.recoveredOn > today) throw invalidField('recoveredOn', 'must not be in the future');
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const loan = (await findLoanRow(trx, loanId, true))!;
    if (loan.status !== 'written_off')
      throw new AppError('invalid_state', `The loan is ${loan.status}; recoveries are of written-off loans`);
    if (loan.closed_on && input.recoveredOn < loan.closed_on)
      throw invalidField('recoveredOn', `must not be before the write-off (${loan.closed_on})`);
    const left = loan.written_off_minor - (await recoveredOf(trx, loanId));
    if (input.amountMinor > left)
      throw invalidField(
        'amountMinor',
        `must not exceed the ${left} paisa written off and not yet recovered`,
      );
    const dup = await trx
      .selectFrom('loan_recoveries')
      .select('id')
      .where('loan_id', '=', loanId)
      .where('bank_reference', '=', input.bankReference)
      .executeTakeFirst();
    if (dup) throw invalidField('bankReference', 'was already used for a recovery of this loan');
    const txId = await postLedgerTransaction(
      trx,
      { kind: 'write_off_recovery', loanId, occurredOn: input.recoveredOn, now },
      [
        { account: 'bank_collections', loanId, bankId: loan.bank_id, debitMinor: input.amountMinor },
        { account: 'bank_write_off', loanId, bankId: loan.bank_id, creditMinor: input.amountMinor },
      ],
    );
    const row = await trx
      .insertInto('loan_recoveries')
      .values({
        loan_id: loanId,
        amount_minor: input.amountMinor,
        recovered_on: input.recoveredOn,
        bank_reference: input.bankReference,
        ledger_transaction_id: txId,
        created_by: actor.kind === 'user' ? actor.userId : null,
        created_by_api_key: actor.kind === 'api_key' ? actor.apiKeyId : null,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const recovery = toRecovery(row);
    await recordChange(trx, actor, deps.clock, {
      action: 'loan.write_off_recovered',
      entity: 'loan',
      entityId: loanId,
      after: recovery,
    });
    return recovery;
  });
}

function toRecovery(r: {
  id: string;
  loan_id: string;
  amount_minor: number | string;
  recovered_on: string;
  bank_reference: string;
  created_at: Date;
}): Recovery {
  return {
    id: r.id,
    loanId: r.loan_id,
    amountMinor: Number(r.amount_minor),
    recoveredOn: r.recovered_on,
    bankReference: r.bank_reference,
    createdAt: r.created_at.toISOString(),
  };
}

export async function listRecoveries(deps: Deps, actor: Actor, loanId: string): Promise<Recovery[]> {
  assertCanSee(actor, await findLoanRow(deps.db, loanId));
  const rows = await deps.db
    .selectFrom('loan_recoveries')
    .selectAll()
    .where('loan_id', '=', loanId)
    .orderBy('recovered_on')
    .orderBy('created_at')
    .execute();
  return rows.map(toRecovery);
}

/**
 * The bank asks to undo a write-off made in error (maker); the programme decides it in its queue
 * like any loan action (checker: `decideLoanAction`, never the bank that asked). Refused once
 * money was recovered on it: the recovery is the record of what happened after.
 */
export async function requestWriteOffReversal(
  deps: Deps,
  actor: Actor,
  loanId: string,
  input: { reason: string },
): Promise<LoanAction> {
  assertLoanBank(actor, await findLoanRow(deps.db, loanId));
  try {
    return await inTransaction(deps.db, async (trx) => {
      const loan = (await findLoanRow(trx, loanId, true))!;
      const writeOff = loan.status === 'written_off' ? await standingWriteOff(trx, loanId) : undefined;
      if (!writeOff) throw new AppError('invalid_state', 'The loan has no write-off to undo');
      // Undoing recomputes the subsidy from the write-off's day: no further back than the rules allow.
      if (loan.closed_on)
        await assertBackdateAllowed(trx, karachiDate(deps.clock.now()), 'closedOn', loan.closed_on);
      if ((await recoveredOf(trx, loanId)) > 0)
        throw new AppError('invalid_state', 'Money was recovered on this write-off; it cannot be undone');
      const row = await trx
        .insertInto('loan_actions')
        .values({
          loan_id: loanId,
          kind: 'write_off_reversal',
          status: 'requested',
          reason: input.reason,
          amount_minor: writeOff.amount_minor,
          requested_at: deps.clock.now(),
          requested_by: actor.kind === 'user' ? actor.userId : null,
          requested_by_api_key: actor.kind === 'api_key' ? actor.apiKeyId : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordChange(trx, actor, deps.clock, {
        action: 'loan.write_off_reversal_requested',
        entity: 'loan',
        entityId: loanId,
        details: { actionId: row.id, writeOffActionId: writeOff.id, reason: input.reason },
      });
      return (await loadAction(trx, row.id))!;
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505')
      throw new AppError('already_exists', 'This loan already has a request waiting for the programme');
    throw err;
  }
}

/**
 * Applies an approved write-off reversal inside the decision's transaction: the principal goes back
 * on the loan (a reversing ledger transaction dated on the write-off's day), the loan is active
 * again (or loss, if it was classified so), arrears are aged, and the subsidy is recomputed from
 * the write-off's day, so the days it was wrongly stopped are paid as adjustments.
 */
export async function applyWriteOffReversal(
  deps: Deps,
  trx: Trx,
  loan: LoanRow,
  actionId: string,
): Promise<void> {
  const writeOff = loan.status === 'written_off' ? await standingWriteOff(trx, loan.id) : undefined;
  if (!writeOff) throw new AppError('invalid_state', 'The loan has no write-off to undo');
  if ((await recoveredOf(trx, loan.id)) > 0)
    throw new AppError('invalid_state', 'Money was recovered on this write-off; it cannot be undone');
  const now = deps.clock.now();
  const today = karachiDate(now);
  const amount = Number(writeOff.amount_minor ?? 0);
  const day = loan.closed_on ?? today;
  // Checked again at the decision: the request may have waited past the limit.
  await assertBackdateAllowed(trx, today, 'closedOn', day);
  await trx
    .updateTable('loans')
    .set({
      status: loan.classified_loss_on ? 'loss' : 'active',
      written_off_minor: loan.written_off_minor - amount,
      closed_on: null,
      updated_at: now,
    })
    .where('id', '=', loan.id)
    .where('status', '=', 'written_off')
    .execute();
  if (amount > 0)
    await postLedgerTransaction(trx, { kind: 'write_off_reversal', loanId: loan.id, occurredOn: day, now }, [
      { account: 'loan_principal', loanId: loan.id, bankId: loan.bank_id, debitMinor: amount },
      { account: 'bank_write_off', loanId: loan.id, bankId: loan.bank_id, creditMinor: amount },
    ]);
  await refreshArrears(trx, today, loan.id);
  await adjustSubsidyFrom(trx, deps.clock, loan.id, day, {
    kind: 'write_off_reversal',
    id: actionId,
    reason: `write-off of ${day} undone`,
  });
}

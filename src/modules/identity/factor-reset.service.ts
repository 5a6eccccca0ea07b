import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole, requireUser } from '../../platform/actor.ts';
import { type PiiCipher, piiCipher } from '../../platform/keys/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { maskEmail } from '../../shared/mask.ts';
import { findAccountByContact } from './account-lookup.ts';
import { needsSecondFactor } from './factor-stage.ts';
import { normalizeEmail } from './identity.rules.ts';
import { tellOwner } from './security-messages.ts';
import { endTrustedDevices } from './trusted-device.service.ts';

/**
 * A lost authenticator is reset by two programme admins (maker–checker, decision 0040): one asks
 * with a reason, another approves. Neither may be the account's owner; the owner is told at both
 * steps. Approval deletes the authenticator and its recovery codes and ends every session, so
 * the next sign-in enrols a new one.
 */
export type FactorReset = {
  id: string;
  userId: string;
  userName: string;
  userEmail: string;
  userRole: string;
  reason: string;
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
  status: 'pending' | 'approved' | 'rejected';
  decidedBy: string | null;
  decidedAt: string | null;
};

export async function requestFactorReset(
  deps: Deps,
  actor: Actor,
  input: { userId: string; reason: string },
): Promise<FactorReset> {
  requireRole(actor, 'program_admin');
  requireUser(actor);
  if (input.userId === actor.userId)
    throw new AppError('forbidden', 'Another admin must ask to reset your own authenticator');
  const user = await deps.db
    .selectFrom('users')
    .select(['id', 'role'])
    .where('id', '=', input.userId)
    .executeTakeFirst();
  if (!user) throw notFound('User');
  if (!needsSecondFactor(user.role))
    throw new AppError('invalid_state', 'This account signs in without a second factor');
  const factor = await deps.db
    .selectFrom('user_factors')
    .select('user_id')
    .where('user_id', '=', user.id)
    .executeTakeFirst();
  if (!factor) throw new AppError('invalid_state', 'This account has no authenticator to reset');
  const pending = await deps.db
    .selectFrom('factor_resets')
    .select('id')
    .where('user_id', '=', user.id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (pending) throw new AppError('conflict', 'A reset for this account is already waiting for approval');
  const id = await inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto('factor_resets')
      .values({
        user_id: user.id,
        reason: input.reason,
        requested_by: actor.userId,
        requested_at: deps.clock.now(),
        decided_by: null,
        decided_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordChange(trx, actor, deps.clock, {
      action: 'factor.reset_requested',
      entity: 'user',
      entityId: user.id,
      details: { resetId: row.id, reason: input.reason },
    });
    await tellOwner(
      deps,
      trx,
      user.id,
      'security.factor_changed',
      { what: 'reset_requested' },
      `reset:${row.id}`,
    );
    return row.id;
  });
  return getReset(deps, id);
}

/** The same request naming the account by its email (the staff lists show emails masked). */
export async function requestFactorResetByEmail(
  deps: Deps,
  actor: Actor,
  input: { email: string; reason: string },
): Promise<FactorReset> {
  requireRole(actor, 'program_admin');
  const account = await findAccountByContact(deps.db, await piiCipher(deps), {
    kind: 'email',
    value: normalizeEmail(input.email),
  });
  if (!account)
    throw new AppError('validation_failed', 'email: no account has this email', {
      fields: [{ path: 'email', message: 'no account has this email', rule: 'unknown_account' }],
    });
  return requestFactorReset(deps, actor, { userId: account.id, reason: input.reason });
}

export async function decideFactorReset(
  deps: Deps,
  actor: Actor,
  id: string,
  decision: 'approve' | 'reject',
): Promise<FactorReset> {
  requireRole(actor, 'program_admin');
  requireUser(actor);
  await inTransaction(deps.db, async (trx) => {
    const reset = await trx
      .selectFrom('factor_resets')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!reset) throw notFound('Reset request');
    if (reset.status !== 'pending') throw new AppError('invalid_state', 'This request was already decided');
    if (reset.requested_by === actor.userId)
      throw new AppError('forbidden', 'A second admin must decide: you asked for this reset');
    if (reset.user_id === actor.userId)
      throw new AppError('forbidden', 'You cannot decide a reset of your own account');
    const now = deps.clock.now();
    await trx
      .updateTable('factor_resets')
      .set({
        status: decision === 'approve' ? 'approved' : 'rejected',
        decided_by: actor.userId,
        decided_at: now,
      })
      .where('id', '=', id)
      .execute();
    if (decision === 'approve') {
      await trx.deleteFrom('recovery_codes').where('user_id', '=', reset.user_id).execute();
      await trx.deleteFrom('user_factors').where('user_id', '=', reset.user_id).execute();
      await trx.deleteFrom('sessions').where('user_id', '=', reset.user_id).execute();
      await endTrustedDevices(trx, reset.user_id);
    }
    await recordChange(trx, actor, deps.clock, {
      action: decision === 'approve' ? 'factor.reset' : 'factor.reset_rejected',
      entity: 'user',
      entityId: reset.user_id,
      details: { resetId: id, requestedBy: reset.requested_by },
    });
    await tellOwner(
      deps,
      trx,
      reset.user_id,
      'security.factor_changed',
      { what: decision === 'approve' ? 'reset_done' : 'reset_rejected' },
      `reset-decided:${id}`,
    );
  });
  return getReset(deps, id);
}

function resets(deps: Deps) {
  return deps.db
    .selectFrom('factor_resets as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .innerJoin('users as m', 'm.id', 'r.requested_by')
    .select([
      'r.id',
      'r.user_id',
      'u.name as user_name',
      'u.email as user_email',
      'u.role as user_role',
      'r.reason',
      'r.requested_by',
      'm.name as requested_by_name',
      'r.requested_at',
      'r.status',
      'r.decided_by',
      'r.decided_at',
    ]);
}

type ResetRow = Awaited<ReturnType<ReturnType<typeof resets>['executeTakeFirstOrThrow']>>;
const toReset = (pii: PiiCipher, r: ResetRow): FactorReset => ({
  id: r.id,
  userId: r.user_id,
  userName: r.user_name,
  // Masked like every list of people (decision 0050): enough to tell accounts apart.
  userEmail: maskEmail(pii.open(r.user_email, { table: 'users', column: 'email', id: r.user_id })) ?? '',
  userRole: r.user_role,
  reason: r.reason,
  requestedBy: r.requested_by,
  requestedByName: r.requested_by_name,
  requestedAt: r.requested_at.toISOString(),
  status: r.status,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at?.toISOString() ?? null,
});

async function getReset(deps: Deps, id: string): Promise<FactorReset> {
  return toReset(await piiCipher(deps), await resets(deps).where('r.id', '=', id).executeTakeFirstOrThrow());
}

/** The approval queue (pending first), and the decided ones after them. */
export async function listFactorResets(deps: Deps, actor: Actor): Promise<FactorReset[]> {
  requireRole(actor, 'program_admin', 'auditor');
  const rows = await resets(deps).orderBy('r.requested_at', 'desc').limit(200).execute();
  const pii = await piiCipher(deps);
  return rows
    .map((r) => toReset(pii, r))
    .sort((a, b) => Number(b.status === 'pending') - Number(a.status === 'pending'));
}

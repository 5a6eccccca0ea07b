import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { consumeRateLimit } from '../../db/rate-limit.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole, requireUser } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import type { Obligation } from '../../platform/personal-records.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { verifyPassword } from '../identity/index.ts';
import { closureDecided } from './privacy.events.ts';
import type { ClosureStatus } from './privacy.table.ts';

/**
 * Closing an account (decision 0058): every area says what stops it (an open loan refuses it; a
 * stipend not yet paid sends it to staff), then every area erases or anonymises its personal fields
 * in one transaction. The user id stays as the pseudonymous reference that loans, the ledger and
 * the audit log keep; nothing in them is changed, so the ledger balances and the chain verifies.
 */
export async function obligationsOf(deps: Deps, db: Kysely<Database>, userId: string): Promise<Obligation[]> {
  const out: Obligation[] = [];
  for (const a of deps.areas.list)
    if (a.personalRecords?.obligations)
      out.push(...(await a.personalRecords.obligations(db, userId, deps.clock.now())));
  return out;
}

async function eraseEverywhere(trx: Kysely<Database>, deps: Deps, userId: string): Promise<void> {
  // In reverse of the areas' order: later areas depend on earlier ones (identity goes last).
  for (const a of [...deps.areas.list].reverse()) await a.personalRecords?.erase?.(trx, deps, userId);
}

type ClosureRow = {
  id: string;
  user_id: string;
  status: ClosureStatus;
  reason: string | null;
  obligations: Obligation[];
  requested_at: Date;
  decided_at: Date | null;
  decision_note: string | null;
  closed_at: Date | null;
};

const shape = (r: ClosureRow & { user_name?: string }) => ({
  id: r.id,
  userId: r.user_id,
  ...(r.user_name !== undefined ? { userName: r.user_name } : {}),
  status: r.status,
  reason: r.reason,
  obligations: r.obligations,
  requestedAt: r.requested_at.toISOString(),
  decidedAt: r.decided_at?.toISOString() ?? null,
  decisionNote: r.decision_note,
  closedAt: r.closed_at?.toISOString() ?? null,
});

/** Carries out a closure inside `trx`: erase, mark closed, audit entry, event. */
async function close(
  trx: Kysely<Database>,
  deps: Deps,
  actor: Actor,
  closureId: string,
  userId: string,
  note: string,
) {
  await eraseEverywhere(trx, deps, userId);
  const now = deps.clock.now();
  await trx
    .updateTable('account_closures')
    .set({
      status: 'closed',
      closed_at: now,
      decided_at: now,
      decided_by: actor.kind === 'user' ? actor.userId : null,
      decision_note: note,
    })
    .where('id', '=', closureId)
    .execute();
  await recordChange(trx, actor, deps.clock, {
    action: 'privacy.account_closed',
    entity: 'user',
    entityId: userId,
    details: { closure: closureId },
  });
  await emitEvent(trx, deps, closureDecided, { closureId, userId, decision: 'closed', note }, actor);
}

/**
 * The person asks to close their account, confirming with their password. Refused with the
 * reasons (nothing changed) when an area refuses; sent to staff when one asks for a review;
 * otherwise closed at once and every session ends.
 */
export async function requestClosure(
  deps: Deps,
  actor: Actor,
  input: { password: string; reason?: string | undefined },
) {
  requireUser(actor);
  const user = await deps.db
    .selectFrom('users')
    .select(['password_hash', 'role'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (user.role !== 'freelancer' && user.role !== 'owner' && user.role !== 'trainer')
    throw new AppError(
      'forbidden',
      'Staff, bank and committee accounts are closed by an administrator, not here',
    );
  // A session someone else holds must not become a way to guess the password: a few tries an hour.
  const tries = await consumeRateLimit(deps.db, `privacy-closure:${actor.userId}`, 5, 3600, deps.clock.now());
  if (!tries.allowed)
    throw new AppError('rate_limited', 'Too many tries to close the account; try again later', {
      retryAfterSeconds: tries.retryAfterSeconds,
    });
  if (!(await verifyPassword(input.password, user.password_hash)))
    throw invalidField('password', 'is not your current password', 'wrong_password');
  const id = await deps.db.transaction().execute(async (trx) => {
    // The user row locked, the obligations read in the same transaction that erases: a loan or
    // booking made meanwhile is seen (or waits for this to finish).
    await trx.selectFrom('users').select('id').where('id', '=', actor.userId).forUpdate().execute();
    const obligations = await obligationsOf(deps, trx, actor.userId);
    const status: ClosureStatus = obligations.some((o) => o.effect === 'refuse')
      ? 'refused'
      : obligations.length > 0
        ? 'review'
        : 'closed';
    const open = await trx
      .selectFrom('account_closures')
      .select('id')
      .where('user_id', '=', actor.userId)
      .where('status', '=', 'review')
      .executeTakeFirst();
    if (open) throw new AppError('conflict', 'Your request to close the account is already with staff');
    const row = await trx
      .insertInto('account_closures')
      .values({
        user_id: actor.userId,
        status: status === 'closed' ? 'review' : status,
        reason: input.reason?.trim() || null,
        obligations: JSON.stringify(obligations),
        requested_at: deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordChange(trx, actor, deps.clock, {
      action: 'privacy.closure_requested',
      entity: 'user',
      entityId: actor.userId,
      details: { closure: row.id, outcome: status, obligations: obligations.map((o) => o.code) },
    });
    if (status === 'closed')
      await close(trx, deps, actor, row.id, actor.userId, 'closed at the person’s request');
    return row.id;
  });
  return getClosure(deps, id);
}

async function getClosure(deps: Deps, id: string) {
  const r = await deps.db.selectFrom('account_closures').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('Closure request');
  return shape(r);
}

/** The person's requests to close their account, newest first. */
export async function myClosures(deps: Deps, actor: Actor) {
  requireUser(actor);
  const rows = await deps.db
    .selectFrom('account_closures')
    .selectAll()
    .where('user_id', '=', actor.userId)
    .orderBy('requested_at', 'desc')
    .limit(50)
    .execute();
  return { items: rows.map(shape) };
}

/** Staff's list: requests waiting for a review first, then the latest decided. */
export async function listClosures(deps: Deps, actor: Actor, q: { status?: ClosureStatus | undefined }) {
  requireRole(actor, 'program_admin');
  let query = deps.db
    .selectFrom('account_closures as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .selectAll('c')
    .select('u.name as user_name')
    .orderBy('c.requested_at', 'desc')
    .limit(200);
  if (q.status) query = query.where('c.status', '=', q.status);
  return { items: (await query.execute()).map(shape) };
}

/** Staff close the account (an area's refusal is checked again) or reject the request with a note. */
export async function decideClosure(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { decision: 'close' | 'reject'; note: string },
) {
  requireRole(actor, 'program_admin');
  await deps.db.transaction().execute(async (trx) => {
    const r = await trx
      .selectFrom('account_closures')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!r) throw notFound('Closure request');
    if (r.status !== 'review')
      throw new AppError('invalid_state', `This request is ${r.status}, not waiting for a review`);
    if (input.decision === 'reject') {
      await trx
        .updateTable('account_closures')
        .set({
          status: 'rejected',
          decided_at: deps.clock.now(),
          decided_by: actor.kind === 'user' ? actor.userId : null,
          decision_note: input.note,
        })
        .where('id', '=', id)
        .execute();
      await recordChange(trx, actor, deps.clock, {
        action: 'privacy.closure_rejected',
        entity: 'user',
        entityId: r.user_id,
        details: { closure: id },
      });
      await emitEvent(
        trx,
        deps,
        closureDecided,
        { closureId: id, userId: r.user_id, decision: 'rejected', note: input.note },
        actor,
      );
      return;
    }
    const refusing = (await obligationsOf(deps, trx, r.user_id)).filter((o) => o.effect === 'refuse');
    if (refusing.length > 0)
      throw new AppError(
        'invalid_state',
        `The account cannot be closed now: ${refusing.map((o) => o.message.en).join(' ')}`,
      );
    await close(trx, deps, actor, id, r.user_id, input.note);
  });
  return getClosure(deps, id);
}

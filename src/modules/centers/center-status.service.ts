import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError } from '../../shared/errors.ts';
import { isCenterAdmin, lockManagedCenter } from './center-access.ts';
import { centreBecameOperational } from './centers.events.ts';
import * as repo from './centers.repository.ts';
import type { Center, ChangeStatusInput } from './centers.schema.ts';
import type { CenterStatus } from './centers.table.ts';
import {
  type Affected,
  type CentreUnavailable,
  cancelAffected,
  countAffected,
} from './centre-unavailable.ts';

type Who = 'owner' | 'admin';

/**
 * The lifecycle: approved → under_setup → inspected → operational ⇄ suspended, and closed from
 * anywhere but closed. Inspected is reached by a passed inspection; the rest by a status change
 * with a reason. Owners may start set-up and close their own centre; the rest is for admins.
 */
const TRANSITIONS: Record<CenterStatus, Partial<Record<CenterStatus, Who[]>>> = {
  approved: { under_setup: ['owner', 'admin'], closed: ['admin'] },
  under_setup: { closed: ['admin'] },
  inspected: { operational: ['admin'], under_setup: ['admin'], closed: ['admin'] },
  operational: { suspended: ['admin'], closed: ['owner', 'admin'] },
  suspended: { operational: ['admin'], closed: ['owner', 'admin'] },
  closed: {},
};

export function allowedTransition(from: CenterStatus, to: CenterStatus, who: Who): boolean {
  return TRANSITIONS[from][to]?.includes(who) ?? false;
}

/**
 * Moves a centre to another state. The update is guarded by `WHERE status = <expected>`, so two
 * concurrent changes cannot both apply.
 */
export async function changeCenterStatus(
  deps: Deps,
  actor: Actor,
  centerId: string,
  input: ChangeStatusInput,
): Promise<Center> {
  requireRole(actor, 'owner', 'program_admin');
  return inTransaction(deps.db, async (trx) => {
    const current = await lockManagedCenter(trx, actor, centerId);
    const who: Who = isCenterAdmin(actor) ? 'admin' : 'owner';
    if (!allowedTransition(current.status, input.status, who)) {
      const viaInspection = input.status === 'inspected' ? ' (a passed inspection does that)' : '';
      throw new AppError(
        TRANSITIONS[current.status][input.status] ? 'forbidden' : 'invalid_state',
        `A centre cannot go from ${current.status} to ${input.status}${who === 'owner' ? ' by its owner' : ''}${viaInspection}`,
        { currentStatus: current.status },
      );
    }
    await setStatus(deps, trx, actor, centerId, current.status, input.status, input.reason);
    const event = stopEvent(centerId, input, deps.clock.now());
    if (event) await cancelAffected(deps, trx, actor, event);
    return (await repo.loadCenter(trx, centerId))!;
  });
}

/** Suspending or closing a centre cancels every confirmed booking that has not started yet. */
function stopEvent(centerId: string, input: ChangeStatusInput, now: Date): CentreUnavailable | null {
  if (input.status !== 'suspended' && input.status !== 'closed') return null;
  return {
    centerId,
    reason: input.status === 'suspended' ? 'centre_suspended' : 'centre_closed',
    note: input.reason,
    from: now,
    until: null,
    includeMonthly: true,
  };
}

/** What a status change would cancel, for the person about to make it. */
export async function previewStatusChange(
  deps: Deps,
  actor: Actor,
  centerId: string,
  status: CenterStatus,
): Promise<Affected> {
  requireRole(actor, 'owner', 'program_admin');
  return inTransaction(deps.db, async (trx) => {
    await lockManagedCenter(trx, actor, centerId);
    const now = deps.clock.now();
    const event = stopEvent(centerId, { status, reason: '' }, now);
    return event ? countAffected(deps, trx, event, now) : { bookings: 0, waitlist: 0 };
  });
}

/** The guarded update and its audit entry; callers hold the centre's row lock. */
export async function setStatus(
  deps: Deps,
  trx: Parameters<Parameters<typeof inTransaction>[1]>[0],
  actor: Actor,
  centerId: string,
  from: CenterStatus,
  to: CenterStatus,
  reason: string,
): Promise<void> {
  const now = deps.clock.now();
  const res = await trx
    .updateTable('centers')
    .set({ status: to, status_reason: reason, status_changed_at: now, updated_at: now })
    .where('center_id', '=', centerId)
    .where('status', '=', from)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) {
    throw new AppError('conflict', 'The centre changed state meanwhile; reload and try again');
  }
  await recordChange(trx, actor, deps.clock, {
    action: 'center.status_changed',
    entity: 'center',
    entityId: centerId,
    details: { from, to, reason },
  });
  if (to === 'operational') await emitEvent(trx, deps, centreBecameOperational, { centerId, from }, actor);
}

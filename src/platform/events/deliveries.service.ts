import type { Deps } from '../../deps.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { type Actor, requireRole } from '../actor.ts';
import { recordChange } from '../record-change.ts';
import {
  type DeliveryCursor,
  findDeliveries,
  findDelivery,
  reviveAllDead,
  reviveDelivery,
} from './deliveries.repository.ts';
import type {
  EventDelivery,
  EventDeliveryKey,
  EventDeliveryPage,
  EventDeliveryQuery,
} from './events.schema.ts';

const encodeCursor = (c: DeliveryCursor) =>
  Buffer.from(JSON.stringify([c.occurredAt.toISOString(), c.eventId, c.handlerId])).toString('base64url');

function decodeCursor(text: string): DeliveryCursor {
  try {
    const [at, eventId, handlerId] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    const occurredAt = new Date(String(at));
    if (
      typeof at === 'string' &&
      !Number.isNaN(occurredAt.getTime()) &&
      typeof eventId === 'string' &&
      /^[0-9a-f-]{36}$/i.test(eventId) &&
      typeof handlerId === 'string'
    )
      return { occurredAt, eventId, handlerId };
  } catch {
    // Falls through to the validation error.
  }
  throw invalidField('before', 'must be a nextBefore value from an earlier page', 'invalid_cursor');
}

/** Deliveries, newest event first (program_admin, auditor). */
export async function listDeliveries(
  deps: Deps,
  actor: Actor,
  q: { status?: EventDeliveryQuery['status']; limit: number; before?: string | undefined },
): Promise<EventDeliveryPage> {
  requireRole(actor, 'program_admin', 'auditor');
  const { items, last } = await findDeliveries(deps.db, {
    status: q.status,
    limit: q.limit,
    before: q.before ? decodeCursor(q.before) : undefined,
  });
  return { items, nextBefore: last ? encodeCursor(last) : null };
}

/** Gives a dead delivery a fresh set of attempts, due now (program_admin); audited. */
export async function retryDelivery(deps: Deps, actor: Actor, key: EventDeliveryKey): Promise<EventDelivery> {
  requireRole(actor, 'program_admin');
  return deps.db.transaction().execute(async (trx) => {
    const before = await findDelivery(trx, key);
    if (!before) throw notFound('Event delivery');
    if (!(await reviveDelivery(trx, key, deps.clock.now())))
      throw new AppError(
        'invalid_state',
        `Only a dead delivery can be retried; this one is ${before.status}`,
        { deliveryStatus: before.status },
      );
    const after = (await findDelivery(trx, key))!;
    await recordChange(trx, actor, deps.clock, {
      action: 'event_delivery.retried',
      entity: 'event_delivery',
      entityId: `${key.eventId}/${key.handlerId}`,
      before,
      after,
      details: { event: before.eventName, handler: key.handlerId, attempts: before.attempts },
    });
    return after;
  });
}

/** Gives every dead delivery a fresh set of attempts (program_admin); one audit entry. */
export async function retryAllDead(deps: Deps, actor: Actor): Promise<{ retried: number }> {
  requireRole(actor, 'program_admin');
  return deps.db.transaction().execute(async (trx) => {
    const keys = await reviveAllDead(trx, deps.clock.now());
    if (keys.length > 0)
      await recordChange(trx, actor, deps.clock, {
        action: 'event_delivery.retried_all_dead',
        entity: 'event_delivery',
        entityId: 'dead',
        after: keys,
        details: { count: keys.length },
      });
    return { retried: keys.length };
  });
}

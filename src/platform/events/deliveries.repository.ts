import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { EventDeliveryStatus } from '../../db/platform.table.ts';
import type { EventDelivery, EventDeliveryKey } from './events.schema.ts';

/** Where a page of deliveries ends: the last row's sort key. */
export type DeliveryCursor = { occurredAt: Date; eventId: string; handlerId: string };

function deliveries(db: Kysely<Database>) {
  return db
    .selectFrom('event_deliveries as d')
    .innerJoin('domain_events as e', 'e.id', 'd.event_id')
    .select([
      'd.event_id',
      'd.handler_id',
      'd.status',
      'd.attempts',
      'd.next_attempt_at',
      'd.last_error',
      'd.delivered_at',
      'e.name',
      'e.version',
      'e.occurred_at',
      'e.request_id',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof deliveries>['executeTakeFirstOrThrow']>>;

function toDelivery(r: Row): EventDelivery {
  return {
    eventId: r.event_id,
    eventName: r.name,
    eventVersion: r.version,
    occurredAt: r.occurred_at.toISOString(),
    requestId: r.request_id,
    handlerId: r.handler_id,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at.toISOString() : null,
    lastError: r.last_error,
    deliveredAt: r.delivered_at ? r.delivered_at.toISOString() : null,
  };
}

/** Newest event first; within an event, by handler. */
export async function findDeliveries(
  db: Kysely<Database>,
  q: { status?: EventDeliveryStatus | undefined; limit: number; before?: DeliveryCursor | undefined },
): Promise<{ items: EventDelivery[]; last: DeliveryCursor | null }> {
  let query = deliveries(db)
    .orderBy('e.occurred_at', 'desc')
    .orderBy('d.event_id', 'desc')
    .orderBy('d.handler_id', 'desc')
    .limit(q.limit);
  if (q.status) query = query.where('d.status', '=', q.status);
  if (q.before) {
    const b = q.before;
    query = query.where(
      sql<boolean>`(e.occurred_at, d.event_id, d.handler_id) < (${b.occurredAt}::timestamptz, ${b.eventId}::uuid, ${b.handlerId})`,
    );
  }
  const rows = await query.execute();
  const lastRow = rows.length === q.limit ? rows[rows.length - 1] : undefined;
  return {
    items: rows.map(toDelivery),
    last: lastRow
      ? { occurredAt: lastRow.occurred_at, eventId: lastRow.event_id, handlerId: lastRow.handler_id }
      : null,
  };
}

export async function findDelivery(
  db: Kysely<Database>,
  key: EventDeliveryKey,
): Promise<EventDelivery | null> {
  const row = await deliveries(db)
    .where('d.event_id', '=', key.eventId)
    .where('d.handler_id', '=', key.handlerId)
    .executeTakeFirst();
  return row ? toDelivery(row) : null;
}

/** Sets one dead delivery pending, due now, with a fresh set of attempts; false if it was not dead. */
export async function reviveDelivery(
  db: Kysely<Database>,
  key: EventDeliveryKey,
  now: Date,
): Promise<boolean> {
  const res = await db
    .updateTable('event_deliveries')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now })
    .where('event_id', '=', key.eventId)
    .where('handler_id', '=', key.handlerId)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Sets every dead delivery pending, due now; returns their keys. */
export async function reviveAllDead(db: Kysely<Database>, now: Date): Promise<EventDeliveryKey[]> {
  const rows = await db
    .updateTable('event_deliveries')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now })
    .where('status', '=', 'dead')
    .returning(['event_id', 'handler_id'])
    .execute();
  return rows.map((r) => ({ eventId: r.event_id, handlerId: r.handler_id }));
}

import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';

const EVENT_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
export const HANDLER_ID_PATTERN = /^[a-z][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)+$/;

/**
 * A kind of domain event: what happened, in the past tense (`booking.cancelled_by_centre`), its
 * version, the Zod schema of its payload and one line saying what it means. The payload is stored
 * as JSON, so its schema must describe JSON (instants as ISO strings, money as minor units), and
 * it must be parsed back by the same schema when delivered.
 *
 * A change of payload that old handlers cannot read is a new version. Handlers subscribe to a
 * name; a delivery whose stored version is not the one its handler was written for ends dead
 * with the reason, so a mismatch is seen rather than handled wrongly.
 */
export type EventDefinition<S extends z.ZodType = z.ZodType> = {
  readonly name: string;
  readonly version: number;
  readonly schema: S;
  readonly description: string;
};

export function defineEvent<S extends z.ZodType>(
  name: string,
  version: number,
  schema: S,
  description: string,
): EventDefinition<S> {
  if (!EVENT_NAME.test(name)) throw new Error(`event name "${name}" must look like area.what_happened`);
  if (!Number.isSafeInteger(version) || version < 1)
    throw new Error(`event ${name}: the version must be a positive integer`);
  if (!description.trim()) throw new Error(`event ${name}: say in one line what it means`);
  return Object.freeze({ name, version, schema, description });
}

/** What a handler receives: the event as recorded, its payload parsed by its definition's schema. */
export type DeliveredEvent<P> = {
  /** Unique per event: use it as the idempotency key or message id of any effect outside the database. */
  id: string;
  name: string;
  version: number;
  occurredAt: Date;
  payload: P;
};

/**
 * A subscriber. `handle` runs inside the transaction that marks the delivery done, so its database
 * effects (through `trx`, which is also `deps.db`) happen exactly once. Delivery is at least once:
 * an effect outside the database (an email, an SMS, a cache purge) must be idempotent by `event.id`.
 */
export type EventHandler<P = unknown> = {
  /** Unique and stable, `<area>.<what-it-does>`, e.g. 'notifications.booking-cancelled'. */
  readonly id: string;
  readonly event: EventDefinition;
  handle(deps: Deps, event: DeliveredEvent<P>, trx: Kysely<Database>): Promise<void>;
};

/** A handler for `def`, its payload typed from the definition's schema. */
export function on<S extends z.ZodType>(
  def: EventDefinition<S>,
  id: string,
  handle: (deps: Deps, event: DeliveredEvent<z.output<S>>, trx: Kysely<Database>) => Promise<void>,
): EventHandler {
  if (!HANDLER_ID_PATTERN.test(id) || id.length > 100)
    throw new Error(`handler id "${id}" must look like area.what-it-does (at most 100 characters)`);
  return Object.freeze({
    id,
    event: def,
    handle: handle as EventHandler['handle'],
  });
}

/** Throws when two handlers share an id: deliveries are keyed by it. */
export function checkHandlers(handlers: readonly EventHandler[]): Map<string, EventHandler> {
  const byId = new Map<string, EventHandler>();
  for (const h of handlers) {
    if (byId.has(h.id)) throw new Error(`two event handlers have the id "${h.id}"`);
    byId.set(h.id, h);
  }
  return byId;
}

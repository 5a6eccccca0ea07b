import { randomUUID } from 'node:crypto';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { checkHandlers, type EventDefinition, type EventHandler } from './define-event.ts';

/**
 * A payload checked against its event's schema, as the JSON stored. A payload that does not fit
 * is a programming error (a plain Error). Handlers parse the stored JSON with the same schema, so
 * a schema that cannot read its own JSON back (a z.date(), say) would fail every delivery: it
 * fails here instead, at the first record.
 */
function serialize<S extends z.ZodType>(
  def: EventDefinition<S>,
  payload: z.input<S>,
): { json: string; data: z.output<S> } {
  const parsed = def.schema.safeParse(payload);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`);
    throw new Error(`event ${def.name} v${def.version}: bad payload: ${issues.join('; ')}`);
  }
  const json = JSON.stringify(parsed.data);
  if (!def.schema.safeParse(JSON.parse(json)).success)
    throw new Error(`event ${def.name} v${def.version}: the payload does not survive JSON; use JSON types`);
  return { json, data: parsed.data };
}

/**
 * The one statement that records events: their rows in domain_events and, for each, one pending
 * delivery per subscriber. With dedupe keys, an event whose key was recorded before is skipped
 * with its deliveries. Returns the ids recorded, in order.
 */
async function insertEvents(
  trx: Kysely<Database>,
  now: Date,
  def: EventDefinition,
  rows: readonly { json: string; dedupeKey: string | null }[],
  subscribers: readonly string[],
  requestId: string | null,
): Promise<string[]> {
  if (rows.length === 0) return [];
  const ids = rows.map(() => randomUUID());
  const recorded = await sql<{ id: string }>`
    WITH event AS (
      INSERT INTO domain_events (id, name, version, payload, occurred_at, request_id, dedupe_key)
      SELECT e.id, ${def.name}, ${def.version}, e.payload::jsonb, ${now}::timestamptz, ${requestId}, e.dedupe_key
        FROM unnest(${ids}::uuid[], ${rows.map((r) => r.json)}::text[], ${rows.map((r) => r.dedupeKey)}::text[]) AS e(id, payload, dedupe_key)
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING id, occurred_at
    ), delivery AS (
      INSERT INTO event_deliveries (event_id, handler_id, status, attempts, next_attempt_at)
      SELECT event.id, h.id, 'pending', 0, event.occurred_at
      FROM event, unnest(${subscribers}::text[]) AS h(id)
    )
    SELECT id FROM event`.execute(trx);
  const kept = new Set(recorded.rows.map((r) => r.id));
  return ids.filter((id) => kept.has(id));
}

/**
 * Records that `def` happened, inside the caller's transaction `trx`: one domain_events row and
 * one pending event_deliveries row per subscribed handler (same event name), in one statement.
 * If the transaction rolls back, the event never existed; if it commits, every subscriber will
 * get it (at least once). Returns the event's id.
 *
 * `handlers` is a list of handlers to fan out to (services use `emitEvent`, which takes the
 * composed areas'). The subscribers are fixed here, when the event is recorded: the dispatcher
 * never scans for "events after a cursor", so a transaction that commits late is never skipped.
 * The price: a handler added later does not see events recorded before it existed (replay them by
 * hand if it must).
 */
export async function recordEvent<S extends z.ZodType>(
  trx: Kysely<Database>,
  deps: Pick<Deps, 'clock'>,
  handlers: readonly EventHandler[],
  def: EventDefinition<S>,
  payload: z.input<S>,
  meta: { requestId?: string | null | undefined } = {},
): Promise<string> {
  const subscribers = [...checkHandlers(handlers).values()]
    .filter((h) => h.event.name === def.name)
    .map((h) => h.id);
  const [id] = await insertEvents(
    trx,
    deps.clock.now(),
    def,
    [{ json: serialize(def, payload).json, dedupeKey: null }],
    subscribers,
    meta.requestId ?? null,
  );
  return id!;
}

/**
 * `recordEvent` to every handler the areas subscribed (`deps.areas`), with the request id of the
 * actor who caused it: what services call, inside the transaction that makes the change.
 */
export async function emitEvent<S extends z.ZodType>(
  trx: Kysely<Database>,
  deps: Pick<Deps, 'clock' | 'areas'>,
  def: EventDefinition<S>,
  payload: z.input<S>,
  actor?: { requestId?: string | undefined },
): Promise<string> {
  const [id] = await emitEvents(trx, deps, def, [payload], { requestId: actor?.requestId });
  return id!;
}

/**
 * Many events of one kind in one statement (a close of business may record thousands). With
 * `dedupeKey`, an event whose key was recorded before (by an earlier run of the same batch) is
 * skipped, and so are its deliveries. Returns the ids of the events recorded.
 */
export function emitEvents<S extends z.ZodType>(
  trx: Kysely<Database>,
  deps: Pick<Deps, 'clock' | 'areas'>,
  def: EventDefinition<S>,
  payloads: readonly z.input<S>[],
  opts: { requestId?: string | undefined; dedupeKey?: (payload: z.output<S>) => string } = {},
): Promise<string[]> {
  const rows = payloads.map((p) => {
    const { json, data } = serialize(def, p);
    return { json, dedupeKey: opts.dedupeKey ? `${def.name}:${opts.dedupeKey(data)}` : null };
  });
  return insertEvents(
    trx,
    deps.clock.now(),
    def,
    rows,
    deps.areas.subscribers(def.name),
    opts.requestId ?? null,
  );
}

/**
 * One event and its subscribers as values, for a database function that records the event itself
 * in the statement that makes the change (markaz_book_seat): the same rows `emitEventSql` writes.
 */
export function eventRecord<S extends z.ZodType>(
  deps: Pick<Deps, 'clock' | 'areas'>,
  def: EventDefinition<S>,
  payload: z.input<S>,
  actor?: { requestId?: string | undefined },
) {
  return {
    id: randomUUID(),
    name: def.name,
    version: def.version,
    payload: JSON.parse(serialize(def, payload).json) as unknown,
    occurred_at: deps.clock.now(),
    request_id: actor?.requestId ?? null,
    handlers: [...deps.areas.subscribers(def.name)],
  };
}

/**
 * The same as `emitEvent`, as two data-modifying CTEs for the statement that makes the change,
 * written only when `onlyIf` holds (e.g. `EXISTS (SELECT 1 FROM ins)`): one round trip less on a
 * hot path (a booking), and the event still exists exactly when the change does. Splice both into
 * the statement's WITH list: `…, ev AS (${e.event}), ev_deliveries AS (${e.deliveries})`.
 */
export function emitEventSql<S extends z.ZodType>(
  deps: Pick<Deps, 'clock' | 'areas'>,
  def: EventDefinition<S>,
  payload: z.input<S>,
  onlyIf: RawBuilder<boolean>,
  actor?: { requestId?: string | undefined },
): { id: string; event: RawBuilder<unknown>; deliveries: RawBuilder<unknown> } {
  const e = eventRecord(deps, def, payload, actor);
  return {
    id: e.id,
    event: sql`INSERT INTO domain_events (id, name, version, payload, occurred_at, request_id, dedupe_key)
      SELECT ${e.id}::uuid, ${e.name}, ${e.version}, ${JSON.stringify(e.payload)}::jsonb, ${e.occurred_at}::timestamptz, ${e.request_id}, NULL
      WHERE ${onlyIf}`,
    deliveries: sql`INSERT INTO event_deliveries (event_id, handler_id, status, attempts, next_attempt_at)
      SELECT ${e.id}::uuid, h.id, 'pending', 0, ${e.occurred_at}::timestamptz
      FROM unnest(${e.handlers}::text[]) AS h(id)
      WHERE ${onlyIf}`,
  };
}

import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
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
 * Records that `def` happened, inside the caller's transaction `trx`: one domain_events row and
 * one pending event_deliveries row per subscribed handler (same event name), in one statement.
 * If the transaction rolls back, the event never existed; if it commits, every subscriber will
 * get it (at least once). Returns the event's id.
 *
 * `handlers` is the composed list of every area's handlers. The subscribers are fixed here, when
 * the event is recorded: the dispatcher never scans for "events after a cursor", so a transaction
 * that commits late is never skipped. The price: a handler added later does not see events
 * recorded before it existed (replay them by hand if it must).
 *
 * A payload that does not fit the schema is a programming error and throws a plain Error.
 */
export async function recordEvent<S extends z.ZodType>(
  trx: Kysely<Database>,
  deps: Pick<Deps, 'clock'>,
  handlers: readonly EventHandler[],
  def: EventDefinition<S>,
  payload: z.input<S>,
  meta: { requestId?: string | null | undefined } = {},
): Promise<string> {
  const { json } = serialize(def, payload);

  const subscribers = [...checkHandlers(handlers).values()]
    .filter((h) => h.event.name === def.name)
    .map((h) => h.id);
  const id = randomUUID();
  const now = deps.clock.now();
  await sql`
    WITH event AS (
      INSERT INTO domain_events (id, name, version, payload, occurred_at, request_id)
      VALUES (${id}::uuid, ${def.name}, ${def.version}, ${json}::jsonb, ${now}::timestamptz,
              ${meta.requestId ?? null})
      RETURNING id, occurred_at
    )
    INSERT INTO event_deliveries (event_id, handler_id, status, attempts, next_attempt_at)
    SELECT event.id, h.id, 'pending', 0, event.occurred_at
    FROM event, unnest(${subscribers}::text[]) AS h(id)`.execute(trx);
  return id;
}

/**
 * `recordEvent` to every handler the areas subscribed (`deps.areas.handlers`), with the request id
 * of the actor who caused it: what services call, inside the transaction that makes the change.
 */
export function emitEvent<S extends z.ZodType>(
  trx: Kysely<Database>,
  deps: Pick<Deps, 'clock' | 'areas'>,
  def: EventDefinition<S>,
  payload: z.input<S>,
  actor?: { requestId?: string | undefined },
): Promise<string> {
  return recordEvent(trx, deps, deps.areas.handlers, def, payload, { requestId: actor?.requestId ?? null });
}

/**
 * Many events of one kind in one statement (a close of business may record thousands): each
 * payload validated as in `recordEvent`, then one INSERT of the events and one of their
 * deliveries to every subscribed handler. With `dedupeKey`, an event whose key was recorded
 * before (by an earlier run of the same batch) is skipped, and so are its deliveries. Returns the
 * ids of the events recorded.
 */
export async function emitEvents<S extends z.ZodType>(
  trx: Kysely<Database>,
  deps: Pick<Deps, 'clock' | 'areas'>,
  def: EventDefinition<S>,
  payloads: readonly z.input<S>[],
  opts: { requestId?: string | undefined; dedupeKey?: (payload: z.output<S>) => string } = {},
): Promise<string[]> {
  if (payloads.length === 0) return [];
  const keys: (string | null)[] = [];
  const jsons = payloads.map((p) => {
    const { json, data } = serialize(def, p);
    keys.push(opts.dedupeKey ? `${def.name}:${opts.dedupeKey(data)}` : null);
    return json;
  });
  const subscribers = [...checkHandlers(deps.areas.handlers).values()]
    .filter((h) => h.event.name === def.name)
    .map((h) => h.id);
  const ids = jsons.map(() => randomUUID());
  const now = deps.clock.now();
  const recorded = await sql<{ id: string }>`
    WITH event AS (
      INSERT INTO domain_events (id, name, version, payload, occurred_at, request_id, dedupe_key)
      SELECT e.id, ${def.name}, ${def.version}, e.payload::jsonb, ${now}::timestamptz,
             ${opts.requestId ?? null}, e.dedupe_key
        FROM unnest(${ids}::uuid[], ${jsons}::text[], ${keys}::text[]) AS e(id, payload, dedupe_key)
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING id, occurred_at
    ), delivery AS (
      INSERT INTO event_deliveries (event_id, handler_id, status, attempts, next_attempt_at)
      SELECT event.id, h.id, 'pending', 0, event.occurred_at
      FROM event, unnest(${subscribers}::text[]) AS h(id)
    )
    SELECT id FROM event`.execute(trx);
  return recorded.rows.map((r) => r.id);
}

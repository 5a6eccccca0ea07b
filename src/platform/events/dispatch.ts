import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import type { ContinuousJob } from '../../jobs/scheduler.ts';
import { checkHandlers, type EventHandler } from './define-event.ts';

export type DispatchOptions = {
  /** At most this many deliveries per call (default 100). */
  limit?: number;
  /** A delivery whose handler failed this many times is dead (default 8). */
  maxAttempts?: number;
  /**
   * A delivery for a handler this process does not know is left for another process this long
   * after its event (default 15 min: a rolling deploy's old and new processes disagree on the list
   * for a while), then marked dead with the reason.
   */
  unknownHandlerGraceSeconds?: number;
};

export type DispatchResult = { delivered: number; failed: number; dead: number };

const FIRST_DELAY_S = 5;
const MAX_DELAY_S = 3600;
const ERROR_CHARS = 1000;

/** Seconds before attempt `failures + 1`: 5, 10, 20… capped at an hour, each ±20 % so retries spread. */
export function retryDelaySeconds(failures: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_DELAY_S, FIRST_DELAY_S * 2 ** Math.max(0, failures - 1));
  return Math.min(MAX_DELAY_S, base * (0.8 + 0.4 * random()));
}

type Claimed = {
  event_id: string;
  handler_id: string;
  attempts: number;
  name: string;
  version: number;
  payload: unknown;
  occurred_at: Date;
};
type Outcome = 'none' | 'deferred' | keyof DispatchResult;

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, ERROR_CHARS);

/** The oldest due pending delivery nobody else holds, locked until this transaction ends. */
function claimNext(trx: Kysely<Database>, now: Date): Promise<Claimed | undefined> {
  return trx
    .selectFrom('event_deliveries as d')
    .innerJoin('domain_events as e', 'e.id', 'd.event_id')
    .select(['d.event_id', 'd.handler_id', 'd.attempts', 'e.name', 'e.version', 'e.payload', 'e.occurred_at'])
    .where('d.status', '=', 'pending')
    .where('d.next_attempt_at', '<=', now)
    .orderBy('d.next_attempt_at')
    .limit(1)
    .forUpdate('d')
    .skipLocked()
    .executeTakeFirst();
}

function update(db: Kysely<Database>, c: Claimed) {
  return db
    .updateTable('event_deliveries')
    .where('event_id', '=', c.event_id)
    .where('handler_id', '=', c.handler_id);
}

/** Counts a failed attempt: retried later with back-off, or dead once maxAttempts are used. */
async function recordFailure(
  db: Kysely<Database>,
  c: Claimed,
  err: unknown,
  now: Date,
  maxAttempts: number,
  guarded: boolean,
): Promise<'failed' | 'dead'> {
  const attempts = c.attempts + 1;
  const dead = attempts >= maxAttempts;
  let q = update(db, c).set({
    attempts,
    last_error: errorText(err),
    ...(dead
      ? { status: 'dead' as const }
      : { next_attempt_at: new Date(now.getTime() + retryDelaySeconds(attempts) * 1000) }),
  });
  // Outside the claiming transaction, only if nobody has moved the row on since.
  if (guarded) q = q.where('status', '=', 'pending').where('attempts', '=', c.attempts);
  await q.execute();
  return dead ? 'dead' : 'failed';
}

async function deliverOne(
  deps: Deps,
  byId: ReadonlyMap<string, EventHandler>,
  opts: Required<Omit<DispatchOptions, 'limit'>>,
): Promise<Outcome> {
  // Set inside the transaction; read by the catch below (an object, as TypeScript does not track
  // assignments made in a callback).
  const seen: { claimed?: Claimed } = {};
  let now = deps.clock.now();
  try {
    return await deps.db.transaction().execute(async (trx): Promise<Outcome> => {
      now = deps.clock.now();
      const c = await claimNext(trx, now);
      if (!c) return 'none';
      seen.claimed = c;
      const deadBecause = async (reason: string): Promise<Outcome> => {
        await update(trx, c).set({ status: 'dead', last_error: reason }).execute();
        deps.log.error({ eventId: c.event_id, handlerId: c.handler_id, reason }, 'event delivery is dead');
        return 'dead';
      };
      const handler = byId.get(c.handler_id);
      if (!handler) {
        if (now.getTime() - c.occurred_at.getTime() < opts.unknownHandlerGraceSeconds * 1000) {
          await update(trx, c)
            .set({ next_attempt_at: new Date(now.getTime() + 60_000) })
            .execute();
          return 'deferred';
        }
        return deadBecause(`no handler "${c.handler_id}" is registered`);
      }
      if (handler.event.version !== c.version)
        return deadBecause(
          `handler "${handler.id}" reads ${c.name} v${handler.event.version}; this event is v${c.version}`,
        );
      const parsed = handler.event.schema.safeParse(c.payload);
      if (!parsed.success)
        return deadBecause(
          `the stored payload does not fit ${c.name} v${c.version}: ${parsed.error.message}`,
        );

      // The handler's writes and the done mark commit together, or neither does.
      await sql`SAVEPOINT delivery`.execute(trx);
      try {
        await handler.handle(
          { ...deps, db: trx },
          {
            id: c.event_id,
            name: c.name,
            version: c.version,
            occurredAt: c.occurred_at,
            payload: parsed.data,
          },
          trx,
        );
      } catch (err) {
        await sql`ROLLBACK TO SAVEPOINT delivery`.execute(trx);
        deps.log.warn({ err, eventId: c.event_id, handlerId: c.handler_id }, 'event handler failed');
        return recordFailure(trx, c, err, now, opts.maxAttempts, false);
      }
      await update(trx, c)
        .set({ status: 'done', attempts: c.attempts + 1, delivered_at: now, last_error: null })
        .execute();
      return 'delivered';
    });
  } catch (err) {
    // The transaction itself failed (the connection dropped, the commit refused a deferred
    // constraint, the savepoint could not be restored): nothing of it stayed. Count the attempt
    // afresh, so that a handler that breaks its transaction every time still ends dead.
    const c = seen.claimed;
    if (!c) throw err;
    deps.log.warn({ err, eventId: c.event_id, handlerId: c.handler_id }, 'event delivery failed');
    return recordFailure(deps.db, c, err, now, opts.maxAttempts, true);
  }
}

/**
 * Hands due pending deliveries to their handlers, each in its own transaction, until none is due
 * or `limit` were handled. Any number of processes may run it at once (FOR UPDATE SKIP LOCKED).
 * Times come from `deps.clock`.
 */
export async function dispatchEvents(
  deps: Deps,
  handlers: readonly EventHandler[],
  opts: DispatchOptions = {},
): Promise<DispatchResult> {
  const byId = checkHandlers(handlers);
  const settings = {
    maxAttempts: opts.maxAttempts ?? 8,
    unknownHandlerGraceSeconds: opts.unknownHandlerGraceSeconds ?? 900,
  };
  const out: DispatchResult = { delivered: 0, failed: 0, dead: 0 };
  for (let i = 0; i < (opts.limit ?? 100); i++) {
    const outcome = await deliverOne(deps, byId, settings);
    if (outcome === 'none') break;
    if (outcome !== 'deferred') out[outcome] += 1;
  }
  return out;
}

/**
 * The dispatcher as a continuous job. `concurrent`: every process runs it (SKIP LOCKED shares the
 * work), rather than one process at a time under the scheduler's advisory lock.
 */
export function eventDispatchJob(
  handlers: readonly EventHandler[],
  opts: DispatchOptions = {},
): ContinuousJob {
  checkHandlers(handlers);
  return {
    kind: 'continuous',
    name: 'events.dispatch',
    everySeconds: 2,
    concurrent: true,
    run: (deps) => dispatchEvents(deps, handlers, { limit: 500, ...opts }),
  };
}

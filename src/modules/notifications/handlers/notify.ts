import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../db/database.ts';
import type { Deps } from '../../../deps.ts';
import { type EventDefinition, type EventHandler, on } from '../../../platform/events/index.ts';
import type { EventKind } from '../kinds.ts';
import { queueNotices } from '../queue.service.ts';
import type { Params } from '../templates.ts';

/** One person's notice from an event: what it says and where it leads. */
export type Target = {
  userId: string;
  params: Params;
  link: string | null;
  /** Defaults to `event:<id>`, so a re-delivery of the event adds nothing. */
  sourceKey?: string;
};

/**
 * A handler that turns `def` into notices of `kind`: `to` says who is concerned (none, one or
 * many) and what each notice names, reading what it needs in the dispatcher's transaction.
 */
export function notify<S extends z.ZodType>(
  def: EventDefinition<S>,
  id: string,
  kind: EventKind,
  to: (
    payload: z.output<S>,
    trx: Kysely<Database>,
    occurredAt: Date,
    deps: Deps,
  ) => Promise<Target[]> | Target[],
): EventHandler {
  return on(def, id, async (deps, e, trx) => {
    const targets = await to(e.payload, trx, e.occurredAt, deps);
    await queueNotices(
      trx,
      deps,
      targets.map((t) => ({
        sourceKey: t.sourceKey ?? `event:${e.id}`,
        kind,
        userId: t.userId,
        params: t.params,
        link: t.link,
      })),
    );
  });
}

/** Fails the delivery (it is retried, then dead with the reason) when what it names is gone. */
export function found<T>(row: T | undefined, what: string): T {
  if (row === undefined) throw new Error(`${what} not found`);
  return row;
}

import { type QueryCreator, type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import type { Actor } from '../platform/actor.ts';
import { canonicalJson, sha256Hex } from '../shared/canonical-json.ts';
import { AppError } from '../shared/errors.ts';

/**
 * Idempotent writes: the first answer to an Idempotency-Key is stored in the same transaction as
 * the work it did, so a retry (a lost response, a double tap on a slow phone) gets that answer
 * again instead of doing the work twice. Two concurrent requests with one key: the second waits
 * on the key's primary key until the first commits, then replays its answer.
 * A failed request (4xx/5xx) rolls back with its key, so it may be retried.
 */
export type IdempotentResult<T> = { status: number; body: T; replayed: boolean };

const KEY = /^[\x21-\x7e]{1,255}$/;

export function actorScope(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return `user:${actor.userId}`;
    case 'api_key':
      return `org:${actor.organizationId}`;
    case 'system':
      return `system:${actor.name}`;
    case 'anonymous':
      return 'anonymous';
  }
}

/**
 * A claimed key, for work that folds the claim and the answer into its own statements to save
 * round trips (`folded: true`): the claim becomes a CTE of the work's first statement, the answer
 * a CTE of its last. The rules stay those above; only the statements carrying them change.
 */
export class IdempotencyKey {
  /** Set by the work when its last statement stored the answer; else withIdempotency stores it. */
  answered = false;
  #settled = false;

  constructor(
    readonly scope: string,
    readonly key: string,
    readonly requestHash: string,
    readonly at: Date,
  ) {}

  /**
   * The claim as a data-modifying CTE: one row when this request now holds the key, none when an
   * earlier request holds it (a concurrent one is waited for on the primary key, as before). The
   * statement must read the CTE before it takes any other lock (join it), so two requests with
   * one key take their locks in the same order.
   */
  claim(qc: QueryCreator<Database>) {
    return qc
      .insertInto('idempotency_keys')
      .values({
        scope: this.scope,
        key: this.key,
        request_hash: this.requestHash,
        status_code: 0,
        response: 'null',
        created_at: this.at,
      })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .returning('key');
  }

  /** What the first statement found: not claimed means the first answer is replayed (the work stops here). */
  settle(claimed: boolean): void {
    if (!claimed) throw new NotClaimed();
    this.#settled = true;
  }

  get settled(): boolean {
    return this.#settled;
  }

  /** The answer as an UPDATE for a CTE of the work's last statement, run only when `onlyIf` holds. */
  answer(status: number, body: unknown, onlyIf: RawBuilder<boolean>): RawBuilder<unknown> {
    return sql`UPDATE idempotency_keys SET status_code = ${status}, response = ${JSON.stringify(body ?? null)}::jsonb
      WHERE scope = ${this.scope} AND key = ${this.key} AND ${onlyIf}`;
  }
}

class NotClaimed extends Error {}

/**
 * The request's key, checked (a missing key where one is required, or one that is not 1–255
 * visible ASCII characters, is a 422 naming the header); null when the request has none.
 */
export function idempotencyKey(
  deps: Pick<Deps, 'clock'>,
  opts: { actor: Actor; operation: string; key: string | undefined; request: unknown; required?: boolean },
): IdempotencyKey | null {
  if (opts.key === undefined) {
    if (opts.required) {
      throw new AppError('validation_failed', 'The Idempotency-Key header is required for this request', {
        fields: [{ path: 'headers.idempotency-key', message: 'is required' }],
      });
    }
    return null;
  }
  if (!KEY.test(opts.key)) {
    throw new AppError('validation_failed', 'Idempotency-Key must be 1–255 visible ASCII characters', {
      fields: [{ path: 'headers.idempotency-key', message: 'must be 1–255 visible ASCII characters' }],
    });
  }
  return new IdempotencyKey(
    `${actorScope(opts.actor)}:${opts.operation}`,
    opts.key,
    sha256Hex(canonicalJson(opts.request ?? null)),
    deps.clock.now(),
  );
}

export async function withIdempotency<T>(
  deps: Deps,
  opts: {
    actor: Actor;
    operation: string;
    key: string | undefined;
    request: unknown;
    required?: boolean;
    /** The work claims the key in its first statement (IdempotencyKey.claim) and settles it. */
    folded?: boolean;
  },
  work: (db: Db, key: IdempotencyKey | null) => Promise<{ status: number; body: T }>,
): Promise<IdempotentResult<T>> {
  const key = idempotencyKey(deps, opts);
  if (key === null)
    return deps.db.transaction().execute(async (trx) => ({ ...(await work(trx, null)), replayed: false }));
  return deps.db.transaction().execute(async (trx) => {
    const replay = async (): Promise<IdempotentResult<T>> => {
      const prior = await trx
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'status_code', 'response'])
        .where('scope', '=', key.scope)
        .where('key', '=', key.key)
        .executeTakeFirstOrThrow();
      if (prior.request_hash !== key.requestHash) {
        throw new AppError(
          'idempotency_key_reused',
          'This Idempotency-Key was already used for a different request',
        );
      }
      return { status: prior.status_code, body: prior.response as T, replayed: true };
    };
    if (!opts.folded) {
      const claimed = await key.claim(trx).executeTakeFirst();
      if (!claimed) return replay();
      key.settle(true);
    }
    let result: { status: number; body: T };
    try {
      result = await work(trx, key);
    } catch (e) {
      if (e instanceof NotClaimed) return replay();
      throw e;
    }
    if (!key.settled) throw new Error(`${opts.operation}: folded work did not claim its Idempotency-Key`);
    if (!key.answered) {
      await trx
        .updateTable('idempotency_keys')
        .set({ status_code: result.status, response: JSON.stringify(result.body ?? null) })
        .where('scope', '=', key.scope)
        .where('key', '=', key.key)
        .execute();
    }
    return { ...result, replayed: false };
  });
}

/** Reads the header the way every route should. */
export function idempotencyKeyOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const v = headers['idempotency-key'];
  return Array.isArray(v) ? v[0] : v;
}

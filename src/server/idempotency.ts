import type { Db } from '../db/connect.ts';
import type { Deps } from '../deps.ts';
import type { Actor } from '../modules/identity/index.ts';
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

export async function withIdempotency<T>(
  deps: Deps,
  opts: { actor: Actor; operation: string; key: string | undefined; request: unknown; required?: boolean },
  work: (db: Db) => Promise<{ status: number; body: T }>,
): Promise<IdempotentResult<T>> {
  if (opts.key === undefined) {
    if (opts.required) {
      throw new AppError('validation_failed', 'The Idempotency-Key header is required for this request', {
        fields: [{ path: 'headers.idempotency-key', message: 'is required' }],
      });
    }
    return deps.db.transaction().execute(async (trx) => ({ ...(await work(trx)), replayed: false }));
  }
  if (!KEY.test(opts.key)) {
    throw new AppError('validation_failed', 'Idempotency-Key must be 1–255 visible ASCII characters', {
      fields: [{ path: 'headers.idempotency-key', message: 'must be 1–255 visible ASCII characters' }],
    });
  }
  const scope = `${actorScope(opts.actor)}:${opts.operation}`;
  const requestHash = sha256Hex(canonicalJson(opts.request ?? null));
  return deps.db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto('idempotency_keys')
      .values({
        scope,
        key: opts.key!,
        request_hash: requestHash,
        status_code: 0,
        response: 'null',
        created_at: deps.clock.now(),
      })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!claimed) {
      const prior = await trx
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'status_code', 'response'])
        .where('scope', '=', scope)
        .where('key', '=', opts.key!)
        .executeTakeFirstOrThrow();
      if (prior.request_hash !== requestHash) {
        throw new AppError(
          'idempotency_key_reused',
          'This Idempotency-Key was already used for a different request',
        );
      }
      return { status: prior.status_code, body: prior.response as T, replayed: true };
    }
    const result = await work(trx);
    await trx
      .updateTable('idempotency_keys')
      .set({ status_code: result.status, response: JSON.stringify(result.body ?? null) })
      .where('scope', '=', scope)
      .where('key', '=', opts.key!)
      .execute();
    return { ...result, replayed: false };
  });
}

/** Reads the header the way every route should. */
export function idempotencyKeyOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const v = headers['idempotency-key'];
  return Array.isArray(v) ? v[0] : v;
}

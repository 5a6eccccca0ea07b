import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../db/connect.ts';
import type { Deps } from '../deps.ts';
import { idempotencyKeyOf, withIdempotency } from './idempotency.ts';

/**
 * The shape every route that moves money takes around withIdempotency: the header it documents,
 * the key read from it, the answer replayed with `idempotent-replayed: true` on a retry, and the
 * status set on the reply. The work runs on the transaction that holds the key.
 */
export const IdempotencyHeaderSchema = z.object({
  'idempotency-key': z
    .string()
    .max(255)
    .optional()
    .describe('Required: a retry with the same key replays the first answer instead of doing the work twice'),
});

export async function idempotentReply<T>(
  deps: Deps,
  req: FastifyRequest,
  reply: FastifyReply,
  opts: { operation: string; status?: number; required?: boolean },
  work: (db: Db) => Promise<T>,
): Promise<T> {
  const status = opts.status ?? 200;
  const result = await withIdempotency(
    deps,
    {
      actor: req.actor,
      operation: opts.operation,
      key: idempotencyKeyOf(req.headers),
      request: req.body,
      required: opts.required ?? true,
    },
    async (db) => ({ status, body: await work(db) }),
  );
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  reply.code(result.status);
  return result.body;
}

import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';

/**
 * /healthz: the process is alive. /readyz: it can reach its database and has been migrated.
 * Probes for load balancers, not part of the API: the OpenAPI document leaves them out (they
 * answer no 4xx, which every documented operation has) and names them in its description.
 */
export function registerHealth(app: FastifyInstance, deps: Deps, isReady: () => boolean): void {
  const Health = z
    .object({ status: z.enum(['ok', 'unavailable']), database: z.string().optional() })
    .meta({ id: 'Health' });
  app.get('/healthz', { schema: { hide: true, response: { 200: Health } } }, async () => ({
    status: 'ok' as const,
  }));
  app.get(
    '/readyz',
    { schema: { hide: true, response: { 200: Health, 503: Health } } },
    async (_req, reply) => {
      try {
        if (!isReady()) return reply.code(503).send({ status: 'unavailable', database: 'not migrated yet' });
        await sql`SELECT 1`.execute(deps.db);
        return { status: 'ok' as const, database: 'ok' };
      } catch {
        return reply.code(503).send({ status: 'unavailable', database: 'unreachable' });
      }
    },
  );
}

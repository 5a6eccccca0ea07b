import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';

/** /healthz: the process is alive. /readyz: it can reach its database and has been migrated. */
export function registerHealth(app: FastifyInstance, deps: Deps, isReady: () => boolean): void {
  const Health = z
    .object({ status: z.enum(['ok', 'unavailable']), database: z.string().optional() })
    .meta({ id: 'Health' });
  app.get('/healthz', { schema: { tags: ['health'], response: { 200: Health } } }, async () => ({
    status: 'ok' as const,
  }));
  app.get(
    '/readyz',
    { schema: { tags: ['health'], response: { 200: Health, 503: Health } } },
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

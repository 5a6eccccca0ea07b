import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { problems } from '../../server/http.ts';
import { reportingMismatches } from './batch.service.ts';
import { ingestAttestationFile } from './batch-file.service.ts';
import { BatchSchema } from './remittances.schema.ts';
import { FILE_ROUTE } from './signing.routes.ts';

type App = Parameters<FastifyPluginAsyncZod>[0];

/** A bank's month file of any size, streamed as `text/csv` (not held whole in memory). */
export function batchFileRoutes(app: App, deps: Deps): void {
  app.addContentTypeParser('text/csv', (_req, payload, done) => done(null, payload));
  app.post(
    FILE_ROUTE,
    {
      schema: {
        tags: ['remittances'],
        summary:
          'Send a month’s attested remittances as one CSV file of any size, streamed (a bank): checked line by line, all or none; the same file again adds nothing',
        description:
          'Body: the CSV itself, Content-Type text/csv, with the header month,iban,purpose_code,usd_credited,remittances,retained_usd,converted_usd,prc_ref,holder_hash. When signed (RFC 9421), Content-Digest must give sha-256.',
        querystring: z.object({ fileName: z.string().max(200).optional() }),
        response: {
          200: BatchSchema.describe('This file was sent before; nothing was added'),
          201: BatchSchema,
          ...problems(400, 401, 403, 415),
        },
      },
    },
    async (req, reply) => {
      const batch = await reportingMismatches(deps, req.actor, () =>
        ingestAttestationFile(deps, req.actor, req.body as Readable, { fileName: req.query.fileName }),
      );
      return reply.code(batch.duplicate ? 200 : 201).send(batch);
    },
  );
}

import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { problems } from '../../server/http.ts';
import { problemFor } from '../../server/plugins/errors.ts';
import type { AppError } from '../../shared/errors.ts';
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
          ...problems(400, 401, 403, 408, 415),
        },
      },
    },
    async (req, reply) => {
      // A client that stops sending mid-file: the answer goes out at once, while the connection is
      // still open (the stalled body is destroyed right after, which closes it), then the
      // ingestion rolls back. Written raw, since Fastify's reply would go out only after that.
      const answerIdle = (error: AppError) => {
        if (reply.raw.headersSent || reply.raw.destroyed) return;
        reply.hijack();
        const body = JSON.stringify(problemFor(error, req.id));
        reply.raw.writeHead(error.status, {
          'content-type': 'application/problem+json',
          'content-length': Buffer.byteLength(body),
          connection: 'close',
        });
        reply.raw.end(body);
      };
      try {
        const batch = await reportingMismatches(deps, req.actor, () =>
          ingestAttestationFile(deps, req.actor, req.body as Readable, {
            fileName: req.query.fileName,
            onIdle: answerIdle,
          }),
        );
        return reply.code(batch.duplicate ? 200 : 201).send(batch);
      } catch (e) {
        if (reply.sent) return reply; // answered when the body stalled
        throw e;
      }
    },
  );
}

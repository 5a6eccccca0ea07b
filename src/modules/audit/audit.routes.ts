import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { problems } from '../../server/http.ts';
import * as schema from './audit.schema.ts';
import { listAuditEntries, listCheckpoints, verifyAudit } from './audit.service.ts';
import { publicSigningKey } from './signing-key.ts';

export const auditRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['audit'];
    app.get(
      '/api/v1/audit/entries',
      {
        schema: {
          tags,
          operationId: 'listAuditEntries',
          summary: 'Read the audit log, newest first (auditor, admin)',
          querystring: schema.AuditQuerySchema,
          response: { 200: schema.AuditPageSchema, ...problems(400, 401, 403) },
        },
      },
      async (req) => listAuditEntries(deps, req.actor, req.query),
    );
    app.post(
      '/api/v1/audit/verify',
      {
        schema: {
          tags,
          summary: 'Verify the whole audit chain and its signed checkpoints (auditor, admin)',
          response: { 200: schema.VerifyResultSchema, ...problems(401, 403) },
        },
      },
      async (req) => verifyAudit(deps, req.actor),
    );
    app.get(
      '/api/v1/audit/checkpoints',
      {
        schema: {
          tags,
          summary: 'Signed checkpoints of the audit chain (public)',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }),
          response: { 200: z.array(schema.CheckpointSchema) },
        },
      },
      async (req) => listCheckpoints(deps, req.query.limit),
    );
    app.get(
      '/api/v1/audit/public-key',
      {
        schema: {
          tags,
          summary: 'The Ed25519 public key that signs checkpoints (public)',
          response: {
            200: z.object({ keyId: z.string(), publicKeyPem: z.string() }).meta({ id: 'AuditPublicKey' }),
          },
        },
      },
      async () => publicSigningKey(deps.db),
    );
  };

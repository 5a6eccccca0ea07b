import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { publishedKeys, signer } from '../../platform/keys/index.ts';
import { problems } from '../../server/http.ts';
import {
  acceptCosignature,
  addWitness,
  cosignaturesFor,
  latestHead,
  listHeads,
  listWitnesses,
} from './audit.heads.ts';
import { proveConsistency, proveInclusion } from './audit.proofs.ts';
import { receiptsFor } from './audit.receipts.ts';
import * as schema from './audit.schema.ts';
import { listAuditEntries, listCheckpoints, verifyAudit } from './audit.service.ts';

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
          summary:
            'Verify the whole audit log, its tree and its signed heads, writing nothing (auditor, admin)',
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
          summary: 'Signed checkpoints of the audit chain, from before tree heads (public)',
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
          summary: 'The current Ed25519 public key that signs tree heads (public)',
          response: {
            200: z.object({ keyId: z.string(), publicKeyPem: z.string() }).meta({ id: 'AuditPublicKey' }),
          },
        },
      },
      async () => {
        const k = await signer(deps, 'audit');
        return { keyId: k.keyId, publicKeyPem: k.publicKeyPem };
      },
    );
    app.get(
      '/api/v1/keys',
      {
        schema: {
          tags,
          operationId: 'listPublishedKeys',
          summary:
            'Every signing key Markaz has published, current and retired, with rotation handovers (public)',
          response: { 200: z.array(schema.PublicKeySchema) },
        },
      },
      async () => publishedKeys(deps.db),
    );
    app.get(
      '/api/v1/audit/tree-head',
      {
        schema: {
          tags,
          operationId: 'getAuditTreeHead',
          summary: 'The latest signed tree head and the witnesses who cosigned it (public)',
          response: { 200: schema.HeadWithWitnessesSchema },
        },
      },
      async () => {
        const head = await latestHead(deps);
        return { head, cosignatures: head ? await cosignaturesFor(deps, head.treeSize) : [] };
      },
    );
    app.get(
      '/api/v1/audit/tree-heads',
      {
        schema: {
          tags,
          summary: 'Signed tree heads, largest first (public)',
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(1000).default(100),
            beforeSize: z.coerce
              .number()
              .int()
              .min(1)
              .max(Number.MAX_SAFE_INTEGER)
              .optional()
              .describe('Page backwards: heads smaller than this size'),
          }),
          response: { 200: z.array(schema.SignedHeadSchema) },
        },
      },
      async (req) => listHeads(deps, req.query.limit, req.query.beforeSize),
    );
    app.get(
      '/api/v1/audit/proofs/inclusion',
      {
        schema: {
          tags,
          operationId: 'getAuditInclusionProof',
          summary: 'Proof that an entry is in the log under a signed tree head (public)',
          querystring: schema.InclusionQuerySchema,
          response: { 200: schema.InclusionProofSchema, ...problems(400, 404) },
        },
      },
      async (req) => proveInclusion(deps, req.query),
    );
    app.get(
      '/api/v1/audit/receipts',
      {
        schema: {
          tags,
          operationId: 'listAuditReceipts',
          summary:
            'Receipts (sequence number, leaf hash, the whole entry) for the log entries about your own application, loan, booking, training enrolment, certificate or earnings consent (owner, staff)',
          querystring: schema.ReceiptQuerySchema,
          response: { 200: z.array(schema.ReceiptSchema), ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => receiptsFor(deps, req.actor, req.query.entity, req.query.entityId),
    );
    app.get(
      '/api/v1/audit/proofs/consistency',
      {
        schema: {
          tags,
          operationId: 'getAuditConsistencyProof',
          summary: 'Proof that the tree of size `to` extends the tree of size `from` (public)',
          querystring: schema.ConsistencyQuerySchema,
          response: { 200: schema.ConsistencyProofSchema, ...problems(400) },
        },
      },
      async (req) => proveConsistency(deps, req.query.from, req.query.to),
    );
    app.get(
      '/api/v1/audit/witnesses',
      {
        schema: {
          tags,
          operationId: 'listAuditWitnesses',
          summary: 'The witnesses whose cosignatures Markaz accepts (public)',
          response: { 200: z.array(schema.WitnessSchema) },
        },
      },
      async () => listWitnesses(deps),
    );
    app.post(
      '/api/v1/audit/witnesses',
      {
        schema: {
          tags,
          operationId: 'addAuditWitness',
          summary: 'Name a witness by its Ed25519 public key (program admin)',
          body: schema.AddWitnessSchema,
          response: { 201: schema.WitnessSchema, ...problems(400, 401, 403, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(await addWitness(deps, req.actor, req.body)),
    );
    app.post(
      '/api/v1/audit/cosignatures',
      {
        schema: {
          tags,
          operationId: 'postAuditCosignature',
          summary: 'A known witness cosigns a tree head it checked (public; the signature is the credential)',
          body: schema.CosignInputSchema,
          response: { 201: schema.CosignatureSchema, ...problems(400, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(await acceptCosignature(deps, req.body)),
    );
  };

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { IdParamSchema, problems } from '../../server/http.ts';
import { idempotencyKeyOf, withIdempotency } from '../../server/idempotency.ts';
import * as schema from './claims.schema.ts';
import * as claims from './claims.service.ts';

/** Quarterly markup-subsidy claims: banks file, Markaz reconciles, the admin decides and pays. */
export const claimRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['loans'];

    app.post(
      '/api/v1/loans/claims',
      {
        schema: {
          tags,
          summary: 'File a quarter’s subsidy claim as CSV (a bank); each line is reconciled at once',
          body: schema.FileClaimInputSchema,
          response: { 201: schema.ClaimSchema, ...problems(400, 401, 403, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(await claims.fileClaim(deps, req.actor, req.body)),
    );

    app.get(
      '/api/v1/loans/claims',
      {
        schema: {
          tags,
          summary: 'Subsidy claims (a bank sees its own; admin and auditor all)',
          response: { 200: z.array(schema.ClaimSchema), ...problems(401, 403) },
        },
      },
      async (req) => claims.listClaims(deps, req.actor),
    );

    app.get(
      '/api/v1/loans/claims/:id',
      {
        schema: {
          tags,
          summary: 'One claim with every line: matched, differing (both figures) or ineligible',
          params: IdParamSchema,
          response: { 200: schema.ClaimSchema, ...problems(401, 403, 404) },
        },
      },
      async (req) => claims.getClaim(deps, req.actor, req.params.id),
    );

    app.post(
      '/api/v1/loans/claims/:id/decision',
      {
        schema: {
          tags,
          summary: 'Approve, partly approve or dispute a claim (admin)',
          params: IdParamSchema,
          body: schema.DecideClaimInputSchema,
          response: { 200: schema.ClaimSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => claims.decideClaim(deps, req.actor, req.params.id, req.body),
    );

    app.post(
      '/api/v1/loans/claims/:id/payment',
      {
        schema: {
          tags,
          summary:
            'Record the payment of an approved claim (admin); posts to the ledger. Idempotency-Key required',
          params: IdParamSchema,
          headers: z.object({ 'idempotency-key': z.string().max(255).optional() }),
          body: schema.PayClaimInputSchema,
          response: { 200: schema.ClaimSchema, ...problems(400, 401, 403, 404, 409, 422) },
        },
      },
      async (req, reply) => {
        const result = await withIdempotency(
          deps,
          {
            actor: req.actor,
            operation: `claim.pay:${req.params.id}`,
            key: idempotencyKeyOf(req.headers),
            request: req.body,
            required: true,
          },
          async (db) => ({
            status: 200,
            body: await claims.payClaim({ ...deps, db }, req.actor, req.params.id, req.body),
          }),
        );
        if (result.replayed) reply.header('idempotent-replayed', 'true');
        return reply.code(200).send(result.body);
      },
    );
  };

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { CSV_MEDIA_TYPE } from '../../platform/csv.ts';
import { fileResponse, IdParamSchema, problems } from '../../server/http.ts';
import { idempotencyKeyOf, withIdempotency } from '../../server/idempotency.ts';
import { claimTemplateCsv, listClaimQuarters, reconciliationCsv } from './claim-quarters.service.ts';
import * as schema from './claims.schema.ts';
import * as claims from './claims.service.ts';
import { classifyLoss } from './clawback.service.ts';
import { closeOfBusinessRange } from './cob.job.ts';
import { SubsidyCostSchema, subsidyCost } from './subsidy-cost.service.ts';

const QuarterQuerySchema = z.object({
  quarter: z.string().regex(/^\d{4}-Q[1-4]$/, 'must be a quarter, e.g. 2026-Q4'),
});
const ClassifyLossInputSchema = z
  .object({
    effectiveOn: z.iso.date({ message: 'must be a date, YYYY-MM-DD' }),
    reason: z.string().trim().min(5).max(2000),
  })
  .meta({ id: 'ClassifyLossInput' });
const CobRangeInputSchema = z
  .object({
    from: z.iso.date({ message: 'must be a date, YYYY-MM-DD' }),
    to: z.iso.date({ message: 'must be a date, YYYY-MM-DD' }),
  })
  .meta({ id: 'CobRangeInput' });

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

    app.post(
      '/api/v1/loans/claims/lines',
      {
        schema: {
          tags,
          summary:
            'File a quarter’s subsidy claim as JSON lines (a bank’s system); the same checks as the CSV',
          body: schema.FileClaimLinesInputSchema,
          response: { 201: schema.ClaimSchema, ...problems(400, 401, 403, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(await claims.fileClaimLines(deps, req.actor, req.body)),
    );

    app.get(
      '/api/v1/loans/claims/quarters',
      {
        schema: {
          tags,
          summary:
            'The last four ended quarters per bank: filing deadline, days left, overdue, the claim filed',
          response: { 200: z.array(schema.ClaimQuarterSchema), ...problems(401, 403) },
        },
      },
      async (req) => listClaimQuarters(deps, req.actor),
    );

    app.get(
      '/api/v1/loans/claims/template.csv',
      {
        schema: {
          tags,
          summary:
            'Markaz’s eligible subsidy per loan for an ended quarter, in the claim file’s format (a bank)',
          querystring: QuarterQuerySchema,
          response: {
            200: fileResponse('The claim file to fill in', ['text/csv']),
            ...problems(400, 401, 403),
          },
        },
      },
      async (req, reply) =>
        reply
          .type(CSV_MEDIA_TYPE)
          .header('content-disposition', `attachment; filename="markaz-subsidy-${req.query.quarter}.csv"`)
          .send(await claimTemplateCsv(deps, req.actor, req.query.quarter)),
    );

    app.get(
      '/api/v1/loans/claims/:id/reconciliation.csv',
      {
        schema: {
          tags,
          summary: 'A claim’s reconciliation as CSV: each line with both figures, then clawbacks deducted',
          params: IdParamSchema,
          response: { 200: fileResponse('The reconciliation', ['text/csv']), ...problems(401, 403, 404) },
        },
      },
      async (req, reply) => {
        const claim = await claims.getClaim(deps, req.actor, req.params.id);
        return reply
          .type(CSV_MEDIA_TYPE)
          .header(
            'content-disposition',
            `attachment; filename="claim-${claim.bankCode}-${claim.quarter}-reconciliation.csv"`,
          )
          .send(reconciliationCsv(claim));
      },
    );

    app.get(
      '/api/v1/loans/subsidy',
      {
        schema: {
          tags,
          summary:
            'Subsidy cost to date (accrued, paid, clawed back) and the forecast for the next four quarters',
          response: { 200: SubsidyCostSchema, ...problems(401, 403) },
        },
      },
      async (req) => subsidyCost(deps, req.actor),
    );

    app.post(
      '/api/v1/loans/:id/loss-classification',
      {
        schema: {
          tags,
          summary: 'Classify a loan as loss from a date (admin); approved subsidy after it is clawed back',
          params: IdParamSchema,
          body: ClassifyLossInputSchema,
          response: {
            200: z.object({ loanId: z.string(), classifiedLossOn: z.string(), clawbacks: z.number().int() }),
            ...problems(400, 401, 403, 404, 409),
          },
        },
      },
      async (req) => classifyLoss(deps, req.actor, req.params.id, req.body),
    );

    app.post(
      '/api/v1/loans/close-of-business',
      {
        schema: {
          tags,
          operationId: 'runCloseOfBusiness',
          summary: 'Run the close of business for each day of a range that has ended (admin); safe to re-run',
          body: CobRangeInputSchema,
          response: {
            200: z.object({
              days: z.number().int(),
              accruedMinor: z.number().int(),
              classifiedLoss: z.number().int(),
            }),
            ...problems(400, 401, 403),
          },
        },
      },
      async (req) => closeOfBusinessRange(deps, req.actor, req.body),
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

    const claimSchema = {
      tags,
      summary: 'One claim with every line: matched, differing (both figures) or ineligible',
      params: IdParamSchema,
      response: { 200: schema.ClaimSchema, ...problems(401, 403, 404) },
    };
    app.get(
      '/api/v1/loans/claims/:id/detail',
      {
        schema: {
          ...claimSchema,
          operationId: 'getLoanClaim',
          description:
            'Also answered at `/api/v1/loans/claims/{id}` (deprecated: that address reads as ambiguous with `/api/v1/loans/{id}/…` to tools that route by this document).',
        },
      },
      async (req) => claims.getClaim(deps, req.actor, req.params.id),
    );
    // The claim's first address, still answered for banks' systems and links; left out of the
    // OpenAPI document (see the description above).
    app.get(
      '/api/v1/loans/claims/:id',
      { schema: { ...claimSchema, hide: true, deprecated: true } },
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

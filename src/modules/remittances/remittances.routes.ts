import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { forReads } from '../../deps.ts';
import { PurposeQuerySchema } from '../../platform/data-access.ts';
import { IdParamSchema, problems } from '../../server/http.ts';
import { idempotencyKeyOf, withIdempotency } from '../../server/idempotency.ts';
import { listBankConsents } from './bank-consents.service.ts';
import { bankHolderKey, listHolderMismatches, setBankIbanCode } from './banks.service.ts';
import { listBatches, reportingMismatches, submitBatch } from './batch.service.ts';
import { batchFileRoutes } from './batch-file.routes.ts';
import { csvCell, readBatchCsv } from './batch-lines.ts';
import { giveConsent, listBanksForConsent, listMyConsents, revokeConsent } from './consent.service.ts';
import { escalateDispute } from './dispute-escalation.service.ts';
import {
  AnswerDisputeInputSchema,
  DisputeSchema,
  EscalateDisputeInputSchema,
  OpenDisputeInputSchema,
  ResolveDisputeInputSchema,
} from './disputes.schema.ts';
import { answerDispute, listDisputes, openDispute, resolveDispute } from './disputes.service.ts';
import { earningsEvidence } from './evidence.service.ts';
import { explainMonth, myMonths, staffOutliers, staffSummary } from './reconcile.service.ts';
import { remittanceSettingsRoutes } from './remittance-settings.routes.ts';
import * as schema from './remittances.schema.ts';
import { checkBankSignatures, signingRoutes } from './signing.routes.ts';

const idempotencyHeader = z.object({ 'idempotency-key': z.string().max(255).optional() });

/** Freelancers' consents and months, banks' batches, staff's reconciliation, the public table. */
export const remittancesRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['remittances'];
    checkBankSignatures(app, deps);
    signingRoutes(app, deps);
    batchFileRoutes(app, deps);
    remittanceSettingsRoutes(app, deps);

    app.get(
      '/api/v1/remittances/banks',
      {
        schema: {
          tags,
          summary: 'Partner banks a freelancer may let report their remittances',
          response: { 200: z.array(schema.PartnerBankRefSchema), ...problems(401, 403) },
        },
      },
      async (req) => listBanksForConsent(deps, req.actor),
    );

    app.put(
      '/api/v1/remittances/banks/:id/iban-code',
      {
        schema: {
          tags,
          summary: 'Record the four letters a partner bank’s IBANs carry (staff)',
          params: IdParamSchema,
          body: schema.SetIbanCodeInputSchema,
          response: { 200: schema.PartnerBankRefSchema, ...problems(400, 401, 403, 409) },
        },
      },
      async (req) => setBankIbanCode(deps, req.actor, req.params.id, req.body.ibanCode),
    );

    app.get(
      '/api/v1/remittances/bank/holder-key',
      {
        schema: {
          tags,
          summary:
            'This bank’s key for the holder hash each line carries: HMAC-SHA256 of the account holder’s CNIC digits (a bank; audited)',
          response: { 200: schema.HolderKeySchema, ...problems(401, 403) },
        },
      },
      async (req) => bankHolderKey(deps, req.actor),
    );

    app.get(
      '/api/v1/remittances/bank/consents',
      {
        schema: {
          tags,
          summary:
            'The consents freelancers gave this bank, live and withdrawn, with the holder hash its lines carry (a bank officer or the bank’s API key), the latest change first; `since` for an incremental pull; at most `limit` (default 1,000), a longer list continued by the `next` link in the Link header',
          querystring: schema.BankConsentsQuerySchema,
          response: { 200: z.array(schema.BankConsentSchema), ...problems(400, 401, 403) },
        },
      },
      async (req, reply) => {
        const { items, nextBefore } = await listBankConsents(deps, req.actor, req.query);
        if (nextBefore) {
          // The next page by RFC 8288's Link header, so the body stays the list it always was.
          const next = new URLSearchParams();
          if (req.query.since) next.set('since', req.query.since);
          if (req.query.limit) next.set('limit', String(req.query.limit));
          next.set('before', nextBefore);
          void reply.header('link', `</api/v1/remittances/bank/consents?${next}>; rel="next"`);
        }
        return items;
      },
    );

    app.get(
      '/api/v1/remittances/staff/holder-mismatches',
      {
        schema: {
          tags,
          summary: 'Bank lines refused because the account’s holder is not the person who consented (staff)',
          response: { 200: z.array(schema.HolderMismatchSchema), ...problems(401, 403) },
        },
      },
      async (req) => listHolderMismatches(deps, req.actor),
    );

    app.get(
      '/api/v1/remittances/consents',
      {
        schema: {
          tags,
          summary: 'My consents for banks to report my IT-export remittances (a freelancer)',
          response: { 200: z.array(schema.ConsentSchema), ...problems(401, 403) },
        },
      },
      async (req) => listMyConsents(deps, req.actor),
    );

    app.post(
      '/api/v1/remittances/consents',
      {
        schema: {
          tags,
          summary:
            'Let a partner bank report one account’s IT-export remittances, for a period (a freelancer)',
          body: schema.GiveConsentInputSchema,
          response: { 201: schema.ConsentSchema, ...problems(400, 401, 403, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(await giveConsent(deps, req.actor, req.body)),
    );

    app.post(
      '/api/v1/remittances/consents/:id/revoke',
      {
        schema: {
          tags,
          summary: 'Withdraw a consent now; the bank’s further lines for the account are refused',
          params: IdParamSchema,
          body: schema.RevokeConsentInputSchema,
          response: { 200: schema.ConsentSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => revokeConsent(deps, req.actor, req.params.id, req.body),
    );

    app.get(
      '/api/v1/remittances/me/months',
      {
        schema: {
          tags,
          summary: 'My months: declared beside bank-attested, the outcome, my explanation (a freelancer)',
          response: { 200: z.array(schema.MyMonthSchema), ...problems(401, 403) },
        },
      },
      async (req) => myMonths(deps, req.actor),
    );

    app.post(
      '/api/v1/remittances/me/explanations',
      {
        schema: {
          tags,
          summary: 'Explain why a month’s declared and attested figures differ (a freelancer)',
          body: schema.ExplainInputSchema,
          response: { 200: schema.ExplanationSchema, ...problems(400, 401, 403) },
        },
      },
      async (req) => explainMonth(deps, req.actor, req.body),
    );

    app.get(
      '/api/v1/remittances/disputes',
      {
        schema: {
          tags,
          summary:
            'Disputes of attested lines: a freelancer’s own, a bank’s about its lines, or all with their age (staff: with a purpose from the fixed list, each person shown put on their data-access record)',
          querystring: PurposeQuerySchema,
          response: { 200: z.array(DisputeSchema), ...problems(400, 401, 403) },
        },
      },
      async (req) => listDisputes(deps, req.actor, req.query.purpose),
    );

    app.post(
      '/api/v1/remittances/disputes',
      {
        schema: {
          tags,
          summary:
            'Dispute a line a bank attested: the amount is wrong, or the money is not mine (a freelancer)',
          body: OpenDisputeInputSchema,
          response: { 201: DisputeSchema, ...problems(400, 401, 403, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(await openDispute(deps, req.actor, req.body)),
    );

    app.post(
      '/api/v1/remittances/disputes/:id/answer',
      {
        schema: {
          tags,
          summary: 'Answer a dispute: confirm the figure, or correct it (0 withdraws the line) (a bank)',
          params: IdParamSchema,
          body: AnswerDisputeInputSchema,
          response: { 200: DisputeSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => answerDispute(deps, req.actor, req.params.id, req.body),
    );

    app.post(
      '/api/v1/remittances/disputes/:id/escalate',
      {
        schema: {
          tags,
          summary:
            'Escalate a dispute to programme staff: the bank confirmed its figure and the freelancer still disagrees, with a reason (the freelancer)',
          params: IdParamSchema,
          body: EscalateDisputeInputSchema,
          response: { 200: DisputeSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => escalateDispute(deps, req.actor, req.params.id, req.body),
    );

    app.post(
      '/api/v1/remittances/disputes/:id/resolve',
      {
        schema: {
          tags,
          summary:
            'Close a dispute the bank has not answered, or one the freelancer escalated, with a note both sides read; the bank’s figure is unchanged (staff)',
          params: IdParamSchema,
          body: ResolveDisputeInputSchema,
          response: { 200: DisputeSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => resolveDispute(deps, req.actor, req.params.id, req.body),
    );

    app.post(
      '/api/v1/remittances/batches',
      {
        schema: {
          tags,
          summary:
            'Submit attested remittances (a bank’s system, API key): all lines kept or none; the same lines again add nothing. Idempotency-Key required',
          headers: idempotencyHeader,
          body: schema.SubmitBatchInputSchema,
          response: {
            200: schema.BatchSchema.describe('These lines were submitted before; nothing was added'),
            201: schema.BatchSchema,
            ...problems(400, 401, 403, 422),
          },
        },
      },
      async (req, reply) => {
        const result = await reportingMismatches(deps, req.actor, () =>
          withIdempotency(
            deps,
            {
              actor: req.actor,
              operation: 'remittances.batch',
              key: idempotencyKeyOf(req.headers),
              request: req.body,
              required: true,
            },
            async (db) => {
              const batch = await submitBatch({ ...deps, db }, req.actor, {
                source: 'api',
                candidates: req.body.lines.map((l, row) => ({
                  row,
                  month: l.month,
                  iban: l.iban,
                  purposeCode: l.purposeCode,
                  usd: l.usdMinor,
                  remittances: l.remittances ?? null,
                  retainedUsd: l.retainedUsdMinor ?? null,
                  convertedUsd: l.convertedUsdMinor ?? null,
                  prcRef: l.prcRef ?? null,
                  holderHash: l.holderHash,
                })),
                problems: [],
                cell: (row, column) =>
                  `lines.${row}.${column === 'usd' ? 'usdMinor' : column.replace('Usd', 'UsdMinor')}`,
              });
              return { status: batch.duplicate ? 200 : 201, body: batch };
            },
          ),
        );
        if (result.replayed) reply.header('idempotent-replayed', 'true');
        return reply.code(result.status === 200 ? 200 : 201).send(result.body);
      },
    );

    app.post(
      '/api/v1/remittances/batches/csv',
      {
        schema: {
          tags,
          summary: 'Upload a month’s attested remittances as CSV (a bank); checked line by line, all or none',
          body: schema.UploadBatchCsvInputSchema,
          response: {
            200: schema.BatchSchema.describe('This file was uploaded before; nothing was added'),
            201: schema.BatchSchema,
            ...problems(400, 401, 403),
          },
        },
      },
      async (req, reply) => {
        const { candidates, problems: found } = readBatchCsv(req.body.csv);
        const batch = await reportingMismatches(deps, req.actor, () =>
          submitBatch(deps, req.actor, {
            source: 'csv',
            fileName: req.body.fileName,
            candidates,
            problems: found,
            cell: csvCell,
          }),
        );
        return reply.code(batch.duplicate ? 200 : 201).send(batch);
      },
    );

    app.get(
      '/api/v1/remittances/batches',
      {
        schema: {
          tags,
          summary: 'Batches submitted: a bank sees its own; staff see every bank’s',
          response: { 200: z.array(schema.BatchSchema), ...problems(401, 403) },
        },
      },
      async (req) => listBatches(deps, req.actor),
    );

    app.get(
      '/api/v1/remittances/staff/summary',
      {
        schema: {
          tags,
          summary:
            'Reconciliation by month: freelancers matched, differing, declared only, attested only (staff)',
          response: { 200: schema.StaffSummarySchema, ...problems(401, 403) },
        },
      },
      async (req) => staffSummary(deps, req.actor),
    );

    app.get(
      '/api/v1/remittances/staff/outliers',
      {
        schema: {
          tags,
          summary:
            'A month’s freelancers whose figures do not match, largest gap first; the purpose is recorded (staff)',
          querystring: schema.OutliersQuerySchema,
          response: { 200: z.array(schema.OutlierSchema), ...problems(400, 401, 403) },
        },
      },
      async (req) => staffOutliers(deps, req.actor, req.query),
    );

    app.get(
      '/api/v1/public/earnings-evidence',
      {
        schema: {
          tags,
          summary:
            'Export earnings by month and province or district: self-declared beside bank-attested, never added together (public; small groups withheld)',
          querystring: z.object({ by: z.enum(['province', 'district']).default('province') }),
          response: { 200: schema.EvidenceSchema, ...problems(400, 429) },
        },
      },
      async (req) => earningsEvidence(forReads(deps), req.query.by),
    );
  };

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { PurposeQuerySchema } from '../../platform/data-access.ts';
import { fileResponse, IdParamSchema, problems } from '../../server/http.ts';
import * as closure from './closure.service.ts';
import * as corrections from './corrections.service.ts';
import { exportMyData } from './export.service.ts';
import { personalDataPdf } from './export-pdf.ts';
import * as schema from './privacy.schema.ts';
import * as retention from './retention.service.ts';

/** People's rights: download my data, ask for corrections, close my account; staff review; retention. */
export const privacyRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['privacy'];
    const day = (d: Date) => d.toISOString().slice(0, 10);

    app.get(
      '/api/v1/me/data-export.json',
      {
        schema: {
          tags,
          operationId: 'downloadMyDataJson',
          summary: 'Everything Markaz holds about me, as JSON (a few a day; on the audit record)',
          response: { 200: fileResponse('Your data', ['application/json']), ...problems(401, 429) },
        },
      },
      async (req, reply) => {
        const data = await exportMyData(deps, req.actor, 'json', 'en');
        return reply
          .type('application/json; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="markaz-my-data-${day(deps.clock.now())}.json"`,
          )
          .header('cache-control', 'no-store')
          .send(JSON.stringify(data, null, 2));
      },
    );

    app.get(
      '/api/v1/me/data-export.pdf',
      {
        schema: {
          tags,
          operationId: 'downloadMyDataPdf',
          summary: 'Everything Markaz holds about me, as a readable PDF in English or Urdu (`lang`)',
          querystring: schema.ExportQuerySchema,
          response: { 200: fileResponse('Your data', ['application/pdf']), ...problems(400, 401, 429) },
        },
      },
      async (req, reply) => {
        const data = await exportMyData(deps, req.actor, 'pdf', req.query.lang);
        return reply
          .type('application/pdf')
          .header(
            'content-disposition',
            `attachment; filename="markaz-my-data-${day(deps.clock.now())}-${req.query.lang}.pdf"`,
          )
          .header('cache-control', 'no-store')
          .send(await personalDataPdf(data, req.query.lang));
      },
    );

    app.get(
      '/api/v1/me/correctable-fields',
      {
        schema: {
          tags,
          operationId: 'myCorrectableFields',
          summary: 'The fields I can ask to correct, with what Markaz holds now',
          response: { 200: schema.CorrectableFieldListSchema, ...problems(401) },
        },
      },
      async (req) => corrections.myCorrectableFields(deps, req.actor),
    );

    app.get(
      '/api/v1/me/corrections',
      {
        schema: {
          tags,
          operationId: 'myCorrections',
          summary: 'My requests to correct my data, newest first',
          response: { 200: schema.CorrectionListSchema, ...problems(401) },
        },
      },
      async (req) => corrections.myCorrections(deps, req.actor),
    );

    app.post(
      '/api/v1/me/corrections',
      {
        schema: {
          tags,
          operationId: 'requestCorrection',
          summary: 'Ask to correct a field, with a reason and optional evidence; staff review it',
          body: schema.CorrectionInputSchema,
          response: { 201: schema.CorrectionSchema, ...problems(400, 401, 409) },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await corrections.requestCorrection(deps, req.actor, req.body)),
    );

    app.post(
      '/api/v1/me/corrections/:id/withdraw',
      {
        schema: {
          tags,
          operationId: 'withdrawCorrection',
          summary: 'Withdraw my correction request before staff decide it',
          params: IdParamSchema,
          response: { 200: schema.CorrectionSchema, ...problems(400, 401, 404, 409) },
        },
      },
      async (req) => corrections.withdrawCorrection(deps, req.actor, req.params.id),
    );

    app.get(
      '/api/v1/corrections',
      {
        schema: {
          tags,
          operationId: 'listCorrections',
          summary: 'Requests to correct personal data, newest first; CNICs masked (programme admin)',
          querystring: schema.CorrectionListQuerySchema,
          response: { 200: schema.CorrectionListSchema, ...problems(400, 401, 403) },
        },
      },
      async (req) => corrections.listCorrections(deps, req.actor, req.query),
    );

    app.get(
      '/api/v1/corrections/:id',
      {
        schema: {
          tags,
          operationId: 'correctionForReview',
          summary:
            'One request with the value held now, in full, for a decision; the look is recorded (programme admin)',
          params: IdParamSchema,
          querystring: PurposeQuerySchema,
          response: { 200: schema.CorrectionReviewSchema, ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => corrections.correctionForReview(deps, req.actor, req.params.id, req.query.purpose),
    );

    app.post(
      '/api/v1/corrections/:id/decision',
      {
        schema: {
          tags,
          operationId: 'decideCorrection',
          summary:
            'Approve (the field changes, on the audit record) or reject with a reason; the person is told (programme admin)',
          params: IdParamSchema,
          body: schema.CorrectionDecisionSchema,
          response: { 200: schema.CorrectionSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => corrections.decideCorrection(deps, req.actor, req.params.id, req.body),
    );

    app.get(
      '/api/v1/me/closure',
      {
        schema: {
          tags,
          operationId: 'myClosures',
          summary: 'My requests to close my account',
          response: { 200: schema.ClosureListSchema, ...problems(401) },
        },
      },
      async (req) => closure.myClosures(deps, req.actor),
    );

    app.post(
      '/api/v1/me/closure',
      {
        schema: {
          tags,
          operationId: 'requestClosure',
          summary:
            'Close my account: refused with reasons when something is still open (a loan), sent to staff when something needs a look (a stipend), otherwise closed now and every session ends',
          body: schema.ClosureInputSchema,
          response: { 200: schema.ClosureSchema, ...problems(400, 401, 403, 409, 429) },
        },
      },
      async (req) => closure.requestClosure(deps, req.actor, req.body),
    );

    app.get(
      '/api/v1/closures',
      {
        schema: {
          tags,
          operationId: 'listClosures',
          summary: 'Requests to close accounts (programme admin)',
          querystring: schema.ClosureListQuerySchema,
          response: { 200: schema.ClosureListSchema, ...problems(400, 401, 403) },
        },
      },
      async (req) => closure.listClosures(deps, req.actor, req.query),
    );

    app.post(
      '/api/v1/closures/:id/decision',
      {
        schema: {
          tags,
          operationId: 'decideClosure',
          summary: 'Close the account under review or reject the request with a note (programme admin)',
          params: IdParamSchema,
          body: schema.ClosureDecisionSchema,
          response: { 200: schema.ClosureSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => closure.decideClosure(deps, req.actor, req.params.id, req.body),
    );

    app.get(
      '/api/v1/retention',
      {
        schema: {
          tags,
          operationId: 'listRetention',
          summary: 'How long each kind of record is kept (programme admin, auditor)',
          response: { 200: schema.RetentionListSchema, ...problems(401, 403) },
        },
      },
      async (req) => retention.listRetention(deps, req.actor),
    );

    app.put(
      '/api/v1/retention/:kind',
      {
        schema: {
          tags,
          operationId: 'setRetention',
          summary: 'Change how long one kind of record is kept (programme admin; on the audit record)',
          params: schema.KindParamSchema,
          body: schema.RetentionInputSchema,
          response: { 200: schema.RetentionSettingSchema, ...problems(400, 401, 403) },
        },
      },
      async (req) => retention.setRetention(deps, req.actor, req.params.kind, req.body.days),
    );
  };

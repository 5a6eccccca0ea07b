import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { IdParamSchema, problems } from '../../server/http.ts';
import { listAppeals } from './appeal.service.ts';
import { AppealSchema, ApplicationListQuerySchema, ApplicationSummarySchema } from './application.schema.ts';
import { listApplications } from './application.service.ts';
import { autoAssign } from './assignment.service.ts';
import * as schema from './call.schema.ts';
import * as calls from './call.service.ts';
import { confirmDecision, publicResults } from './decision.service.ts';
import { AutoAssignResultSchema } from './evaluation.schema.ts';
import { PublicResultSchema, RankingSchema } from './ranking.schema.ts';
import { previewRanking, releaseQuota } from './ranking.service.ts';

/** Calls for buildings: the admin's editor, the public list, ranking and decision. */
export const callRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['calls'];

    app.get(
      '/api/v1/calls',
      {
        schema: {
          tags,
          summary: 'List calls for buildings (public; admins and auditors also see drafts)',
          querystring: schema.CallListQuerySchema,
          response: { 200: z.array(schema.CallSummarySchema), ...problems(400) },
        },
      },
      async (req) => calls.listCalls(deps, req.actor, req.query.status),
    );

    app.get(
      '/api/v1/calls/:id',
      {
        schema: {
          tags,
          summary: 'One call with its criteria, quotas and phase (public unless a draft)',
          params: IdParamSchema,
          response: { 200: schema.CallSchema, ...problems(404) },
        },
      },
      async (req) => calls.getCall(deps, req.actor, req.params.id),
    );

    app.post(
      '/api/v1/calls',
      {
        schema: {
          tags,
          summary: 'Create a draft call (admin); omitted criteria and quotas get the first-phase defaults',
          body: schema.CreateCallInputSchema,
          response: { 201: schema.CallSchema, ...problems(400, 401, 403) },
        },
      },
      async (req, reply) => reply.code(201).send(await calls.createCall(deps, req.actor, req.body)),
    );

    app.patch(
      '/api/v1/calls/:id',
      {
        schema: {
          tags,
          summary:
            'Edit a call (admin): rules (dates, pass mark, cap…) until the first submission; texts and a later closing date until it closes',
          params: IdParamSchema,
          body: schema.UpdateCallInputSchema,
          response: { 200: schema.CallSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => calls.updateCall(deps, req.actor, req.params.id, req.body),
    );

    app.put(
      '/api/v1/calls/:id/criteria',
      {
        schema: {
          tags,
          summary: 'Replace the evaluation criteria (admin); frozen once an application is submitted',
          params: IdParamSchema,
          body: schema.CriteriaInputSchema,
          response: { 200: schema.CallSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => calls.setCriteria(deps, req.actor, req.params.id, req.body.criteria),
    );

    app.put(
      '/api/v1/calls/:id/quotas',
      {
        schema: {
          tags,
          summary:
            'Replace the province and district quotas (admin); frozen once an application is submitted',
          params: IdParamSchema,
          body: schema.QuotasInputSchema,
          response: { 200: schema.CallSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => calls.setQuotas(deps, req.actor, req.params.id, req.body.quotas),
    );

    app.post(
      '/api/v1/calls/:id/publish',
      {
        schema: {
          tags,
          summary: 'Publish a draft call (admin): it becomes public and opens at opensAt',
          params: IdParamSchema,
          response: { 200: schema.CallSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => calls.publishCall(deps, req.actor, req.params.id),
    );

    app.post(
      '/api/v1/calls/:id/close',
      {
        schema: {
          tags,
          summary: 'Close an open call now, before its closing date (admin)',
          params: IdParamSchema,
          response: { 200: schema.CallSchema, ...problems(401, 403, 404, 409) },
        },
      },
      async (req) => calls.closeCall(deps, req.actor, req.params.id),
    );

    app.get(
      '/api/v1/calls/:id/applications',
      {
        schema: {
          tags,
          summary:
            'Applications to a call with their evaluation progress (admin, auditor: the assignment board; an owner sees only their own)',
          params: IdParamSchema,
          querystring: ApplicationListQuerySchema.pick({ status: true }),
          response: { 200: z.array(ApplicationSummarySchema), ...problems(401, 403) },
        },
      },
      async (req) => listApplications(deps, req.actor, { callId: req.params.id, status: req.query.status }),
    );

    app.post(
      '/api/v1/calls/:id/assignments/auto',
      {
        schema: {
          tags,
          operationId: 'autoAssignEvaluators',
          summary:
            'Assign evaluators automatically (admin): balanced by load, never from the owner’s organisation, never twice',
          params: IdParamSchema,
          response: { 200: AutoAssignResultSchema, ...problems(401, 403, 404, 409) },
        },
      },
      async (req) => autoAssign(deps, req.actor, req.params.id),
    );

    app.get(
      '/api/v1/calls/:id/ranking',
      {
        schema: {
          tags,
          summary: 'The merit ranking per quota area, computed from the stored scores (admin, auditor)',
          params: IdParamSchema,
          response: { 200: RankingSchema, ...problems(401, 403, 404) },
        },
      },
      async (req) => previewRanking(deps, req.actor, req.params.id),
    );

    app.post(
      '/api/v1/calls/:id/quota-releases',
      {
        schema: {
          tags,
          summary:
            'Release unfilled quota seats from one province to another, with a reason (admin); re-ranks',
          params: IdParamSchema,
          body: schema.ReleaseQuotaInputSchema,
          response: { 200: RankingSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => releaseQuota(deps, req.actor, req.params.id, req.body),
    );

    app.post(
      '/api/v1/calls/:id/decision',
      {
        schema: {
          tags,
          summary:
            'Confirm the ranking of a closed call (admin): shortlists and informs every applicant, once',
          params: IdParamSchema,
          response: { 200: RankingSchema, ...problems(401, 403, 404, 409) },
        },
      },
      async (req) => confirmDecision(deps, req.actor, req.params.id),
    );

    app.get(
      '/api/v1/calls/:id/results',
      {
        schema: {
          tags,
          summary: 'The published ranking of a decided call per province: references, scores, ranks (public)',
          params: IdParamSchema,
          response: { 200: PublicResultSchema, ...problems(404, 409) },
        },
      },
      async (req) => publicResults(deps, req.params.id),
    );

    app.get(
      '/api/v1/calls/:id/appeals',
      {
        schema: {
          tags,
          summary: 'Appeals against a call’s decision (admin, auditor)',
          params: IdParamSchema,
          response: { 200: z.array(AppealSchema), ...problems(401, 403) },
        },
      },
      async (req) => listAppeals(deps, req.actor, req.params.id),
    );
  };

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { IdParamSchema, problems } from '../../server/http.ts';
import * as schema from './complaints.schema.ts';
import * as svc from './complaints.service.ts';

/** Complaints: anyone files and follows one by reference; programme staff answer (web: /complaints). */
export const complaintsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['complaints'];

    app.post(
      '/api/v1/complaints',
      {
        schema: {
          tags,
          operationId: 'fileComplaint',
          summary:
            'File a complaint about a centre or the programme (anyone; without an account, leave an email or mobile)',
          body: schema.ComplaintInputSchema,
          response: { 201: schema.ComplaintStatusSchema, ...problems(400) },
        },
      },
      async (req, reply) => reply.code(201).send(await svc.fileComplaint(deps, req.actor, req.body)),
    );

    app.get(
      '/api/v1/complaints/stats',
      {
        schema: {
          tags,
          operationId: 'complaintStats',
          summary: 'Public: complaints received, open, overdue and answered, and the median days to answer',
          response: { 200: schema.ComplaintStatsSchema },
        },
      },
      async () => svc.complaintStats(deps.db, deps.clock.now()),
    );

    app.get(
      '/api/v1/complaint-status/:reference',
      {
        schema: {
          tags,
          operationId: 'complaintByReference',
          summary: 'A complaint’s status and answer, by its reference (whoever holds the reference)',
          params: schema.ReferenceParamSchema,
          response: { 200: schema.ComplaintStatusSchema, ...problems(400, 404) },
        },
      },
      async (req) => svc.complaintByReference(deps, req.params.reference),
    );

    app.get(
      '/api/v1/me/complaints',
      {
        schema: {
          tags,
          operationId: 'myComplaints',
          summary: 'The complaints I filed while signed in, newest first',
          response: { 200: z.array(schema.ComplaintStatusSchema), ...problems(401) },
        },
      },
      async (req) => svc.myComplaints(deps, req.actor),
    );

    app.get(
      '/api/v1/complaints',
      {
        schema: {
          tags,
          operationId: 'listComplaints',
          summary: 'The complaints queue: open ones soonest due first, overdue flagged (admin, auditor)',
          querystring: schema.ComplaintListQuerySchema,
          response: { 200: z.array(schema.StaffComplaintSchema), ...problems(400, 401, 403) },
        },
      },
      async (req) => svc.listComplaints(deps, req.actor, req.query),
    );

    app.post(
      '/api/v1/complaints/:id/answer',
      {
        schema: {
          tags,
          operationId: 'answerComplaint',
          summary:
            'Take a complaint up, or resolve or reject it with an answer the person is sent (program admin)',
          params: IdParamSchema,
          body: schema.ComplaintAnswerSchema,
          response: { 200: schema.ComplaintStatusSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => svc.answerComplaint(deps, req.actor, req.params.id, req.body),
    );
  };

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { IdParamSchema, problems } from '../../server/http.ts';
import { listInspectionVisits } from './inspection-calendar.service.ts';
import * as visits from './inspection-visit.service.ts';
import * as schema from './inspection-visits.schema.ts';

/** Inspection visits: programme staff book, move and cancel them; the centre's owner reads them. */
export const inspectionVisitRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['centres'];
    const writeProblems = problems(400, 401, 403, 404, 409);

    app.post(
      '/api/v1/centers/:id/inspection-visits',
      {
        schema: {
          tags,
          operationId: 'bookInspectionVisit',
          summary:
            'Book an inspection visit (a date and time window) to a centre under set-up (program admin)',
          params: IdParamSchema,
          body: schema.InspectionVisitInputSchema,
          response: { 201: schema.InspectionVisitSchema, ...writeProblems },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await visits.bookInspectionVisit(deps, req.actor, req.params.id, req.body)),
    );

    app.get(
      '/api/v1/centers/:id/inspection-visits',
      {
        schema: {
          tags,
          operationId: 'listCentreInspectionVisits',
          summary: "A centre's inspection visits, newest first (its owner, admin, auditor)",
          params: IdParamSchema,
          response: { 200: z.array(schema.InspectionVisitSchema), ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => visits.listCentreVisits(deps, req.actor, req.params.id),
    );

    app.get(
      '/api/v1/inspection-visits',
      {
        schema: {
          tags,
          operationId: 'listInspectionVisits',
          summary:
            'The inspection calendar: booked visits soonest first, or cancelled or done ones, by district and inspector, a page at a time (admin, auditor)',
          querystring: schema.InspectionVisitListQuerySchema,
          response: { 200: schema.InspectionVisitPageSchema, ...problems(400, 401, 403) },
        },
      },
      async (req) => listInspectionVisits(deps, req.actor, req.query),
    );

    app.put(
      '/api/v1/inspection-visits/:visitId/inspector',
      {
        schema: {
          tags,
          operationId: 'assignInspectionVisitInspector',
          summary:
            'Give a booked inspection visit to another inspector (a programme admin) or to nobody; the inspectors are told (program admin)',
          params: schema.VisitIdParamSchema,
          body: schema.InspectorAssignmentSchema,
          response: { 200: schema.InspectionVisitSchema, ...writeProblems },
        },
      },
      async (req) => visits.assignInspector(deps, req.actor, req.params.visitId, req.body),
    );

    app.put(
      '/api/v1/inspection-visits/:visitId',
      {
        schema: {
          tags,
          operationId: 'rescheduleInspectionVisit',
          summary: 'Move a booked inspection visit to another window; the owner is told (program admin)',
          params: schema.VisitIdParamSchema,
          body: schema.InspectionVisitInputSchema,
          response: { 200: schema.InspectionVisitSchema, ...writeProblems },
        },
      },
      async (req) => visits.rescheduleInspectionVisit(deps, req.actor, req.params.visitId, req.body),
    );

    app.post(
      '/api/v1/inspection-visits/:visitId/cancel',
      {
        schema: {
          tags,
          operationId: 'cancelInspectionVisit',
          summary: 'Cancel a booked inspection visit with a reason the owner reads (program admin)',
          params: schema.VisitIdParamSchema,
          body: schema.InspectionVisitCancelSchema,
          response: { 200: schema.InspectionVisitSchema, ...writeProblems },
        },
      },
      async (req) => visits.cancelInspectionVisit(deps, req.actor, req.params.visitId, req.body),
    );
  };

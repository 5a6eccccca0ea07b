import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Deps, forReads } from '../../deps.ts';
import { localDiskStore } from '../../platform/uploads/upload-store.ts';
import { IdParamSchema, problems } from '../../server/http.ts';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../calls/index.ts';
import * as centers from './center.service.ts';
import { canReadAnyCenter, ownsCenter } from './center-access.ts';
import * as setup from './center-setup.service.ts';
import { changeCenterStatus, previewStatusChange } from './center-status.service.ts';
import { toPublicView } from './centers.repository.ts';
import * as schema from './centers.schema.ts';
import { listInspections, recordInspection } from './inspection.service.ts';
import { inspectionPhotoRoutes } from './inspection-photos.routes.ts';
import { inspectionVisitRoutes } from './inspection-visits.routes.ts';
import { monthlyReportRoutes } from './monthly-report.routes.ts';
import { publicPhotoRoutes } from './public-photos.routes.ts';

const who = (s: string) => ` (${s})`;

export const centersRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['centres'];
    await app.register(monthlyReportRoutes(deps));
    await app.register(inspectionVisitRoutes(deps));
    const store = localDiskStore(deps.config.uploadDir, deps);
    await app.register(inspectionPhotoRoutes(deps, store, DEFAULT_MAX_UPLOAD_BYTES));
    await app.register(publicPhotoRoutes(deps, store));
    const writeProblems = problems(400, 401, 403, 404, 409);

    app.get(
      '/api/v1/centers',
      {
        schema: {
          tags,
          summary: 'List centres: the public sees operational ones; owners theirs (mine=true); staff all',
          querystring: schema.CenterListQuerySchema,
          response: { 200: schema.CenterListSchema, ...problems(400) },
        },
      },
      // The public directory reads the replica; an owner's or admin's list reads the primary.
      async (req) => {
        const db = req.actor.kind === 'anonymous' ? forReads(deps) : deps;
        const list = await centers.listCenters(db, req.actor, req.query);
        // Staff, and an owner listing their own, see who runs each centre; the public never does.
        if (canReadAnyCenter(req.actor) || (req.query.mine && req.actor.kind === 'user')) return list;
        return { ...list, items: list.items.map(toPublicView) };
      },
    );

    app.post(
      '/api/v1/centers',
      {
        schema: {
          tags,
          summary: `Register a centre for an owner${who('program admin')}`,
          body: schema.CreateCenterInputSchema,
          response: { 201: schema.CenterSchema, ...problems(400, 401, 403) },
        },
      },
      async (req, reply) => reply.code(201).send(await centers.createCenter(deps, req.actor, req.body)),
    );

    app.get(
      '/api/v1/centers/:id',
      {
        schema: {
          tags,
          summary: 'One centre with its spaces, seats, hours, closures, prices and rules',
          params: IdParamSchema,
          response: { 200: schema.CenterSchema, ...problems(400, 404) },
        },
      },
      // Anonymous visitors read the public centre page from the replica; a signed-in owner or admin
      // reads the primary, so they see their own changes at once.
      async (req) => {
        const db = req.actor.kind === 'anonymous' ? forReads(deps) : deps;
        const c = await centers.getCenter(db, req.actor, req.params.id);
        return canReadAnyCenter(req.actor) || ownsCenter(req.actor, { owner_id: c.ownerId })
          ? c
          : toPublicView(c);
      },
    );

    app.patch(
      '/api/v1/centers/:id',
      {
        schema: {
          tags,
          summary: `Edit a centre's name, address or location${who('its owner, program admin')}`,
          params: IdParamSchema,
          body: schema.UpdateCenterInputSchema,
          response: { 200: schema.CenterSchema, ...writeProblems },
        },
      },
      async (req) => centers.updateCenter(deps, req.actor, req.params.id, req.body),
    );

    app.post(
      '/api/v1/centers/:id/status',
      {
        schema: {
          tags,
          operationId: 'setCenterStatus',
          summary: `Move a centre along its lifecycle, with a reason${who('owner: start set-up, close; admin: the rest')}`,
          params: IdParamSchema,
          body: schema.ChangeStatusInputSchema,
          response: { 200: schema.CenterSchema, ...writeProblems },
        },
      },
      async (req) => changeCenterStatus(deps, req.actor, req.params.id, req.body),
    );

    app.get(
      '/api/v1/centers/:id/status/preview',
      {
        schema: {
          tags,
          summary: `How many bookings and waitlist places a status change would cancel${who('its owner, program admin')}`,
          params: IdParamSchema,
          querystring: schema.StatusPreviewQuerySchema,
          response: { 200: schema.CancellationPreviewSchema, ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => previewStatusChange(deps, req.actor, req.params.id, req.query.status),
    );

    app.post(
      '/api/v1/centers/:id/inspections',
      {
        schema: {
          tags,
          summary: `Record an inspection; a pass moves a centre under set-up to inspected${who('program admin')}`,
          params: IdParamSchema,
          body: schema.InspectionInputSchema,
          response: { 201: schema.InspectionSchema, ...writeProblems },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await recordInspection(deps, req.actor, req.params.id, req.body)),
    );

    app.get(
      '/api/v1/centers/:id/inspections',
      {
        schema: {
          tags,
          summary: `A centre's inspections, newest first${who('its owner, admin, auditor')}`,
          params: IdParamSchema,
          response: { 200: z.array(schema.InspectionSchema), ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => listInspections(deps, req.actor, req.params.id),
    );

    app.put(
      '/api/v1/centers/:id/amenities',
      {
        schema: {
          tags,
          summary: `Set a centre's amenities${who('its owner, program admin')}`,
          params: IdParamSchema,
          body: schema.AmenitiesSchema,
          response: { 200: schema.CenterSchema, ...writeProblems },
        },
      },
      async (req) => setup.setAmenities(deps, req.actor, req.params.id, req.body),
    );

    app.put(
      '/api/v1/centers/:id/prices',
      {
        schema: {
          tags,
          summary: `Set prices per plan, in paisa${who('its owner, program admin')}`,
          params: IdParamSchema,
          body: schema.PricesSchema,
          response: { 200: schema.CenterSchema, ...writeProblems },
        },
      },
      async (req) => setup.setPrices(deps, req.actor, req.params.id, req.body),
    );

    app.put(
      '/api/v1/centers/:id/rules',
      {
        schema: {
          tags,
          summary: `Set booking rules: notice, horizon, cancellation window, no-show grace, buffers${who('its owner, program admin')}`,
          params: IdParamSchema,
          body: schema.BookingRulesSchema,
          response: { 200: schema.CenterSchema, ...writeProblems },
        },
      },
      async (req) => setup.setBookingRules(deps, req.actor, req.params.id, req.body),
    );

    app.put(
      '/api/v1/centers/:id/hours',
      {
        schema: {
          tags,
          summary: `Set opening hours for the week (Asia/Karachi)${who('its owner, program admin')}`,
          params: IdParamSchema,
          body: schema.OpeningHoursInputSchema,
          response: { 200: schema.CenterSchema, ...writeProblems },
        },
      },
      async (req) => setup.setOpeningHours(deps, req.actor, req.params.id, req.body.days),
    );

    app.post(
      '/api/v1/centers/:id/closures',
      {
        schema: {
          tags,
          summary: `Add a closure: public holiday, outage…${who('its owner, program admin')}`,
          params: IdParamSchema,
          body: schema.ClosureInputSchema,
          response: { 201: schema.CenterSchema, ...writeProblems },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await setup.addClosure(deps, req.actor, req.params.id, req.body)),
    );

    app.get(
      '/api/v1/centers/:id/closures/preview',
      {
        schema: {
          tags,
          summary: `How many bookings and waitlist places a closure would cancel, before adding it${who('its owner, program admin')}`,
          params: IdParamSchema,
          querystring: schema.ClosureInputSchema.omit({ reason: true }),
          response: { 200: schema.CancellationPreviewSchema, ...problems(400, 401, 403, 404) },
        },
      },
      async (req) =>
        setup.previewClosure(deps, req.actor, req.params.id, { ...req.query, reason: 'preview' }),
    );

    app.delete(
      '/api/v1/centers/:id/closures/:closureId',
      {
        schema: {
          tags,
          summary: `Remove a closure${who('its owner, program admin')}`,
          params: IdParamSchema.extend({ closureId: z.string().uuid() }),
          response: { 200: schema.CenterSchema, ...writeProblems },
        },
      },
      async (req) => setup.removeClosure(deps, req.actor, req.params.id, req.params.closureId),
    );

    app.post(
      '/api/v1/centers/:id/spaces',
      {
        schema: {
          tags,
          summary: `Add a space (hot-desk area, cabin, meeting or training room) and its seats${who('its owner, program admin')}`,
          params: IdParamSchema,
          body: schema.CreateSpaceInputSchema,
          response: { 201: schema.CenterSchema, ...writeProblems },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await setup.addSpace(deps, req.actor, req.params.id, req.body)),
    );

    app.post(
      '/api/v1/centers/:id/seats/:seatId/active',
      {
        schema: {
          tags,
          operationId: 'setSeatActive',
          summary: `Take a seat out of service or back in${who('its owner, program admin')}`,
          params: IdParamSchema.extend({ seatId: z.string().uuid() }),
          body: z.object({ active: z.boolean() }),
          response: { 200: schema.CenterSchema, ...writeProblems },
        },
      },
      async (req) => setup.setSeatActive(deps, req.actor, req.params.id, req.params.seatId, req.body.active),
    );
  };

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireUser } from '../../platform/actor.ts';
import { PurposeQuerySchema } from '../../platform/data-access.ts';
import { localDiskStore } from '../../platform/uploads/upload-store.ts';
import { IdParamSchema, problems } from '../../server/http.ts';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../calls/index.ts';
import { declareEarnings, earningsSummary, listMyEarnings } from './earnings.service.ts';
import * as schema from './freelancers.schema.ts';
import { getFreelancerProfile, updateFreelancerProfile } from './profile.service.ts';
import { statementRoutes } from './statement.routes.ts';

export const freelancersRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['freelancers'];
    await app.register(
      statementRoutes(deps, localDiskStore(deps.config.uploadDir, deps), DEFAULT_MAX_UPLOAD_BYTES),
    );

    app.get(
      '/api/v1/me/freelancer-profile',
      {
        schema: {
          tags,
          summary: 'My freelancer profile: skills, platforms, portfolio, home city',
          response: { 200: schema.FreelancerProfileSchema, ...problems(401, 404) },
        },
      },
      async (req) => {
        requireUser(req.actor);
        return getFreelancerProfile(deps, req.actor, req.actor.userId);
      },
    );

    app.put(
      '/api/v1/me/freelancer-profile',
      {
        schema: {
          tags,
          summary: 'Set my freelancer profile (freelancer)',
          body: schema.UpdateFreelancerProfileInputSchema,
          response: { 200: schema.FreelancerProfileSchema, ...problems(400, 401, 403) },
        },
      },
      async (req) => updateFreelancerProfile(deps, req.actor, req.body),
    );

    app.get(
      '/api/v1/freelancers/:id/profile',
      {
        schema: {
          tags,
          summary: 'A freelancer’s profile (the freelancer, programme admin, auditor)',
          params: IdParamSchema,
          querystring: PurposeQuerySchema,
          response: { 200: schema.FreelancerProfileSchema, ...problems(400, 401, 404) },
        },
      },
      async (req) => getFreelancerProfile(deps, req.actor, req.params.id, req.query.purpose),
    );

    app.get(
      '/api/v1/me/earnings',
      {
        schema: {
          tags,
          summary: 'My declared monthly earnings, newest first',
          response: { 200: z.array(schema.EarningsDeclarationSchema), ...problems(401) },
        },
      },
      async (req) => listMyEarnings(deps, req.actor),
    );

    app.put(
      '/api/v1/me/earnings/:month/:platform',
      {
        schema: {
          tags,
          summary: 'Declare (or correct) my USD earnings for a month on a platform (freelancer)',
          params: z.object({ month: schema.MonthSchema, platform: schema.PlatformSchema }),
          body: schema.DeclareEarningsInputSchema,
          response: { 200: schema.EarningsDeclarationSchema, ...problems(400, 401, 403) },
        },
      },
      async (req) => declareEarnings(deps, req.actor, { ...req.params, amountMinor: req.body.amountMinor }),
    );

    app.get(
      '/api/v1/earnings/summary',
      {
        schema: {
          tags,
          summary: 'Declared USD earnings by month and platform (public; aggregates only)',
          querystring: schema.EarningsSummaryQuerySchema,
          response: { 200: schema.EarningsSummarySchema, ...problems(400) },
        },
      },
      async (req) => earningsSummary(deps, req.query),
    );
  };

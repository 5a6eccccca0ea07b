import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { problems } from '../../server/http.ts';
import { unmetDemand } from './unmet-demand.ts';

export const UnmetDemandSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    total: z.number().int(),
    places: z.array(
      z.object({
        place: z.string().describe('d<district id>, or c<city id> where the bundled data has no district'),
        kind: z.enum(['district', 'city']),
        nameEn: z.string(),
        nameUr: z.string().nullable(),
        provinceCode: z.string(),
        latitude: z.number(),
        longitude: z.number(),
        searches: z.number().int(),
        peakHour: z.number().int().describe('The hour most often wanted (0–23, Asia/Karachi)'),
      }),
    ),
    provinces: z.array(z.object({ code: z.string(), searches: z.number().int() })),
  })
  .meta({ id: 'UnmetDemand' });

/** Public: where freelancers looked for a free seat and found none (web: /demand). */
export const unmetDemandRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/unmet-demand',
      {
        schema: {
          tags: ['bookings'],
          operationId: 'unmetDemand',
          summary:
            'Availability searches that found no centre with a free seat, by district (or city where no district is on file; public, anonymous counts)',
          querystring: z.object({ days: z.coerce.number().int().min(1).max(365).default(90) }),
          response: { 200: UnmetDemandSchema, ...problems(400) },
        },
      },
      async (req) => unmetDemand(deps.db, deps.clock.now(), req.query.days),
    );
  };

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { problems } from '../../server/http.ts';
import { int4IdParam } from '../../shared/int4.ts';
import * as schema from './geo.schema.ts';
import * as geo from './geo.service.ts';

export const geoRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['geography'];
    // Geography changes only with a release; let browsers and proxies keep it for a day.
    app.addHook('onSend', async (req, reply) => {
      if (req.method === 'GET' && reply.statusCode === 200)
        reply.header('cache-control', 'public, max-age=86400');
    });
    app.get(
      '/api/v1/geo/provinces',
      {
        schema: {
          tags,
          summary: 'Provinces and territories of Pakistan',
          response: { 200: z.array(schema.ProvinceSchema) },
        },
      },
      async () => geo.listProvinces(deps),
    );
    app.get(
      '/api/v1/geo/provinces/:code/districts',
      {
        schema: {
          tags,
          summary: 'Districts of a province (where the data has them)',
          params: z.object({ code: z.string().max(8) }),
          response: { 200: z.array(schema.DistrictSchema), ...problems(404) },
        },
      },
      async (req) => geo.listDistricts(deps, req.params.code),
    );
    app.get(
      '/api/v1/geo/cities',
      {
        schema: {
          tags,
          summary: 'Cities, filtered by province or name',
          querystring: schema.CityQuerySchema,
          response: { 200: z.array(schema.CitySchema), ...problems(400) },
        },
      },
      async (req) => geo.listCities(deps, req.query),
    );
    app.get(
      '/api/v1/geo/cities/:id',
      {
        schema: {
          tags,
          summary: 'One city',
          params: z.object({ id: int4IdParam() }),
          response: { 200: schema.CitySchema, ...problems(400, 404) },
        },
      },
      async (req) => geo.getCity(deps, req.params.id),
    );
    app.get(
      '/api/v1/geo/point',
      {
        schema: {
          tags,
          summary: 'Is a point inside Pakistan, and which city is nearest',
          querystring: schema.PointQuerySchema,
          response: { 200: schema.PointInfoSchema, ...problems(400) },
        },
      },
      async (req) => geo.describePoint(deps, req.query.lat, req.query.lng),
    );
  };

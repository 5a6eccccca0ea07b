import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Deps, forReads } from '../../deps.ts';
import { CSV_MEDIA_TYPE } from '../../platform/csv.ts';
import { IdParamSchema, mediaResponse, problems } from '../../server/http.ts';
import { type PublicRateLimit, publicRateLimit } from '../../server/public-rate-limit.ts';
import { currentFigures } from './figures.service.ts';
import { funnel } from './funnel.service.ts';
import { DATASETS, dataPackage, findDataset, toCsv } from './open-data.ts';
import { correctPromise, createPromise, listPromises } from './promise.service.ts';
import {
  PublicCentreDetailSchema,
  PublicCentreListSchema,
  PublicCentreQuerySchema,
} from './public-centres.schema.ts';
import { getPublicCentre, listPublicCentres } from './public-centres.service.ts';
import {
  allMonthlySeries,
  getSnapshot,
  listSnapshots,
  monthlySeries,
  verifySnapshots,
} from './snapshot.service.ts';
import * as schema from './transparency.schema.ts';

export const transparencyRoutes =
  (deps: Deps, publicLimit: PublicRateLimit = publicRateLimit(deps.clock)): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['transparency'];
    // The public read endpoints read from the replica when there is one (DATABASE_READ_URL).
    const reads = forReads(deps);
    // The public read API: no login, cached briefly by browsers and proxies, limited per address
    // in this process (no database write per page view; see memory-rate-limit.ts). The public
    // cache's early answer counts against the same limit (public-rate-limit.ts).
    app.addHook('onRequest', async (req) => {
      if (publicLimit.covers(req.url)) publicLimit.enforce(req);
    });
    app.addHook('onSend', async (req, reply) => {
      if (
        req.method === 'GET' &&
        reply.statusCode === 200 &&
        (req.url.startsWith('/api/v1/public/') || req.url.startsWith('/api/v1/open-data/'))
      ) {
        reply.header('cache-control', 'public, max-age=60');
        reply.header('access-control-allow-origin', '*');
      }
    });

    app.get(
      '/api/v1/public/figures',
      {
        schema: {
          tags,
          summary: 'Headline figures with definitions, units and as-of times',
          response: { 200: z.array(schema.FigureSchema), ...problems(429) },
        },
      },
      async () => currentFigures(reads),
    );
    app.get(
      '/api/v1/public/funnel',
      {
        schema: {
          tags,
          summary:
            'The application funnel with ageing: cases waiting at each step, median and 90th percentile days, late cases by reference',
          response: { 200: schema.FunnelSchema, ...problems(429) },
        },
      },
      async () => funnel(reads),
    );
    app.get(
      '/api/v1/public/promises',
      {
        schema: {
          tags,
          summary: 'The promise register beside delivery, with the status rule',
          response: { 200: schema.PromiseRegisterSchema, ...problems(429) },
        },
      },
      async () => listPromises(reads),
    );
    app.get(
      '/api/v1/public/series/:key',
      {
        schema: {
          tags,
          operationId: 'getPublicSeries',
          summary: 'Monthly series of a figure (from the daily snapshots)',
          params: z.object({ key: z.string().max(100) }),
          response: {
            200: z.array(z.object({ month: z.string(), total: z.number().int().nullable() })),
            ...problems(404, 429),
          },
        },
      },
      async (req) => monthlySeries(reads, req.params.key),
    );
    app.get(
      '/api/v1/public/centres',
      {
        schema: {
          tags,
          summary:
            'The public centre directory: operational centres with seats, prices, amenities, occupancy band and reported uptime (no personal data)',
          querystring: PublicCentreQuerySchema,
          response: { 200: PublicCentreListSchema, ...problems(400, 429) },
        },
      },
      async (req) => listPublicCentres(reads, req.query),
    );
    app.get(
      '/api/v1/public/centres/:id',
      {
        schema: {
          tags,
          summary: "An operational centre's public page (no personal data)",
          params: IdParamSchema,
          response: { 200: PublicCentreDetailSchema, ...problems(400, 404, 429) },
        },
      },
      async (req) => getPublicCentre(reads, req.params.id),
    );
    app.get(
      '/api/v1/public/series',
      {
        schema: {
          tags,
          summary: 'Monthly series of every figure at once (the last snapshot of each of the last 24 months)',
          response: { 200: schema.AllSeriesSchema, ...problems(429) },
        },
      },
      async () => allMonthlySeries(reads),
    );
    app.get(
      '/api/v1/public/snapshots',
      {
        schema: {
          tags,
          summary: 'Daily snapshots: day, hash, previous hash',
          response: { 200: z.array(schema.SnapshotSummarySchema), ...problems(429) },
        },
      },
      async () => listSnapshots(reads),
    );
    app.get(
      '/api/v1/public/snapshots/verify',
      {
        schema: {
          tags,
          summary: 'Recompute every snapshot hash on the server',
          response: { 200: schema.SnapshotVerifySchema, ...problems(429) },
        },
      },
      async () => verifySnapshots(reads),
    );
    app.get(
      '/api/v1/public/snapshots/:day',
      {
        schema: {
          tags,
          summary: "One day's snapshot with its content, to recompute its hash",
          params: z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD') }),
          response: { 200: schema.SnapshotSchema, ...problems(400, 404, 429) },
        },
      },
      async (req) => getSnapshot(reads, req.params.day),
    );

    app.get(
      '/api/v1/open-data/datapackage.json',
      {
        schema: {
          tags,
          operationId: 'getOpenDataPackage',
          summary: 'Frictionless Data package describing every dataset',
          response: { 200: z.looseObject({}).describe('A Frictionless Data package descriptor') },
        },
      },
      async () => dataPackage(),
    );
    app.get(
      '/api/v1/open-data/:file',
      {
        schema: {
          tags,
          summary: `A dataset as CSV or JSON: ${DATASETS.map((d) => d.name).join(', ')} (append .csv or .json)`,
          params: z.object({
            file: z.string().regex(/^[a-z-]+\.(csv|json)$/, 'must be <dataset>.csv or <dataset>.json'),
          }),
          querystring: z.object({
            key: z.string().max(100).optional().describe('monthly-series only: one figure'),
          }),
          response: {
            200: mediaResponse('The dataset: CSV for .csv, a JSON array of rows for .json', {
              'text/csv': 'text',
              'application/json': z.array(z.record(z.string(), z.unknown())),
            }),
            ...problems(400, 404, 429),
          },
        },
      },
      async (req, reply) => {
        const [name, ext] = req.params.file.split('.') as [string, 'csv' | 'json'];
        const dataset = findDataset(name);
        const rows = await dataset.rows(reads, { key: req.query.key });
        if (ext === 'json') return reply.type('application/json').serializer(JSON.stringify).send(rows);
        return reply
          .type(CSV_MEDIA_TYPE)
          .header('content-disposition', `attachment; filename="markaz-${name}.csv"`)
          .serializer((s: unknown) => String(s))
          .send(toCsv(dataset, rows));
      },
    );

    app.post(
      '/api/v1/promises',
      {
        schema: {
          tags,
          summary: 'Record an announcement in the promise register (admin)',
          body: schema.CreatePromiseInputSchema,
          response: { 201: schema.PromiseSchema, ...problems(400, 401, 403) },
        },
      },
      async (req, reply) => reply.code(201).send(await createPromise(deps, req.actor, req.body)),
    );
    app.post(
      '/api/v1/promises/:id/correct',
      {
        schema: {
          tags,
          summary:
            'Correct a promise: records a new entry saying what changed and why; the old one stays, marked superseded (admin)',
          params: IdParamSchema,
          body: schema.CorrectPromiseInputSchema,
          response: { 201: schema.PromiseSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await correctPromise(deps, req.actor, req.params.id, req.body)),
    );
  };

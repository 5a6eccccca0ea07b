import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { IdParamSchema, problems } from '../../server/http.ts';
import * as schema from './personal-data.schema.ts';
import * as pd from './personal-data.ts';

/** Who looked at whose personal data: reveals with a purpose, the person's view, the auditor's search. */
export const personalDataRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['identity'];

    app.post(
      '/api/v1/users/:id/reveal',
      {
        schema: {
          tags,
          operationId: 'revealUser',
          summary:
            'Show a person’s CNIC, mobile or email in full, with a purpose; the look goes on their record (admin, auditor)',
          params: IdParamSchema,
          body: schema.RevealInputSchema,
          response: { 200: schema.RevealedSchema, ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => pd.revealUser(deps, req.actor, req.params.id, req.body),
    );

    app.get(
      '/api/v1/me/data-access',
      {
        schema: {
          tags,
          operationId: 'myDataAccess',
          summary: 'Who looked at my personal data, why and when, newest first',
          querystring: schema.MyDataAccessQuerySchema,
          response: { 200: schema.DataAccessListSchema, ...problems(400, 401) },
        },
      },
      async (req) => pd.myDataAccess(deps, req.actor, req.query),
    );

    app.get(
      '/api/v1/data-access',
      {
        schema: {
          tags,
          operationId: 'searchDataAccess',
          summary: 'Every look at personal data, by reader, person and date (auditor)',
          querystring: schema.DataAccessQuerySchema,
          response: { 200: schema.DataAccessListSchema, ...problems(400, 401, 403) },
        },
      },
      async (req) => pd.searchDataAccess(deps, req.actor, req.query),
    );

    app.get(
      '/api/v1/data-access/alerts',
      {
        schema: {
          tags,
          operationId: 'dataAccessAlerts',
          summary: 'Hours in which one reader looked at unusually many people (auditor)',
          response: { 200: schema.DataAccessAlertListSchema, ...problems(401, 403) },
        },
      },
      async (req) => pd.dataAccessAlerts(deps, req.actor),
    );

    app.post(
      '/api/v1/data-access/alerts/:id/review',
      {
        schema: {
          tags,
          operationId: 'reviewDataAccessAlert',
          summary: 'Close an alert with what the auditor found (auditor)',
          params: IdParamSchema,
          body: schema.AlertReviewInputSchema,
          response: {
            200: z.object({ id: z.string(), reviewedAt: z.string() }),
            ...problems(400, 401, 403, 404, 409),
          },
        },
      },
      async (req) => pd.reviewDataAccessAlert(deps, req.actor, req.params.id, req.body.note),
    );
  };

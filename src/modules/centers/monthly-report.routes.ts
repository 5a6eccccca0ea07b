import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { IdParamSchema, problems } from '../../server/http.ts';
import * as schema from './monthly-report.schema.ts';
import { listMonthlyReports, missingMonthlyReports, submitMonthlyReport } from './monthly-report.service.ts';

export const monthlyReportRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['centres'];

    app.put(
      '/api/v1/centers/:id/reports/:month',
      {
        schema: {
          tags,
          summary:
            'Submit or correct the monthly report: internet and power uptime, trainer activity (its owner)',
          params: IdParamSchema.extend({ month: schema.ReportMonthSchema }),
          body: schema.MonthlyReportInputSchema,
          response: { 200: schema.MonthlyReportSchema, ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => submitMonthlyReport(deps, req.actor, req.params.id, req.params.month, req.body),
    );

    app.get(
      '/api/v1/centers/:id/reports',
      {
        schema: {
          tags,
          summary: 'A centre’s monthly reports, newest first (its owner, staff)',
          params: IdParamSchema,
          response: { 200: z.array(schema.MonthlyReportSchema), ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => listMonthlyReports(deps, req.actor, req.params.id),
    );

    app.get(
      '/api/v1/center-reports/missing',
      {
        schema: {
          tags,
          operationId: 'listMissingCenterReports',
          summary:
            'Operational centres that have not reported on a month; default the last one (admin, auditor)',
          querystring: z.object({ month: schema.ReportMonthSchema.optional() }),
          response: {
            200: z
              .object({ month: z.string(), centers: z.array(schema.MissingReportSchema) })
              .meta({ id: 'MissingMonthlyReports' }),
            ...problems(400, 401, 403),
          },
        },
      },
      async (req) => missingMonthlyReports(deps, req.actor, req.query.month),
    );
  };

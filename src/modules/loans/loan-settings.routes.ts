import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { problems } from '../../server/http.ts';
import { LoanSettingsSchema, UpdateLoanSettingsInputSchema } from './loan-settings.schema.ts';
import { getLoanSettings, updateLoanSettings } from './loan-settings.service.ts';

/** The programme's loan rules: read by everyone who works with loans, changed by the admin. */
export const loanSettingsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['loans'];
    app.get(
      '/api/v1/loans/settings',
      {
        schema: {
          tags,
          summary:
            'The programme’s loan rules: schedule unit and rounding, loss, overpayment, claim deadline, repayment limit',
          response: { 200: LoanSettingsSchema, ...problems(401, 403) },
        },
      },
      async (req) => getLoanSettings(deps, req.actor),
    );
    app.patch(
      '/api/v1/loans/settings',
      {
        schema: {
          tags,
          summary: 'Change one or more loan rules (admin); each change is audited',
          body: UpdateLoanSettingsInputSchema,
          response: { 200: LoanSettingsSchema, ...problems(400, 401, 403) },
        },
      },
      async (req) => updateLoanSettings(deps, req.actor, req.body),
    );
  };

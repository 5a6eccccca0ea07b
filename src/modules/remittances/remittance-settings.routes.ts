import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { problems } from '../../server/http.ts';
import {
  getRemittanceSettings,
  RemittanceSettingsSchema,
  UpdateRemittanceSettingsInputSchema,
  updateRemittanceSettings,
} from './remittance-settings.service.ts';

type App = Parameters<FastifyPluginAsyncZod>[0];

/** The remittance settings staff read and the programme's admin sets: the dispute reminder period. */
export function remittanceSettingsRoutes(app: App, deps: Deps): void {
  const tags = ['remittances'];
  app.get(
    '/api/v1/remittances/settings',
    {
      schema: {
        tags,
        summary: 'The remittance settings: the dispute reminder period (programme staff, auditor)',
        response: { 200: RemittanceSettingsSchema, ...problems(401, 403) },
      },
    },
    async (req) => getRemittanceSettings(deps, req.actor),
  );
  app.put(
    '/api/v1/remittances/settings',
    {
      schema: {
        tags,
        summary: 'Set the days a bank may leave a dispute unanswered before it is reminded (programme admin)',
        body: UpdateRemittanceSettingsInputSchema,
        response: { 200: RemittanceSettingsSchema, ...problems(400, 401, 403) },
      },
    },
    async (req) => updateRemittanceSettings(deps, req.actor, req.body),
  );
}

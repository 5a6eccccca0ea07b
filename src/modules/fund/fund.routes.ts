import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { fileResponse, IdParamSchema, problems } from '../../server/http.ts';
import * as schema from './fund.schema.ts';
import { fundGrantRoutes } from './fund-grants.routes.ts';
import {
  listInvestors,
  listStartups,
  registerInvestor,
  registerStartup,
  verifyInvestor,
} from './parties.service.ts';
import { fundOpenData, PublicFundSchema, publicFund } from './public.service.ts';
import {
  addFxRate,
  addRuleSet,
  listBudgets,
  listFxRates,
  listRuleSets,
  setBudget,
} from './settings.service.ts';

/** The fund's parties, its settings (rules, rates, budgets), the public page and open data. Grants and JVs: fund-grants.routes.ts. */
export const fundRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['fund'];
    await app.register(fundGrantRoutes(deps));

    app.get(
      '/api/v1/fund/investors',
      {
        schema: {
          tags,
          summary: 'The investor registry (signed in)',
          response: { 200: z.array(schema.InvestorSchema), ...problems(401) },
        },
      },
      async (req) => listInvestors(deps, req.actor),
    );
    app.post(
      '/api/v1/fund/investors',
      {
        schema: {
          tags,
          summary: 'Register an investor, to be verified by staff (signed in)',
          body: schema.InvestorInputSchema,
          response: { 201: schema.InvestorSchema, ...problems(400, 401, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(await registerInvestor(deps, req.actor, req.body)),
    );
    app.post(
      '/api/v1/fund/investors/:id/verification',
      {
        schema: {
          tags,
          summary: 'Verify or refuse an investor (program admin)',
          params: IdParamSchema,
          body: schema.VerifyInvestorInputSchema,
          response: { 200: schema.InvestorSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => verifyInvestor(deps, req.actor, req.params.id, req.body),
    );

    app.get(
      '/api/v1/fund/startups',
      {
        schema: {
          tags,
          summary: 'My startups, or every one with ?scope=all (staff, auditors, committee without founders)',
          querystring: z.object({ scope: z.enum(['mine', 'all']).default('mine') }),
          response: { 200: z.array(schema.StartupSchema), ...problems(400, 401, 403) },
        },
      },
      async (req) => listStartups(deps, req.actor, req.query.scope),
    );
    app.post(
      '/api/v1/fund/startups',
      {
        schema: {
          tags,
          summary: 'Register a startup as its founder (freelancer or owner account)',
          body: schema.StartupInputSchema,
          response: { 201: schema.StartupSchema, ...problems(400, 401, 403, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(await registerStartup(deps, req.actor, req.body)),
    );

    app.get(
      '/api/v1/fund/rules',
      {
        schema: {
          tags,
          summary: 'The eligibility rules by effective date (public)',
          response: { 200: z.array(schema.RuleSetSchema) },
        },
      },
      async () => listRuleSets(deps),
    );
    app.post(
      '/api/v1/fund/rules',
      {
        schema: {
          tags,
          summary: 'Publish rules from a day on; earlier applications keep theirs (program admin)',
          body: schema.RuleSetInputSchema,
          response: { 201: schema.RuleSetSchema, ...problems(400, 401, 403) },
        },
      },
      async (req, reply) => reply.code(201).send(await addRuleSet(deps, req.actor, req.body)),
    );
    app.get(
      '/api/v1/fund/fx-rates',
      {
        schema: {
          tags,
          summary: 'USD exchange rates by date, with their source (public)',
          response: { 200: z.array(schema.FxRateSchema) },
        },
      },
      async () => listFxRates(deps),
    );
    app.post(
      '/api/v1/fund/fx-rates',
      {
        schema: {
          tags,
          summary: 'Enter the day’s USD rate and its source (program admin)',
          body: schema.FxRateInputSchema,
          response: { 201: schema.FxRateSchema, ...problems(400, 401, 403) },
        },
      },
      async (req, reply) => reply.code(201).send(await addFxRate(deps, req.actor, req.body)),
    );
    app.get(
      '/api/v1/fund/budgets',
      {
        schema: {
          tags,
          summary: 'The envelope by fiscal year: committed, disbursed, left (public)',
          response: { 200: z.array(schema.BudgetSchema) },
        },
      },
      async () => listBudgets(deps),
    );
    app.put(
      '/api/v1/fund/budgets',
      {
        schema: {
          tags,
          summary: 'Set a fiscal year’s envelope (program admin)',
          body: schema.BudgetInputSchema,
          response: { 200: schema.BudgetSchema, ...problems(400, 401, 403) },
        },
      },
      async (req) => setBudget(deps, req.actor, req.body),
    );

    app.get(
      '/api/v1/public/fund',
      {
        schema: {
          tags,
          summary: 'The fund’s promise against delivery: every grant and joint-venture commitment (public)',
          response: { 200: PublicFundSchema },
        },
      },
      async () => publicFund(deps),
    );
    for (const dataset of ['grants', 'joint-ventures'] as const) {
      app.get(
        `/api/v1/open-data/fund-${dataset}.csv`,
        {
          schema: {
            tags,
            summary: `Open data: the fund's ${dataset === 'grants' ? 'grants' : 'joint-venture commitments and movements'}, CSV`,
            response: { 200: fileResponse('RFC 4180 CSV', ['text/csv']) },
          },
        },
        async (_req, reply) =>
          reply
            .type('text/csv; charset=utf-8; header=present')
            .send(await fundOpenData(deps, dataset, 'csv')),
      );
      app.get(
        `/api/v1/open-data/fund-${dataset}.json`,
        {
          schema: {
            tags,
            summary: `Open data: the fund's ${dataset === 'grants' ? 'grants' : 'joint-venture commitments and movements'}, JSON`,
            response: {
              200:
                dataset === 'grants'
                  ? z.array(PublicFundSchema.shape.grants.element)
                  : z.array(PublicFundSchema.shape.jointVentures.element),
            },
          },
        },
        // The JSON carries the same rows as the CSV, typed by the dataset's schema above.
        async () => (await fundOpenData(deps, dataset, 'json')) as never,
      );
    }
  };

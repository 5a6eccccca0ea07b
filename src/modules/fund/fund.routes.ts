import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { IdParamSchema, problems } from '../../server/http.ts';
import * as schema from './fund.schema.ts';
import { fundFileRoutes } from './fund-files.routes.ts';
import { fundGrantRoutes } from './fund-grants.routes.ts';
import {
  listInvestors,
  listStartups,
  registerInvestor,
  registerStartup,
  revealFounders,
  verifyInvestor,
} from './parties.service.ts';
import { PublicFundSchema, publicFund } from './public.service.ts';
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
    await app.register(fundFileRoutes(deps));

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
    app.post(
      '/api/v1/fund/startups/:id/founders/reveal',
      {
        schema: {
          tags,
          summary:
            'Show a startup’s founders with their CNICs in full, with a purpose; the look goes on the founder’s record (staff, auditors)',
          params: IdParamSchema,
          body: schema.RevealFoundersInputSchema,
          response: { 200: schema.RevealedFoundersSchema, ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => revealFounders(deps, req.actor, req.params.id, req.body),
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
    // The fund's open data (fund-grants, fund-joint-ventures) is served with every other dataset
    // and described in the Frictionless package: src/modules/transparency/open-data.fund.ts.
  };

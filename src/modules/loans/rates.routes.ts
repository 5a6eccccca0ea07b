import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { IdParamSchema, problems } from '../../server/http.ts';
import { karachiDate } from '../../shared/time.ts';
import { listPartnerBanks, registerBank } from './banks.service.ts';
import * as schema from './loans.schema.ts';
import {
  listRestatements,
  RateRestatementSchema,
  RestateBenchmarkRateInputSchema,
  restateBenchmarkRate,
} from './rate-restatement.service.ts';
import * as rates from './rates.service.ts';

/** Partner banks' terms: benchmark rates and spreads, effective-dated (admin enters them). */
export const rateRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['loans'];

    app.get(
      '/api/v1/loans/banks',
      {
        schema: {
          tags,
          summary: 'Partner banks an owner may borrow from, with the terms in force today',
          response: { 200: z.array(schema.PartnerBankSchema), ...problems(401, 403) },
        },
      },
      async (req) => listPartnerBanks(deps, req.actor, karachiDate(deps.clock.now())),
    );

    app.post(
      '/api/v1/loans/banks',
      {
        schema: {
          tags,
          summary: 'Register a partner bank with its benchmark and spread from a date (admin)',
          body: schema.RegisterBankInputSchema,
          response: { 201: schema.PartnerBankSchema, ...problems(400, 401, 403, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(await registerBank(deps, req.actor, req.body)),
    );

    app.get(
      '/api/v1/loans/benchmark-rates',
      {
        schema: {
          tags,
          summary: 'Benchmark rates, newest first per benchmark (admin, auditor, banks)',
          response: { 200: z.array(schema.BenchmarkRateSchema), ...problems(401, 403) },
        },
      },
      async (req) => rates.listBenchmarkRates(deps, req.actor),
    );

    app.post(
      '/api/v1/loans/benchmark-rates',
      {
        schema: {
          tags,
          summary: 'Enter a benchmark rate from a date, with its source (admin); nothing is fetched',
          body: schema.CreateBenchmarkRateInputSchema,
          response: { 201: schema.BenchmarkRateSchema, ...problems(400, 401, 403, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(await rates.createBenchmarkRate(deps, req.actor, req.body)),
    );

    app.get(
      '/api/v1/loans/bank-spreads',
      {
        schema: {
          tags,
          summary: 'Banks’ spreads over their benchmark (admin, auditor; a bank sees its own)',
          response: { 200: z.array(schema.BankSpreadSchema), ...problems(401, 403) },
        },
      },
      async (req) => rates.listBankSpreads(deps, req.actor),
    );

    app.post(
      '/api/v1/loans/bank-spreads',
      {
        schema: {
          tags,
          summary: 'Register a bank’s benchmark and spread from a date (admin)',
          body: schema.CreateBankSpreadInputSchema,
          response: { 201: schema.BankSpreadSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(await rates.createBankSpread(deps, req.actor, req.body)),
    );

    app.post(
      '/api/v1/loans/benchmark-rates/:id/restatements',
      {
        schema: {
          tags,
          summary:
            'Correct a published fixing after the fact (admin): every loan priced on it is recomputed from its date and adjusted on the bank’s next claim',
          params: IdParamSchema,
          body: RestateBenchmarkRateInputSchema,
          response: { 201: RateRestatementSchema, ...problems(400, 401, 403, 404) },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await restateBenchmarkRate(deps, req.actor, req.params.id, req.body)),
    );

    app.get(
      '/api/v1/loans/benchmark-rate-restatements',
      {
        schema: {
          tags,
          summary: 'Restated benchmark fixings, newest first, with the loans recomputed',
          response: { 200: z.array(RateRestatementSchema), ...problems(401, 403) },
        },
      },
      async (req) => listRestatements(deps, req.actor),
    );
  };

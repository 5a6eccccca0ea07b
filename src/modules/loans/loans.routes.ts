import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { CSV_MEDIA_TYPE } from '../../platform/csv.ts';
import { fileResponse, IdParamSchema, problems } from '../../server/http.ts';
import { idempotencyKeyOf, withIdempotency } from '../../server/idempotency.ts';
import { karachiDate } from '../../shared/time.ts';
import { disburseLoan } from './disbursement.service.ts';
import { getLoan, listLoans, sanctionPreview } from './loan-read.service.ts';
import { declineLoan, requestLoan, sanctionLoan } from './loan-request.service.ts';
import * as schema from './loans.schema.ts';
import { PortfolioSchema, portfolio } from './portfolio.service.ts';
import { postRepayment } from './repayment.service.ts';
import { scheduleCsv } from './schedule-csv.ts';

const idempotencyHeader = z.object({ 'idempotency-key': z.string().max(255).optional() });

/** Loans: requests, sanction, tranches, repayments; the schedule preview. */
export const loanRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['loans'];

    app.post(
      '/api/v1/loans/schedule-preview',
      {
        schema: {
          tags,
          summary: 'Preview a repayment schedule before sanction (public; nothing is stored)',
          body: schema.SchedulePreviewInputSchema,
          response: { 200: schema.SchedulePreviewSchema, ...problems(400) },
        },
      },
      async (req) => sanctionPreview(deps.db, req.body, karachiDate(deps.clock.now())),
    );

    app.post(
      '/api/v1/loans',
      {
        schema: {
          tags,
          summary: 'Request a loan from a partner bank for a shortlisted application (its owner)',
          body: schema.RequestLoanInputSchema,
          response: { 201: schema.LoanSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(await requestLoan(deps, req.actor, req.body)),
    );

    app.get(
      '/api/v1/loans',
      {
        schema: {
          tags,
          summary: 'Loans: an owner’s own, a bank’s portfolio, or all (admin, auditor)',
          querystring: schema.LoanListQuerySchema,
          response: { 200: z.array(schema.LoanSummarySchema), ...problems(400, 401, 403) },
        },
      },
      async (req) => listLoans(deps, req.actor, req.query),
    );

    app.get(
      '/api/v1/loans/portfolio',
      {
        schema: {
          tags,
          summary:
            'Outstanding, arrears buckets, PAR30/60/90 and subsidy accrued by bank, province and programme (a bank: its own)',
          response: { 200: PortfolioSchema, ...problems(401, 403) },
        },
      },
      async (req) => portfolio(deps, req.actor),
    );

    app.get(
      '/api/v1/loans/:id',
      {
        schema: {
          tags,
          summary: 'One loan with its schedule, tranches and repayments (owner, its bank, admin, auditor)',
          params: IdParamSchema,
          response: { 200: schema.LoanSchema, ...problems(401, 403, 404) },
        },
      },
      async (req) => getLoan(deps, req.actor, req.params.id),
    );

    app.get(
      '/api/v1/loans/:id/schedule.csv',
      {
        schema: {
          tags,
          summary: 'A loan’s schedule as CSV, amounts in rupees (owner, its bank, admin, auditor)',
          params: IdParamSchema,
          response: { 200: fileResponse('The schedule', ['text/csv']), ...problems(401, 403, 404) },
        },
      },
      async (req, reply) => {
        const loan = await getLoan(deps, req.actor, req.params.id);
        return reply
          .type(CSV_MEDIA_TYPE)
          .header(
            'content-disposition',
            `attachment; filename="loan-${loan.applicationReference}-schedule.csv"`,
          )
          .send(scheduleCsv(loan));
      },
    );

    app.post(
      '/api/v1/loans/:id/sanction',
      {
        schema: {
          tags,
          summary:
            'Sanction a loan request (its bank): amount, tenor, grace inside it, repayment day, first date',
          params: IdParamSchema,
          body: schema.SanctionLoanInputSchema,
          response: { 200: schema.LoanSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => sanctionLoan(deps, req.actor, req.params.id, req.body),
    );

    app.post(
      '/api/v1/loans/:id/decline',
      {
        schema: {
          tags,
          summary: 'Decline a loan request with a reason (its bank)',
          params: IdParamSchema,
          body: schema.DeclineLoanInputSchema,
          response: { 200: schema.LoanSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => declineLoan(deps, req.actor, req.params.id, req.body.reason),
    );

    app.post(
      '/api/v1/loans/:id/disbursements',
      {
        schema: {
          tags,
          summary: 'Record a tranche (its bank); the schedule is generated again. Idempotency-Key required',
          params: IdParamSchema,
          headers: idempotencyHeader,
          body: schema.DisburseInputSchema,
          response: { 201: schema.LoanSchema, ...problems(400, 401, 403, 404, 409, 422) },
        },
      },
      async (req, reply) => {
        const result = await withIdempotency(
          deps,
          {
            actor: req.actor,
            operation: `loan.disburse:${req.params.id}`,
            key: idempotencyKeyOf(req.headers),
            request: req.body,
            required: true,
          },
          async (db) => ({
            status: 201,
            body: await disburseLoan({ ...deps, db }, req.actor, req.params.id, req.body),
          }),
        );
        if (result.replayed) reply.header('idempotent-replayed', 'true');
        return reply.code(201).send(result.body);
      },
    );

    app.post(
      '/api/v1/loans/:id/repayments',
      {
        schema: {
          tags,
          summary:
            'Post a repayment (its bank): oldest overdue first, then current, extra off the last. Idempotency-Key required',
          params: IdParamSchema,
          headers: idempotencyHeader,
          body: schema.RepayInputSchema,
          response: { 201: schema.LoanSchema, ...problems(400, 401, 403, 404, 409, 422) },
        },
      },
      async (req, reply) => {
        const result = await withIdempotency(
          deps,
          {
            actor: req.actor,
            operation: `loan.repay:${req.params.id}`,
            key: idempotencyKeyOf(req.headers),
            request: req.body,
            required: true,
          },
          async (db) => ({
            status: 201,
            body: await postRepayment({ ...deps, db }, req.actor, req.params.id, req.body),
          }),
        );
        if (result.replayed) reply.header('idempotent-replayed', 'true');
        return reply.code(201).send(result.body);
      },
    );
  };

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { IdParamSchema, problems } from '../../server/http.ts';
import { decideLoanAction, listPendingActions, requestLoanAction } from './loan-actions.service.ts';
import { LoanSchema } from './loans.schema.ts';

const reason = z.string().trim().min(5, 'must say why (at least 5 characters)').max(2000);
const LoanActionSchema = z
  .object({
    id: z.string().uuid(),
    loanId: z.string().uuid(),
    kind: z.enum(['write_off', 'reschedule']),
    status: z.enum(['requested', 'approved', 'rejected']),
    reason: z.string(),
    tenorMonths: z.number().int().nullable(),
    firstRepaymentDate: z.string().nullable(),
    repaymentDay: z.number().int().nullable(),
    amountMinor: z.number().int().nullable(),
    decisionNote: z.string().nullable(),
    requestedAt: z.string(),
  })
  .meta({ id: 'LoanAction' });
const RescheduleInputSchema = z
  .object({
    tenorMonths: z.number().int().min(1).max(240).describe('Monthly instalments in the new schedule'),
    firstRepaymentDate: z.iso.date({ message: 'must be a date, YYYY-MM-DD' }),
    repaymentDay: z.number().int().min(1).max(31),
    reason,
  })
  .meta({ id: 'RescheduleInput' });
const WriteOffInputSchema = z.object({ reason }).meta({ id: 'WriteOffInput' });
const DecideActionInputSchema = z
  .object({ approve: z.boolean(), note: z.string().trim().max(2000).default('') })
  .meta({ id: 'DecideLoanActionInput' });

/** Write-offs and reschedules: the bank asks, the programme decides. */
export const loanActionRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['loans'];
    app.post(
      '/api/v1/loans/:id/write-off',
      {
        schema: {
          tags,
          summary: 'Ask to write off a loan’s outstanding principal (its bank); the admin decides',
          params: IdParamSchema,
          body: WriteOffInputSchema,
          response: { 201: LoanActionSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(await requestLoanAction(deps, req.actor, req.params.id, { kind: 'write_off', ...req.body })),
    );
    app.post(
      '/api/v1/loans/:id/reschedule',
      {
        schema: {
          tags,
          summary: 'Ask to reschedule the outstanding principal from a date (its bank); the admin decides',
          params: IdParamSchema,
          body: RescheduleInputSchema,
          response: { 201: LoanActionSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(await requestLoanAction(deps, req.actor, req.params.id, { kind: 'reschedule', ...req.body })),
    );
    app.get(
      '/api/v1/loans/actions',
      {
        schema: {
          tags,
          summary: 'Write-offs and reschedules waiting for a decision (admin, auditor; a bank its own)',
          response: { 200: z.array(LoanActionSchema), ...problems(401, 403) },
        },
      },
      async (req) => listPendingActions(deps, req.actor),
    );
    app.post(
      '/api/v1/loans/actions/:id/decision',
      {
        schema: {
          tags,
          summary: 'Approve or reject a write-off or reschedule (admin)',
          params: IdParamSchema,
          body: DecideActionInputSchema,
          response: { 200: LoanSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => decideLoanAction(deps, req.actor, req.params.id, req.body),
    );
  };

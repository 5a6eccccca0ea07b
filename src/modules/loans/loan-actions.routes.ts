import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { IdParamSchema, problems } from '../../server/http.ts';
import {
  decideLoanAction,
  listPendingActions,
  loanActionHistory,
  previewReschedule,
  requestLoanAction,
} from './loan-actions.service.ts';
import { LoanSchema, SchedulePreviewSchema } from './loans.schema.ts';
import {
  listRecoveries,
  RecoveryInputSchema,
  RecoverySchema,
  recordRecovery,
  requestWriteOffReversal,
} from './write-off-reversal.service.ts';

const reason = z.string().trim().min(5, 'must say why (at least 5 characters)').max(2000);
const ScheduleVersionLineSchema = z
  .object({
    number: z.number().int(),
    dueDate: z.string(),
    principalMinor: z.number().int(),
    paidMinor: z.number().int(),
  })
  .meta({ id: 'ScheduleVersionLine' });
const LoanActionSchema = z
  .object({
    id: z.string().uuid(),
    loanId: z.string().uuid(),
    applicationReference: z.string(),
    bankCode: z.string(),
    kind: z.enum(['write_off', 'reschedule', 'write_off_reversal']),
    status: z.enum(['requested', 'approved', 'rejected']),
    reason: z.string(),
    tenorMonths: z.number().int().nullable(),
    firstRepaymentDate: z.string().nullable(),
    repaymentDay: z.number().int().nullable(),
    amountMinor: z.number().int().nullable(),
    outstandingMinor: z.number().int().describe('The loan’s outstanding principal now'),
    decisionNote: z.string().nullable(),
    requestedAt: z.string(),
    requestedBy: z.string().nullable().describe('The bank officer’s name, or the bank’s API key'),
    decidedAt: z.string().nullable(),
    decidedBy: z.string().nullable(),
    previousSchedule: z
      .array(ScheduleVersionLineSchema)
      .nullable()
      .describe('Once approved: the schedule as it stood just before'),
  })
  .meta({ id: 'LoanAction' });
const rescheduleTerms = {
  tenorMonths: z.number().int().min(1).max(240).describe('Monthly instalments in the new schedule'),
  firstRepaymentDate: z.iso.date({ message: 'must be a date, YYYY-MM-DD' }),
  repaymentDay: z.number().int().min(1).max(31),
};
const RescheduleInputSchema = z.object({ ...rescheduleTerms, reason }).meta({ id: 'RescheduleInput' });
const ReschedulePreviewInputSchema = z.object(rescheduleTerms).meta({ id: 'ReschedulePreviewInput' });
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
      '/api/v1/loans/:id/write-off-reversal',
      {
        schema: {
          tags,
          summary: 'Ask to undo a write-off made in error (its bank); the admin decides (maker–checker)',
          params: IdParamSchema,
          body: WriteOffInputSchema,
          response: { 201: LoanActionSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await requestWriteOffReversal(deps, req.actor, req.params.id, req.body)),
    );
    app.post(
      '/api/v1/loans/:id/recoveries',
      {
        schema: {
          tags,
          summary: 'Record money recovered on a written-off loan (its bank); the loan stays written off',
          params: IdParamSchema,
          body: RecoveryInputSchema,
          response: { 201: RecoverySchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await recordRecovery(deps, req.actor, req.params.id, req.body)),
    );
    app.get(
      '/api/v1/loans/:id/recoveries',
      {
        schema: {
          tags,
          summary: 'Money recovered on a written-off loan (its bank, the owner, programme staff)',
          params: IdParamSchema,
          response: { 200: z.array(RecoverySchema), ...problems(401, 403, 404) },
        },
      },
      async (req) => listRecoveries(deps, req.actor, req.params.id),
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
    app.post(
      '/api/v1/loans/:id/reschedule-preview',
      {
        schema: {
          tags,
          summary: 'The schedule a reschedule would give the outstanding principal (nothing is stored)',
          params: IdParamSchema,
          body: ReschedulePreviewInputSchema,
          response: { 200: SchedulePreviewSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => previewReschedule(deps, req.actor, req.params.id, req.body),
    );
    app.get(
      '/api/v1/loans/:id/actions',
      {
        schema: {
          tags,
          summary: 'A loan’s reschedules and write-offs, newest first, with the schedules they replaced',
          params: IdParamSchema,
          response: { 200: z.array(LoanActionSchema), ...problems(401, 403, 404) },
        },
      },
      async (req) => loanActionHistory(deps, req.actor, req.params.id),
    );
    app.get(
      '/api/v1/loans/actions',
      {
        schema: {
          tags,
          operationId: 'listPendingLoanActions',
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
          summary: 'Approve or reject a write-off or reschedule (admin; a rejection says why)',
          params: IdParamSchema,
          body: DecideActionInputSchema,
          response: { 200: LoanSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => decideLoanAction(deps, req.actor, req.params.id, req.body),
    );
  };

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { CSV_MEDIA_TYPE } from '../../platform/csv.ts';
import { fileResponse, IdParamSchema, problems } from '../../server/http.ts';
import { IsoDateSchema } from '../centers/index.ts';
import { annulCompletion } from './annul.service.ts';
import {
  attendanceToken,
  checkInToSession,
  correctAttendance,
  finishCohort,
  getCompletion,
  recordAssessment,
} from './attendance.service.ts';
import { updateSession } from './cohort.service.ts';
import {
  assignTrainer,
  clawbackStipend,
  listAssignments,
  listStipends,
  runStipends,
  setStipendRate,
} from './stipend.service.ts';
import { stipendPaymentFile } from './stipend-file.ts';
import { searchTrainers } from './trainers.service.ts';
import * as schema from './training.schema.ts';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');

/** Sessions, attendance, assessments, trainers and stipends. */
export const trainingOpsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['training'];

    app.post(
      '/api/v1/training/sessions/:id/:action',
      {
        schema: {
          tags,
          operationId: 'updateTrainingSession',
          summary:
            'Mark a session held, cancel it (its room is given back) or close its attendance (trainer, staff)',
          params: IdParamSchema.extend({ action: z.enum(['held', 'cancelled', 'close_attendance']) }),
          response: {
            200: z
              .object({ id: z.string().uuid(), status: z.enum(['scheduled', 'held', 'cancelled']) })
              .meta({ id: 'SessionStatus' }),
            ...problems(400, 401, 403, 404, 409),
          },
        },
      },
      async (req) => updateSession(deps, req.actor, req.params.id, req.params.action),
    );
    app.get(
      '/api/v1/training/enrolments/:id/check-in-token',
      {
        schema: {
          tags,
          summary: 'My rotating check-in code for the session, shown as a QR code (the trainee)',
          params: IdParamSchema,
          response: {
            200: z
              .object({ token: z.string(), stepSeconds: z.number().int(), expiresAt: z.string() })
              .meta({ id: 'TrainingCheckInToken' }),
            ...problems(400, 401, 403, 404, 409),
          },
        },
      },
      async (req) => attendanceToken(deps, req.actor, req.params.id),
    );
    const Attendance = z
      .object({ sessionId: z.string().uuid(), enrolmentId: z.string().uuid(), present: z.boolean() })
      .meta({ id: 'AttendanceMark' });
    app.post(
      '/api/v1/training/sessions/:id/check-ins',
      {
        schema: {
          tags,
          summary: 'Scan a trainee’s code at the session (trainer, staff)',
          params: IdParamSchema,
          body: z.object({ token: z.string().min(1).max(200) }),
          response: { 200: Attendance, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => checkInToSession(deps, req.actor, req.params.id, req.body.token),
    );
    app.post(
      '/api/v1/training/sessions/:id/attendance',
      {
        schema: {
          tags,
          summary: 'Correct a trainee’s attendance, with a reason (audited) (trainer, staff)',
          params: IdParamSchema,
          body: schema.AttendanceCorrectionSchema,
          response: { 200: Attendance, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => correctAttendance(deps, req.actor, req.params.id, req.body),
    );
    app.put(
      '/api/v1/training/enrolments/:id/assessment',
      {
        schema: {
          tags,
          summary: 'Record the assessment score (trainer, staff)',
          params: IdParamSchema,
          body: z.object({ score: z.number().int().min(0).max(100) }),
          response: { 200: schema.CompletionSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => recordAssessment(deps, req.actor, req.params.id, req.body.score),
    );
    app.get(
      '/api/v1/training/enrolments/:id/completion',
      {
        schema: {
          tags,
          summary: 'Attendance and score against the completion rule (the trainee, trainer, staff)',
          params: IdParamSchema,
          response: { 200: schema.CompletionSchema, ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => getCompletion(deps, req.actor, req.params.id),
    );
    app.post(
      '/api/v1/training/enrolments/:id/annul',
      {
        schema: {
          tags,
          summary:
            'Annul a completion found to rest on false data, with a reason; its certificate is revoked (program admin)',
          params: IdParamSchema,
          body: z.object({ reason: z.string().trim().min(5).max(500) }).meta({ id: 'AnnulCompletionInput' }),
          response: { 200: schema.EnrolmentSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => annulCompletion(deps, req.actor, req.params.id, req.body.reason),
    );
    app.post(
      '/api/v1/training/cohorts/:id/finish',
      {
        schema: {
          tags,
          summary:
            'Finish a cohort: completions recorded, each raising training.enrolment_completed (trainer, staff)',
          params: IdParamSchema,
          response: {
            200: z
              .object({
                cohortId: z.string().uuid(),
                completed: z.number().int(),
                notCompleted: z.number().int(),
              })
              .meta({ id: 'CohortFinished' }),
            ...problems(400, 401, 403, 404, 409),
          },
        },
      },
      async (req) => finishCohort(deps, req.actor, req.params.id),
    );

    const Assignment = z
      .object({
        centerId: z.string().uuid(),
        trainerId: z.string().uuid(),
        startsOn: IsoDateSchema,
        endsOn: IsoDateSchema.nullable(),
      })
      .meta({ id: 'TrainerAssignmentRequest' });
    app.post(
      '/api/v1/training/trainer-assignments',
      {
        schema: {
          tags,
          summary: 'Assign a trainer to a centre (program admin)',
          body: Assignment,
          response: { 201: Assignment, ...problems(400, 401, 403) },
        },
      },
      async (req, reply) => reply.code(201).send(await assignTrainer(deps, req.actor, req.body)),
    );
    app.get(
      '/api/v1/training/trainers',
      {
        schema: {
          tags,
          summary:
            'Find trainers by part of a name, or a whole email, CNIC or mobile, to assign them (program admin)',
          querystring: z.object({ q: z.string().max(100).default('') }),
          response: {
            200: z.array(
              z
                .object({
                  id: z.string().uuid(),
                  name: z.string(),
                  email: z.string().describe('Masked'),
                  cnic: z.string().nullable().describe('Masked'),
                })
                .meta({ id: 'TrainerMatch' }),
            ),
            ...problems(400, 401, 403),
          },
        },
      },
      async (req) => searchTrainers(deps, req.actor, req.query.q),
    );
    app.get(
      '/api/v1/training/trainer-assignments',
      {
        schema: {
          tags,
          summary: 'Trainers and their centres (staff, auditor; a trainer sees theirs)',
          response: {
            200: z.array(
              z
                .object({
                  centerId: z.string().uuid(),
                  centerName: z.string(),
                  trainerId: z.string().uuid(),
                  trainerName: z.string(),
                  startsOn: z.string(),
                  endsOn: z.string().nullable(),
                })
                .meta({ id: 'TrainerAssignment' }),
            ),
            ...problems(401, 403),
          },
        },
      },
      async (req) => listAssignments(deps, req.actor),
    );
    app.put(
      '/api/v1/training/stipend-rate',
      {
        schema: {
          tags,
          summary: 'Set the stipend per centre and month from a month to come (program admin)',
          body: z
            .object({ effectiveFrom: Month, amountMinor: z.number().int().min(0).max(100_000_000) })
            .meta({ id: 'StipendRateInput' }),
          response: {
            200: z.object({ effectiveFrom: z.string(), amountMinor: z.number().int() }),
            ...problems(400, 401, 403),
          },
        },
      },
      async (req) => setStipendRate(deps, req.actor, req.body),
    );
    app.post(
      '/api/v1/training/stipend-runs/:month',
      {
        schema: {
          tags,
          summary: 'Run a month’s stipends: payable (to the ledger) or withheld with reasons (program admin)',
          params: z.object({ month: Month }),
          response: { 200: z.array(schema.StipendSchema), ...problems(400, 401, 403) },
        },
      },
      async (req) => runStipends(deps, req.actor, req.params.month),
    );
    app.get(
      '/api/v1/training/stipends',
      {
        schema: {
          tags,
          summary: 'Stipends by month (staff, auditor; a trainer sees theirs)',
          querystring: z.object({ month: Month.optional() }),
          response: { 200: z.array(schema.StipendSchema), ...problems(400, 401, 403) },
        },
      },
      async (req) => listStipends(deps, req.actor, req.query.month),
    );
    app.get(
      '/api/v1/training/stipend-runs/:month/payment-file.csv',
      {
        schema: {
          tags,
          summary:
            'The bank payment file of a month’s payable stipends, with each payee’s IBAN (staff, auditor); stipends held for want of an IBAN are counted in the x-markaz-stipends-held header',
          params: z.object({ month: Month }),
          response: { 200: fileResponse('The payment file', ['text/csv']), ...problems(400, 401, 403) },
        },
      },
      async (req, reply) => {
        const file = await stipendPaymentFile(deps, req.actor, req.params.month);
        return reply
          .type(CSV_MEDIA_TYPE)
          .header('content-disposition', `attachment; filename="markaz-stipends-${req.params.month}.csv"`)
          .header('x-markaz-stipends-held', String(file.held.length))
          .send(file.csv);
      },
    );
    app.post(
      '/api/v1/training/stipends/:centerId/:month/clawback',
      {
        schema: {
          tags,
          summary: 'Claw back a paid stipend after a finding that its data was false (program admin)',
          params: z.object({ centerId: z.string().uuid(), month: Month }),
          body: z.object({ reason: z.string().trim().min(3).max(1000) }),
          response: { 200: schema.StipendSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => clawbackStipend(deps, req.actor, { ...req.params, reason: req.body.reason }),
    );
  };

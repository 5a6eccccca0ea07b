import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { PurposeQuerySchema } from '../../platform/data-access.ts';
import { IdParamSchema, problems } from '../../server/http.ts';
import type { PublicRateLimit } from '../../server/public-rate-limit.ts';
import {
  addEligibilityRule,
  createCourse,
  listCourses,
  listEligibilityRules,
  updateCourse,
} from './catalogue.service.ts';
import { findCertifiedEnrolments } from './certified-enrolments.ts';
import { createCohort, findCohorts, getCohort, listManagedCohorts } from './cohort.service.ts';
import {
  applyToCohort,
  checkDocuments,
  cohortEnrolments,
  myEnrolments,
  runAdmission,
  withdrawEnrolment,
} from './enrolment.service.ts';
import { myOutcomeCheckpoints, TrainingOutcomesSchema, trainingOutcomes } from './outcomes.service.ts';
import { myTimetable, TimetableEntrySchema } from './timetable.service.ts';
import { trainerBankRoutes } from './trainer-bank.routes.ts';
import * as schema from './training.schema.ts';
import { trainingOpsRoutes } from './training-ops.routes.ts';

/** Catalogue, cohorts, applications and the public figures. Sessions and stipends: training-ops.routes.ts. */
export const trainingRoutes =
  (deps: Deps, publicLimit?: PublicRateLimit): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['training'];
    // The public read API's per-address limit, shared with the public cache (as transparency's).
    if (publicLimit)
      app.addHook('onRequest', async (req) => {
        if (publicLimit.covers(req.url)) publicLimit.enforce(req);
      });

    app.get(
      '/api/v1/training/courses',
      {
        schema: {
          tags,
          summary: 'The course catalogue (public)',
          response: { 200: z.array(schema.CourseSchema) },
        },
      },
      async () => listCourses(deps),
    );
    app.post(
      '/api/v1/training/courses',
      {
        schema: {
          tags,
          summary: 'Add a course with its completion rule (program admin)',
          body: schema.CourseInputSchema,
          response: { 201: schema.CourseSchema, ...problems(400, 401, 403, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(await createCourse(deps, req.actor, req.body)),
    );
    app.put(
      '/api/v1/training/courses/:id',
      {
        schema: {
          tags,
          summary: 'Change a course (program admin)',
          params: IdParamSchema,
          body: schema.CourseInputSchema,
          response: { 200: schema.CourseSchema, ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => updateCourse(deps, req.actor, req.params.id, req.body),
    );
    app.get(
      '/api/v1/training/eligibility-rules',
      {
        schema: {
          tags,
          summary: 'The published eligibility rules, effective-dated (public)',
          response: { 200: z.array(schema.EligibilityRuleSchema) },
        },
      },
      async () => listEligibilityRules(deps),
    );
    app.post(
      '/api/v1/training/eligibility-rules',
      {
        schema: {
          tags,
          summary: 'Publish an eligibility rule from a day (program admin)',
          body: schema.EligibilityRuleInputSchema,
          response: { 201: schema.EligibilityRuleSchema, ...problems(400, 401, 403) },
        },
      },
      async (req, reply) => reply.code(201).send(await addEligibilityRule(deps, req.actor, req.body)),
    );

    app.get(
      '/api/v1/training/cohorts',
      {
        schema: {
          tags,
          summary: 'Cohorts taking applications, nearest first when a point is given (public)',
          querystring: z.object({
            latitude: z.coerce.number().min(23).max(37.5).optional(),
            longitude: z.coerce.number().min(60.5).max(78).optional(),
            courseId: z.string().uuid().optional(),
          }),
          response: { 200: z.array(schema.CohortSchema), ...problems(400) },
        },
      },
      async (req) => findCohorts(deps, req.query),
    );
    app.get(
      '/api/v1/training/cohorts/managed',
      {
        schema: {
          tags,
          summary: 'Every cohort (staff) or mine (a trainer)',
          response: { 200: z.array(schema.CohortSchema), ...problems(401, 403) },
        },
      },
      async (req) => listManagedCohorts(deps, req.actor),
    );
    app.get(
      '/api/v1/training/cohorts/:id',
      {
        schema: {
          tags,
          summary: 'A cohort with its seats per district and timetable (public)',
          params: IdParamSchema,
          response: { 200: schema.CohortSchema, ...problems(400, 404) },
        },
      },
      async (req) => getCohort(deps, req.params.id),
    );
    app.post(
      '/api/v1/training/cohorts',
      {
        schema: {
          tags,
          summary:
            'Open a cohort; each session reserves the whole training room (409 with alternatives on a clash) (program admin)',
          body: schema.CohortInputSchema,
          response: { 201: schema.CohortSchema, ...problems(400, 401, 403, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(await createCohort(deps, req.actor, req.body)),
    );
    app.post(
      '/api/v1/training/cohorts/:id/admission',
      {
        schema: {
          tags,
          summary: 'Close applications and admit by the published rule (program admin)',
          params: IdParamSchema,
          response: { 200: z.array(schema.EnrolmentSchema), ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => runAdmission(deps, req.actor, req.params.id),
    );
    app.get(
      '/api/v1/training/cohorts/:id/enrolments',
      {
        schema: {
          tags,
          summary: 'A cohort’s applications and enrolments (staff, its trainer)',
          description:
            'Each trainee listed is recorded in their data-access log (purpose training_administration unless another is given).',
          params: IdParamSchema,
          querystring: PurposeQuerySchema,
          response: { 200: z.array(schema.EnrolmentSchema), ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => cohortEnrolments(deps, req.actor, req.params.id, req.query.purpose),
    );
    app.post(
      '/api/v1/training/cohorts/:id/applications',
      {
        schema: {
          tags,
          summary: 'Apply to a cohort; each eligibility rule answers with its reason (freelancer)',
          params: IdParamSchema,
          body: schema.ApplyInputSchema,
          response: { 201: schema.EnrolmentSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await applyToCohort(deps, req.actor, req.params.id, req.body)),
    );

    app.get(
      '/api/v1/training/me/enrolments',
      {
        schema: {
          tags,
          summary: 'My applications with the reasons for each decision',
          response: { 200: z.array(schema.EnrolmentSchema), ...problems(401) },
        },
      },
      async (req) => myEnrolments(deps, req.actor),
    );
    app.get(
      '/api/v1/training/me/timetable',
      {
        schema: {
          tags,
          summary: 'My training sessions (also in my iCal feed)',
          response: { 200: z.array(TimetableEntrySchema), ...problems(401) },
        },
      },
      async (req) => myTimetable(deps, req.actor),
    );
    app.get(
      '/api/v1/training/me/outcomes',
      {
        schema: {
          tags,
          summary: 'My earnings check-ins at 3, 6 and 12 months after completing (freelancer)',
          response: {
            200: z.array(
              z
                .object({
                  enrolmentId: z.string().uuid(),
                  courseTitleEn: z.string(),
                  courseTitleUr: z.string(),
                  completedOn: z.string(),
                  checkpoints: z.array(
                    z.object({
                      monthsAfter: z.number().int(),
                      month: z.string(),
                      due: z.boolean(),
                      declared: z.boolean(),
                    }),
                  ),
                })
                .meta({ id: 'TrainingOutcomeCheckpoints' }),
            ),
            ...problems(401, 403),
          },
        },
      },
      async (req) => myOutcomeCheckpoints(deps, req.actor),
    );
    app.post(
      '/api/v1/training/enrolments/:id/withdraw',
      {
        schema: {
          tags,
          summary: 'Withdraw; a seat given up passes to the waitlist at once (the person, staff)',
          params: IdParamSchema,
          response: { 200: schema.EnrolmentSchema, ...problems(400, 401, 404, 409) },
        },
      },
      async (req) => withdrawEnrolment(deps, req.actor, req.params.id),
    );
    app.post(
      '/api/v1/training/enrolments/:id/documents-checked',
      {
        schema: {
          tags,
          summary: 'Documents checked before the first class (staff, its trainer)',
          params: IdParamSchema,
          response: { 200: schema.EnrolmentSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => checkDocuments(deps, req.actor, req.params.id),
    );

    app.get(
      '/api/v1/public/training',
      {
        schema: {
          tags,
          summary:
            'Training against the promise: applied, admitted, completed by province, district and month; share of women; earnings (public, small groups withheld)',
          response: { 200: TrainingOutcomesSchema, ...problems(429) },
        },
      },
      async () => trainingOutcomes(deps.db, deps.clock.now(), await findCertifiedEnrolments(deps, deps.db)),
    );

    await app.register(trainingOpsRoutes(deps));
    await app.register(trainerBankRoutes(deps));
  };

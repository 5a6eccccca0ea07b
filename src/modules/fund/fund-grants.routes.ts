import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { IdParamSchema, NoContent, problems } from '../../server/http.ts';
import { IdempotencyHeaderSchema, idempotentReply } from '../../server/idempotent-route.ts';
import { payTranche, reviewArrival, submitArrival, submitReport } from './disbursement.service.ts';
import * as schema from './fund.schema.ts';
import { committeeQueue, GrantSchema, getGrant, listGrants, QueueItemSchema } from './grant-read.service.ts';
import { decideGrant, declareConflict, scoreGrant, submitGrant } from './grants.service.ts';
import { createJv, recordJvMovement } from './jv.service.ts';
import { JvSchema, listJvs } from './jv-read.service.ts';
import { recoverGrant } from './recovery.service.ts';

const Created = z.object({ id: z.string() });

/** Matching grants from application to recovery, and the joint-venture commitments. */
export const fundGrantRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['fund'];
    /** A grant action answered with the grant as it now stands (as the actor may see it). */
    const after = async (req: { actor: Parameters<typeof getGrant>[1] }, id: string) =>
      getGrant(deps, req.actor, id);

    app.get(
      '/api/v1/fund/grants',
      {
        schema: {
          tags,
          summary: 'My applications, or every one with ?scope=all (staff, auditors)',
          querystring: z.object({ scope: z.enum(['mine', 'all']).default('mine') }),
          response: { 200: z.array(GrantSchema), ...problems(400, 401, 403) },
        },
      },
      async (req) => listGrants(deps, req.actor, req.query.scope),
    );
    app.post(
      '/api/v1/fund/grants',
      {
        schema: {
          tags,
          summary: 'Apply for a matching grant on a round; refused with each failing rule’s reason (founder)',
          body: schema.GrantInputSchema,
          response: { 201: Created, ...problems(400, 401, 403, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(await submitGrant(deps, req.actor, req.body)),
    );
    app.get(
      '/api/v1/fund/committee/queue',
      {
        schema: {
          tags,
          summary: 'Applications awaiting a decision, with my declaration (committee, staff)',
          response: { 200: z.array(QueueItemSchema), ...problems(401, 403) },
        },
      },
      async (req) => committeeQueue(deps, req.actor),
    );
    app.get(
      '/api/v1/fund/grants/:id',
      {
        schema: {
          tags,
          summary:
            'One application: its founder, staff, auditors, or a committee member who declared no conflict',
          params: IdParamSchema,
          response: { 200: GrantSchema, ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => getGrant(deps, req.actor, req.params.id),
    );

    app.post(
      '/api/v1/fund/grants/:id/conflict-declaration',
      {
        schema: {
          tags,
          summary:
            'Declare a conflict of interest, or none, before seeing the details; a conflict recuses (committee)',
          params: IdParamSchema,
          body: schema.ReviewInputSchema,
          response: { 204: NoContent, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => {
        await declareConflict(deps, req.actor, req.params.id, req.body);
        return reply.code(204).send();
      },
    );

    const action = <S extends z.ZodType>(
      path: string,
      summary: string,
      body: S,
      work: (id: string, input: z.infer<S>, actor: Parameters<typeof getGrant>[1]) => Promise<unknown>,
    ) =>
      app.post(
        `/api/v1/fund/${path}`,
        {
          schema: {
            tags,
            summary,
            params: IdParamSchema,
            body,
            response: { 200: GrantSchema, ...problems(400, 401, 403, 404, 409) },
          },
        },
        async (req) => {
          const grantId = (await work(req.params.id, req.body as z.infer<S>, req.actor)) as
            | string
            | undefined;
          return after(req, grantId ?? req.params.id);
        },
      );

    action(
      'grants/:id/score',
      'Score an application, having declared no conflict (committee)',
      schema.ScoreInputSchema,
      (id, b, a) => scoreGrant(deps, a, id, b),
    );
    action(
      'grants/:id/decision',
      'Approve (committing it against the year’s envelope) or reject (program admin)',
      schema.DecideInputSchema,
      (id, b, a) => decideGrant(deps, a, id, b),
    );
    action(
      'grants/:id/arrivals',
      'Show proof that a foreign investor’s money arrived (founder)',
      schema.ArrivalInputSchema,
      (id, b, a) => submitArrival(deps, a, id, b).then(() => id),
    );
    action(
      'grants/:id/reports',
      'Report a quarter: jobs, revenue, exports, follow-on funding (founder)',
      schema.ReportInputSchema,
      (id, b, a) => submitReport(deps, a, id, b),
    );
    action(
      'grants/:id/recovery',
      'Recover a grant whose condition was broken (program admin)',
      schema.RecoveryInputSchema,
      (id, b, a) => recoverGrant(deps, a, id, b).then(() => id),
    );
    action(
      'arrivals/:id/review',
      'Accept (at the arrival date’s rate) or refuse a proof of arrival (program admin)',
      schema.ArrivalReviewInputSchema,
      async (id, b, a) => {
        await reviewArrival(deps, a, id, b);
        const row = await deps.db
          .selectFrom('fund_arrivals')
          .select('grant_id')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        return row.grant_id;
      },
    );

    app.post(
      '/api/v1/fund/grants/:id/tranches',
      {
        schema: {
          tags,
          summary:
            'Pay a tranche pro rata to the foreign money that arrived, in PKR at the day’s rate (program admin). Idempotency-Key required',
          params: IdParamSchema,
          headers: IdempotencyHeaderSchema,
          body: schema.TrancheInputSchema,
          response: { 200: GrantSchema, ...problems(400, 401, 403, 404, 409, 422) },
        },
      },
      async (req, reply) =>
        idempotentReply(deps, req, reply, { operation: `fund.tranche:${req.params.id}` }, async (db) => {
          await payTranche({ ...deps, db }, req.actor, req.params.id, req.body);
          return getGrant({ ...deps, db }, req.actor, req.params.id);
        }),
    );

    app.get(
      '/api/v1/fund/joint-ventures',
      {
        schema: {
          tags,
          summary: 'Joint-venture commitments, calls, distributions and values (public)',
          response: { 200: z.array(JvSchema) },
        },
      },
      async () => listJvs(deps),
    );
    app.post(
      '/api/v1/fund/joint-ventures',
      {
        schema: {
          tags,
          summary:
            'Commit to a joint-venture fund with a verified foreign manager, against the year’s envelope (program admin)',
          body: schema.JvInputSchema,
          response: { 201: JvSchema, ...problems(400, 401, 403) },
        },
      },
      async (req, reply) => reply.code(201).send(await createJv(deps, req.actor, req.body)),
    );
    app.post(
      '/api/v1/fund/joint-ventures/:id/movements',
      {
        schema: {
          tags,
          summary:
            'Record a capital call (never past the commitment), a distribution or a reported value (program admin). Idempotency-Key required',
          params: IdParamSchema,
          headers: IdempotencyHeaderSchema,
          body: schema.JvMovementInputSchema,
          response: { 200: JvSchema, ...problems(400, 401, 403, 404, 422) },
        },
      },
      async (req, reply) =>
        idempotentReply(deps, req, reply, { operation: `fund.jv:${req.params.id}` }, (db) =>
          recordJvMovement({ ...deps, db }, req.actor, req.params.id, req.body),
        ),
    );
  };

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireRole } from '../../platform/actor.ts';
import { IdParamSchema, problems } from '../../server/http.ts';
import { idempotencyKeyOf, withIdempotency } from '../../server/idempotency.ts';
import { listAdjustments } from './adjustments.repository.ts';
import {
  AdjustmentsQuerySchema,
  DecideReversalInputSchema,
  PendingReversalsQuerySchema,
  ReversalIdParamSchema,
  ReversalSchema,
  ReverseEntryInputSchema,
  SubsidyAdjustmentSchema,
} from './corrections.schema.ts';
import {
  decideReversal,
  loanAdjustments,
  loanReversals,
  pendingReversals,
  requestReversal,
} from './corrections.service.ts';
import { addLoanRules, LoanRulesSchema, listLoanRules, NewLoanRulesSchema } from './loan-rules.service.ts';

const idempotencyHeader = z.object({ 'idempotency-key': z.string().max(255).optional() });

/** Corrections (reversals with maker–checker), subsidy adjustments and the effective-dated loan rules. */
export const correctionRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['loans'];

    app.get(
      '/api/v1/loans/rules',
      {
        schema: {
          tags,
          summary:
            'Effective-dated loan rules: grace days, reversal threshold, back-dating limit, due-date roll',
          response: { 200: z.array(LoanRulesSchema), ...problems(401, 403) },
        },
      },
      async (req) => listLoanRules(deps, req.actor),
    );

    app.post(
      '/api/v1/loans/rules',
      {
        schema: {
          tags,
          summary: 'Add a version of the loan rules from today or a later day (admin)',
          body: NewLoanRulesSchema,
          response: { 201: LoanRulesSchema, ...problems(400, 401, 403, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(await addLoanRules(deps, req.actor, req.body)),
    );

    app.get(
      '/api/v1/loans/reversals/pending',
      {
        schema: {
          tags,
          summary: 'Reversals waiting for a second person (a bank: its own; the programme: all)',
          description:
            'Each says whether the reader asked for it (`askedByYou`): they cannot decide their own request. ' +
            '`?askedByYou=false` lists only those the reader may approve or reject.',
          querystring: PendingReversalsQuerySchema,
          response: { 200: z.array(ReversalSchema), ...problems(400, 401, 403) },
        },
      },
      async (req) =>
        pendingReversals(
          deps,
          req.actor,
          req.query.askedByYou === undefined ? {} : { askedByYou: req.query.askedByYou === 'true' },
        ),
    );

    app.get(
      '/api/v1/loans/subsidy-adjustments',
      {
        schema: {
          tags,
          operationId: 'listSubsidyAdjustments',
          summary: 'Subsidy adjustments from back-dated entries and corrections (a bank: its own)',
          querystring: AdjustmentsQuerySchema,
          response: { 200: z.array(SubsidyAdjustmentSchema), ...problems(401, 403) },
        },
      },
      async (req) => {
        requireRole(req.actor, 'bank_officer', 'program_admin', 'auditor');
        const a = req.actor;
        const bankId =
          a.kind !== 'system' && a.role === 'bank_officer' ? (a.organizationId ?? '') : undefined;
        return listAdjustments(deps.db, {
          ...(bankId !== undefined ? { bankId } : {}),
          pendingOnly: req.query.pending === 'true',
        });
      },
    );

    app.get(
      '/api/v1/loans/:id/reversals',
      {
        schema: {
          tags,
          summary: 'A loan’s correction history: reversals asked for, approved, rejected',
          params: IdParamSchema,
          response: { 200: z.array(ReversalSchema), ...problems(401, 403, 404) },
        },
      },
      async (req) => loanReversals(deps, req.actor, req.params.id),
    );

    app.post(
      '/api/v1/loans/:id/reversals',
      {
        schema: {
          tags,
          summary:
            'Reverse a repayment or tranche with a reason (its bank); above the threshold a second person approves. Idempotency-Key required',
          params: IdParamSchema,
          headers: idempotencyHeader,
          body: ReverseEntryInputSchema,
          response: { 201: ReversalSchema, ...problems(400, 401, 403, 404, 409, 422) },
        },
      },
      async (req, reply) => {
        const result = await withIdempotency(
          deps,
          {
            actor: req.actor,
            operation: `loan.reverse:${req.params.id}`,
            key: idempotencyKeyOf(req.headers),
            request: req.body,
            required: true,
          },
          async (db) => ({
            status: 201,
            body: await requestReversal({ ...deps, db }, req.actor, req.params.id, req.body),
          }),
        );
        if (result.replayed) reply.header('idempotent-replayed', 'true');
        return reply.code(201).send(result.body);
      },
    );

    app.post(
      '/api/v1/loans/:id/reversals/:reversalId/decision',
      {
        schema: {
          tags,
          summary:
            'Approve or reject a reversal (a second officer of the bank, or the programme; not who asked)',
          params: ReversalIdParamSchema,
          body: DecideReversalInputSchema,
          response: { 200: ReversalSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => decideReversal(deps, req.actor, req.params.id, req.params.reversalId, req.body),
    );

    app.get(
      '/api/v1/loans/:id/subsidy-adjustments',
      {
        schema: {
          tags,
          summary: 'A loan’s subsidy adjustments and the claim that settles each',
          params: IdParamSchema,
          response: { 200: z.array(SubsidyAdjustmentSchema), ...problems(401, 403, 404) },
        },
      },
      async (req) => loanAdjustments(deps, req.actor, req.params.id),
    );
  };

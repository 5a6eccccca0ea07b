import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { IdParamSchema, problems } from '../../server/http.ts';
import {
  AssignmentSchema,
  AssignmentStatusSchema,
  DeclarationInputSchema,
  EvaluationSchema,
  ScoresInputSchema,
} from './evaluation.schema.ts';
import * as evaluations from './evaluation.service.ts';

/** The evaluator's inbox and scoring form. */
export const evaluationRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['calls'];

    app.get(
      '/api/v1/evaluations',
      {
        schema: {
          tags,
          summary: 'My evaluation assignments (evaluator inbox)',
          querystring: z.object({ status: AssignmentStatusSchema.optional() }),
          response: { 200: z.array(AssignmentSchema), ...problems(400, 401, 403) },
        },
      },
      async (req) => evaluations.listMyAssignments(deps, req.actor, req.query.status),
    );

    app.get(
      '/api/v1/evaluations/:id',
      {
        schema: {
          tags,
          summary:
            'One of my assignments: criteria, my scores, and the application once I declared no conflict',
          params: IdParamSchema,
          response: { 200: EvaluationSchema, ...problems(401, 403, 404) },
        },
      },
      async (req) => evaluations.getEvaluation(deps, req.actor, req.params.id),
    );

    app.post(
      '/api/v1/evaluations/:id/declaration',
      {
        schema: {
          tags,
          summary: 'Declare a conflict of interest (recuses me) or none (opens the application to me)',
          params: IdParamSchema,
          body: DeclarationInputSchema,
          response: { 200: EvaluationSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => evaluations.declareConflict(deps, req.actor, req.params.id, req.body),
    );

    app.put(
      '/api/v1/evaluations/:id/scores',
      {
        schema: {
          tags,
          summary: 'Save draft scores, each criterion 0..max with a comment (evaluator)',
          params: IdParamSchema,
          body: ScoresInputSchema,
          response: { 200: EvaluationSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => evaluations.saveScores(deps, req.actor, req.params.id, req.body),
    );

    app.post(
      '/api/v1/evaluations/:id/submit',
      {
        schema: {
          tags,
          summary: 'Submit my scores; they are locked afterwards (evaluator)',
          params: IdParamSchema,
          response: { 200: EvaluationSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => evaluations.submitEvaluation(deps, req.actor, req.params.id),
    );
  };

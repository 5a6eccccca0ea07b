import { z } from 'zod';
import { conflictNoteField } from '../../platform/review.ts';
import { ApplicationSchema } from './application.schema.ts';
import { CriterionSchema } from './call.schema.ts';

export const AssignmentStatusSchema = z
  .enum(['pending', 'accepted', 'recused', 'submitted'])
  .describe('pending: conflict of interest not yet declared; accepted: declared none; recused: declared one')
  .meta({ id: 'AssignmentStatus' });

export const ScoreSchema = z
  .object({
    criterionKey: z.string(),
    score: z.number().int(),
    comment: z.string(),
  })
  .meta({ id: 'Score' });

export const AssignmentSchema = z
  .object({
    id: z.string().uuid(),
    applicationId: z.string().uuid(),
    reference: z.string(),
    callId: z.string().uuid(),
    callTitleEn: z.string(),
    callTitleUr: z.string(),
    evaluatorId: z.string().uuid(),
    evaluatorName: z.string(),
    status: AssignmentStatusSchema,
    conflictNote: z.string().nullable(),
    assignedAt: z.string(),
    declaredAt: z.string().nullable(),
    submittedAt: z.string().nullable(),
    /** What an evaluator needs to judge a conflict of interest, before seeing the details. */
    applicantName: z.string(),
    buildingName: z.string(),
    provinceCode: z.string(),
    cityName: z.string().nullable(),
    cityNameUr: z.string().nullable().describe('The city in Urdu, where the geography data has it'),
  })
  .meta({ id: 'EvaluationAssignment' });
export type Assignment = z.infer<typeof AssignmentSchema>;

export const ScoredAssignmentSchema = AssignmentSchema.extend({
  scores: z.array(ScoreSchema).describe('Shown once submitted'),
  weightedScoreMilli: z.number().int().nullable(),
}).meta({ id: 'ScoredAssignment' });
export type ScoredAssignment = z.infer<typeof ScoredAssignmentSchema>;

export const EvaluationSchema = z
  .object({
    assignment: AssignmentSchema,
    criteria: z.array(CriterionSchema),
    scores: z.array(ScoreSchema),
    weightedScoreMilli: z
      .number()
      .int()
      .nullable()
      .describe('This evaluator’s weighted score, thousandths of 100'),
    application: ApplicationSchema.nullable().describe('Shown only after declaring no conflict of interest'),
  })
  .meta({ id: 'Evaluation' });

export const DeclarationInputSchema = z
  .object({
    hasConflict: z.boolean(),
    note: conflictNoteField,
  })
  .meta({ id: 'ConflictDeclarationInput' });
export type DeclarationInput = z.infer<typeof DeclarationInputSchema>;

export const ScoresInputSchema = z
  .object({
    scores: z
      .array(
        z.object({
          criterionKey: z.string().max(40),
          score: z.number().int().min(0),
          comment: z.string().trim().max(5000).default(''),
        }),
      )
      .max(30),
  })
  .meta({ id: 'ScoresInput' });
export type ScoresInput = z.infer<typeof ScoresInputSchema>;

export const AssignInputSchema = z
  .object({ evaluatorIds: z.array(z.string().uuid()).min(1).max(15) })
  .meta({ id: 'AssignEvaluatorsInput' });

export const AutoAssignResultSchema = z
  .object({
    created: z.number().int(),
    assignments: z.array(
      z.object({ applicationId: z.string().uuid(), reference: z.string(), evaluatorId: z.string().uuid() }),
    ),
    shortfalls: z
      .array(z.object({ applicationId: z.string().uuid(), reference: z.string(), missing: z.number().int() }))
      .describe('Applications that could not get enough eligible evaluators'),
  })
  .meta({ id: 'AutoAssignResult' });
export type AutoAssignResult = z.infer<typeof AutoAssignResultSchema>;

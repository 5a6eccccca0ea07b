import { z } from 'zod';

export const OutcomeSchema = z
  .enum(['shortlisted', 'not_selected', 'failed', 'incomplete'])
  .meta({ id: 'RankingOutcome' });

export const RankedApplicationSchema = z
  .object({
    applicationId: z.string().uuid(),
    reference: z.string(),
    buildingName: z.string(),
    provinceCode: z.string(),
    districtId: z.number().int().nullable(),
    areaKey: z.string().describe('PB, or PB/12 for a district with its own quota'),
    evaluationCount: z.number().int(),
    scoreMilli: z.number().int().nullable(),
    score: z.string().nullable(),
    rank: z.number().int().nullable(),
    outcome: OutcomeSchema,
    reason: z.string(),
  })
  .meta({ id: 'RankedApplication' });

export const RankingAreaSchema = z
  .object({
    key: z.string(),
    provinceCode: z.string(),
    districtId: z.number().int().nullable(),
    name: z.string(),
    seats: z.number().int().describe('Quota after releases'),
    shortlisted: z.number().int(),
    passing: z.number().int(),
  })
  .meta({ id: 'RankingArea' });

export const RankingSchema = z
  .object({
    callId: z.string().uuid(),
    status: z.enum(['preview', 'confirmed']),
    passMark: z.number().int(),
    incomplete: z.number().int().describe('Applications still waiting for evaluations; confirming needs 0'),
    areas: z.array(RankingAreaSchema),
    applications: z.array(RankedApplicationSchema),
  })
  .meta({ id: 'Ranking' });
export type Ranking = z.infer<typeof RankingSchema>;

export const PublicResultSchema = z
  .object({
    callId: z.string().uuid(),
    titleEn: z.string(),
    titleUr: z.string(),
    decidedAt: z.string(),
    passMark: z.number().int(),
    evaluatorsPerApplication: z.number().int(),
    criteria: z.array(z.object({ key: z.string(), weight: z.number().int(), maxScore: z.number().int() })),
    quotas: z.array(
      z.object({
        provinceCode: z.string(),
        districtId: z.number().int().nullable(),
        seats: z.number().int(),
      }),
    ),
    releases: z.array(
      z.object({ fromProvince: z.string(), toProvince: z.string(), seats: z.number().int() }),
    ),
    provinces: z.array(
      z.object({
        provinceCode: z.string(),
        nameEn: z.string(),
        nameUr: z.string(),
        seats: z.number().int(),
        shortlisted: z.number().int(),
        items: z.array(
          z.object({
            reference: z.string(),
            districtId: z.number().int().nullable(),
            scoreMilli: z.number().int().nullable(),
            score: z.string().nullable(),
            rank: z.number().int().nullable(),
            result: z.enum(['shortlisted', 'not_selected', 'failed']),
            submittedAt: z.string().describe('Breaks ties between equal scores: earlier first'),
            evaluations: z
              .array(z.record(z.string(), z.number().int()))
              .describe('Each evaluator’s submitted scores by criterion key, anonymised'),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'PublicCallResult' });
export type PublicResult = z.infer<typeof PublicResultSchema>;

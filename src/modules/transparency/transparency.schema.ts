import { z } from 'zod';
import { isIsoDate } from '../../shared/time.ts';

export const FigureSchema = z
  .object({
    key: z.string(),
    area: z.string(),
    unit: z.enum([
      'centres',
      'applications',
      'people',
      'seats',
      'bookings',
      'loans',
      'pkr_paisa',
      'usd_cents',
      'basis_points',
      'complaints',
      'days',
    ]),
    labelEn: z.string(),
    labelUr: z.string(),
    definitionEn: z.string(),
    definitionUr: z.string(),
    available: z
      .boolean()
      .describe('False while the area that measures it is not built: shown as "no data yet"'),
    total: z
      .number()
      .int()
      .nullable()
      .describe('Money in minor units (paisa, cents); shares in basis points'),
    byProvince: z.record(z.string(), z.number().int()).nullable(),
    asOf: z.string().nullable(),
  })
  .meta({ id: 'PublicFigure' });
export type Figure = z.infer<typeof FigureSchema>;

export const PromiseUnitSchema = z.enum([
  'centres',
  'people',
  'seats',
  'usd_cents',
  'pkr_paisa',
  'usd_cents_per_year',
]);
export const PromiseStatusSchema = z.enum(['met', 'missed', 'no_data', 'open', 'on_track', 'behind']);

export const PromiseSchema = z
  .object({
    id: z.string().uuid(),
    ref: z.string(),
    announcedOn: z.string(),
    announcedPrecision: z.enum(['day', 'month', 'year']),
    announcedBy: z.string(),
    sourceName: z.string(),
    sourceUrl: z.string().nullable(),
    titleEn: z.string(),
    titleUr: z.string(),
    target: z.number().int(),
    unit: PromiseUnitSchema,
    figureKey: z.string(),
    provinceCode: z.string().nullable(),
    deadline: z.string().nullable(),
    delivered: z.number().int().nullable(),
    status: PromiseStatusSchema,
    supersededBy: z.string().nullable(),
    correctionNote: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Promise' });
export type PublicPromise = z.infer<typeof PromiseSchema>;

const isoDate = z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD');

export const CreatePromiseInputSchema = z
  .object({
    announcedOn: isoDate,
    announcedPrecision: z.enum(['day', 'month', 'year']).default('day'),
    announcedBy: z.string().trim().min(1, 'is required').max(200),
    sourceName: z.string().trim().min(1, 'is required').max(200),
    sourceUrl: z
      .string()
      .trim()
      .url()
      .max(500)
      .regex(/^https?:\/\//, 'must be an http(s) link')
      .optional(),
    titleEn: z.string().trim().min(1, 'is required').max(300),
    titleUr: z.string().trim().min(1, 'is required').max(300),
    target: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    unit: PromiseUnitSchema,
    figureKey: z.string().min(1).max(100),
    provinceCode: z.string().max(8).optional(),
    deadline: isoDate.optional(),
  })
  .meta({ id: 'CreatePromiseInput' });
export type CreatePromiseInput = z.infer<typeof CreatePromiseInputSchema>;

export const CorrectPromiseInputSchema = CreatePromiseInputSchema.extend({
  correctionNote: z.string().trim().min(5, 'say what changed and why').max(1000),
}).meta({ id: 'CorrectPromiseInput' });

export const PromiseRegisterSchema = z
  .object({
    items: z.array(PromiseSchema),
    statusRuleEn: z.string(),
    statusRuleUr: z.string(),
    asOf: z.string(),
  })
  .meta({ id: 'PromiseRegister' });

export const SnapshotSummarySchema = z
  .object({ day: z.string(), hash: z.string(), prevHash: z.string(), createdAt: z.string() })
  .meta({ id: 'SnapshotSummary' });

export const SnapshotSchema = SnapshotSummarySchema.extend({
  keyId: z
    .string()
    .nullable()
    .describe('The published `snapshots` key that signed this day (GET /api/v1/keys)'),
  signature: z
    .string()
    .nullable()
    .describe(
      'Ed25519, base64, over "markaz-snapshot/v1\\n{day}\\n{hash}\\n"; null for days before signing began',
    ),
  content: z
    .record(z.string(), z.unknown())
    .describe('Hashed as canonical JSON (RFC 8785: keys sorted, no spaces); see docs/canonical-json.md'),
}).meta({ id: 'Snapshot' });

export const SnapshotVerifySchema = z
  .object({
    ok: z.boolean(),
    checkedDays: z.number().int(),
    broken: z.object({ day: z.string(), reason: z.string() }).nullable(),
  })
  .meta({ id: 'SnapshotVerifyResult' });

export const FunnelSchema = z
  .object({
    asOf: z.string(),
    stages: z.array(
      z.object({
        step: z.string(),
        labelEn: z.string(),
        labelUr: z.string(),
        available: z.boolean(),
        waiting: z.number().int().nullable(),
        medianDays: z.number().int().nullable(),
        p90Days: z.number().int().nullable(),
        serviceStandardDays: z.number().int().nullable(),
        overStandard: z
          .array(z.string())
          .describe('Public references of cases waiting longer than the service standard'),
      }),
    ),
  })
  .meta({ id: 'Funnel' });

export const AllSeriesSchema = z
  .array(
    z.object({
      month: z.string().describe('YYYY-MM'),
      totals: z
        .record(z.string(), z.number().int().nullable())
        .describe('Figure key → value at the end of the month'),
    }),
  )
  .meta({ id: 'MonthlySeries' });

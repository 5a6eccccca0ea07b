import { z } from 'zod';
import { int4Id } from '../../shared/int4.ts';

export const PROVINCE_CODES = ['PB', 'SD', 'KP', 'ICT', 'BA', 'AJK', 'GB'] as const;
export const ProvinceCodeSchema = z.enum(PROVINCE_CODES).meta({ id: 'ProvinceCode' });

export const CallStatusSchema = z
  .enum(['draft', 'published', 'closed', 'decided'])
  .meta({ id: 'CallStatus' });
/** What the call is doing now, by its status and dates on the programme's clock. */
export const CallPhaseSchema = z
  .enum(['draft', 'upcoming', 'open', 'closed', 'decided'])
  .meta({ id: 'CallPhase' });

export const CriterionSchema = z
  .object({
    key: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be lower-case letters, digits or _ (up to 40)')
      .describe('Stable key, e.g. covered_area'),
    labelEn: z.string().trim().min(1, 'is required').max(200),
    labelUr: z.string().trim().min(1, 'is required').max(200),
    weight: z.number().int().min(1).max(1000),
    maxScore: z.number().int().min(1).max(1000),
  })
  .meta({ id: 'Criterion' });
export type Criterion = z.infer<typeof CriterionSchema>;

export const QuotaSchema = z
  .object({
    provinceCode: ProvinceCodeSchema,
    districtId: int4Id().nullable().default(null).describe('Null for the province quota'),
    seats: z.number().int().min(0).max(100_000),
  })
  .meta({ id: 'Quota' });
export type Quota = z.infer<typeof QuotaSchema>;

export const QuotaReleaseSchema = z
  .object({
    id: z.string().uuid(),
    fromProvince: z.string(),
    toProvince: z.string(),
    seats: z.number().int(),
    reason: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'QuotaRelease' });

const isoInstant = z.iso.datetime({
  offset: true,
  message: 'must be an ISO date-time, e.g. 2026-12-01T09:00:00+05:00',
});

export const CallSchema = z
  .object({
    id: z.string().uuid(),
    titleEn: z.string(),
    titleUr: z.string(),
    descriptionEn: z.string(),
    descriptionUr: z.string(),
    opensAt: z.string(),
    closesAt: z.string(),
    status: CallStatusSchema,
    phase: CallPhaseSchema,
    passMark: z.number().int().describe('Out of 100'),
    evaluatorsPerApplication: z.number().int(),
    loanCapMinor: z.number().int().describe('Loan cap in paisa'),
    appealWindowDays: z.number().int(),
    criteria: z.array(CriterionSchema),
    quotas: z.array(QuotaSchema),
    totalSeats: z.number().int(),
    releases: z.array(QuotaReleaseSchema),
    /** True once an application has been submitted: criteria and quotas are then frozen. */
    rulesLocked: z.boolean(),
    publishedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Call' });
export type Call = z.infer<typeof CallSchema>;

export const CallSummarySchema = CallSchema.pick({
  id: true,
  titleEn: true,
  titleUr: true,
  opensAt: true,
  closesAt: true,
  status: true,
  phase: true,
  totalSeats: true,
  loanCapMinor: true,
})
  .extend({ submittedApplications: z.number().int() })
  .meta({ id: 'CallSummary' });
export type CallSummary = z.infer<typeof CallSummarySchema>;

const callFields = {
  titleEn: z.string().trim().min(1, 'is required').max(200),
  titleUr: z.string().trim().min(1, 'is required').max(200),
  descriptionEn: z.string().trim().max(20_000),
  descriptionUr: z.string().trim().max(20_000),
  opensAt: isoInstant,
  closesAt: isoInstant,
  passMark: z.number().int().min(0).max(100),
  evaluatorsPerApplication: z.number().int().min(1).max(15),
  loanCapMinor: z.number().int().min(1).max(1_000_000_000_000).describe('Paisa; Rs 10,000,000 = 1000000000'),
  appealWindowDays: z.number().int().min(0).max(365),
};

export const CreateCallInputSchema = z
  .object({
    ...callFields,
    descriptionEn: callFields.descriptionEn.default(''),
    descriptionUr: callFields.descriptionUr.default(''),
    passMark: callFields.passMark.default(50),
    evaluatorsPerApplication: callFields.evaluatorsPerApplication.default(3),
    loanCapMinor: callFields.loanCapMinor.default(1_000_000_000),
    appealWindowDays: callFields.appealWindowDays.default(10),
    criteria: z
      .array(CriterionSchema)
      .min(1)
      .max(30)
      .optional()
      .describe('Omit for the default seven criteria'),
    quotas: z.array(QuotaSchema).max(500).optional().describe('Omit for the first-phase province quotas'),
  })
  .meta({ id: 'CreateCallInput' });
export type CreateCallInput = z.infer<typeof CreateCallInputSchema>;

export const UpdateCallInputSchema = z
  .object({
    titleEn: callFields.titleEn.optional(),
    titleUr: callFields.titleUr.optional(),
    descriptionEn: callFields.descriptionEn.optional(),
    descriptionUr: callFields.descriptionUr.optional(),
    opensAt: isoInstant.optional(),
    closesAt: isoInstant.optional(),
    passMark: callFields.passMark.optional(),
    evaluatorsPerApplication: callFields.evaluatorsPerApplication.optional(),
    loanCapMinor: callFields.loanCapMinor.optional(),
    appealWindowDays: callFields.appealWindowDays.optional(),
  })
  .meta({ id: 'UpdateCallInput' });
export type UpdateCallInput = z.infer<typeof UpdateCallInputSchema>;

export const CriteriaInputSchema = z
  .object({ criteria: z.array(CriterionSchema).min(1).max(30) })
  .meta({ id: 'CriteriaInput' });
export const QuotasInputSchema = z
  .object({ quotas: z.array(QuotaSchema).max(500) })
  .meta({ id: 'QuotasInput' });

export const CallListQuerySchema = z.object({
  status: CallStatusSchema.optional().describe('Drafts are listed for admins and auditors only'),
});

export const ReleaseQuotaInputSchema = z
  .object({
    fromProvince: ProvinceCodeSchema,
    toProvince: ProvinceCodeSchema,
    seats: z.number().int().min(1).max(100_000),
    reason: z.string().trim().min(5, 'must say why (at least 5 characters)').max(2000),
  })
  .meta({ id: 'ReleaseQuotaInput' });
export type ReleaseQuotaInput = z.infer<typeof ReleaseQuotaInputSchema>;

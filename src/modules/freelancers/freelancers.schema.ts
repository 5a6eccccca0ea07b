import { z } from 'zod';
import { int4Id } from '../../shared/int4.ts';

export const PLATFORMS = [
  'upwork',
  'fiverr',
  'freelancer',
  'toptal',
  'peopleperhour',
  'guru',
  'direct',
  'other',
] as const;
export const PlatformSchema = z
  .enum(PLATFORMS)
  .describe('freelancer = Freelancer.com; direct = clients abroad without a platform')
  .meta({ id: 'EarningsPlatform' });

export const GenderSchema = z
  .enum(['woman', 'man', 'other', 'prefer_not_to_say'])
  .describe('Self-declared and optional; used only in aggregate figures with small groups withheld')
  .meta({ id: 'Gender' });

export const FreelancerProfileSchema = z
  .object({
    userId: z.string().uuid(),
    name: z.string(),
    cnicOnFile: z
      .boolean()
      .describe('CNIC format and uniqueness checked; NADRA verification is a later hook'),
    skills: z.array(z.string()),
    platforms: z.array(PlatformSchema),
    portfolioUrl: z.string().nullable(),
    homeCityId: z.number().int().nullable(),
    homeCityName: z.string().nullable(),
    bio: z.string().nullable(),
    gender: GenderSchema.nullable(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'FreelancerProfile' });
export type FreelancerProfile = z.infer<typeof FreelancerProfileSchema>;

export const UpdateFreelancerProfileInputSchema = z
  .object({
    skills: z.array(z.string().trim().min(1).max(50)).max(30),
    platforms: z.array(PlatformSchema).max(PLATFORMS.length),
    portfolioUrl: z
      .string()
      .trim()
      .max(500)
      .url('must be a web address')
      .refine((u) => /^https?:\/\//i.test(u), 'must start with http:// or https://')
      .nullable(),
    homeCityId: int4Id().nullable(),
    bio: z.string().trim().max(2000).nullable(),
    gender: GenderSchema.nullable().optional().describe('Absent keeps the current answer; null removes it'),
  })
  .meta({ id: 'UpdateFreelancerProfileInput' });
export type UpdateFreelancerProfileInput = z.infer<typeof UpdateFreelancerProfileInputSchema>;

export const MonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
  .describe('Calendar month, YYYY-MM');

const usdCents = z.number().int().min(0).max(100_000_000_00).describe('US cents');

export const EarningsDeclarationSchema = z
  .object({
    month: z.string(),
    platform: PlatformSchema,
    amount: z.object({ amountMinor: z.number().int(), currency: z.literal('USD') }),
    declaredAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'EarningsDeclaration' });
export type EarningsDeclaration = z.infer<typeof EarningsDeclarationSchema>;

export const DeclareEarningsInputSchema = z
  .object({ amountMinor: usdCents })
  .meta({ id: 'DeclareEarningsInput' });

export const EarningsSummaryQuerySchema = z.object({
  from: MonthSchema.optional(),
  to: MonthSchema.optional(),
});

export const EarningsSummarySchema = z
  .object({
    minimumGroupSize: z.number().int().describe('Groups with fewer declarants are not shown'),
    months: z.array(
      z.object({
        month: z.string(),
        declarants: z.number().int(),
        total: z.object({ amountMinor: z.number().int(), currency: z.literal('USD') }).nullable(),
        byPlatform: z.array(
          z.object({
            platform: PlatformSchema,
            declarants: z.number().int(),
            total: z.object({ amountMinor: z.number().int(), currency: z.literal('USD') }).nullable(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'EarningsSummary' });
export type EarningsSummary = z.infer<typeof EarningsSummarySchema>;

export const EarningsStatementSchema = z
  .object({
    id: z.string().uuid(),
    month: z.string().describe('YYYY-MM'),
    fileName: z.string(),
    contentType: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    uploadedAt: z.string(),
  })
  .meta({ id: 'EarningsStatement' });
export type EarningsStatement = z.infer<typeof EarningsStatementSchema>;

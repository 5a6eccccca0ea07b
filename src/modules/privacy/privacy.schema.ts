import { z } from 'zod';

const Bilingual = z.object({ en: z.string(), ur: z.string() });

export const ExportQuerySchema = z.object({
  lang: z.enum(['en', 'ur']).default('en').describe('Language of the PDF'),
});

export const CorrectableFieldListSchema = z
  .object({
    items: z.array(z.object({ field: z.string(), label: Bilingual, current: z.string().nullable() })),
  })
  .meta({ id: 'CorrectableFieldList' });

export const CorrectionInputSchema = z.object({
  field: z.string().trim().min(1, 'is required').max(60),
  value: z.string().trim().min(1, 'is required').max(200),
  reason: z.string().trim().min(5, 'say in a few words why it is wrong').max(1000),
  evidence: z
    .string()
    .trim()
    .max(1000)
    .optional()
    .describe('What shows the right value: a document’s reference or where staff can see it'),
});

export const CorrectionStatusSchema = z.enum(['pending', 'approved', 'rejected', 'withdrawn']);

export const CorrectionSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    userName: z.string(),
    field: z.string(),
    label: Bilingual,
    requested: z.string(),
    reason: z.string(),
    evidence: z.string().nullable(),
    evidenceFile: z
      .object({
        fileName: z.string(),
        contentType: z.string(),
        sizeBytes: z.number().int(),
        sha256: z.string(),
      })
      .nullable()
      .describe('An uploaded evidence file (PDF, JPEG or PNG); opened through /corrections/{id}/evidence'),
    status: CorrectionStatusSchema,
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    decisionReason: z.string().nullable(),
    decidedBy: z.string().nullable(),
  })
  .meta({ id: 'CorrectionRequest' });

export const CorrectionReviewSchema = CorrectionSchema.extend({ current: z.string().nullable() }).meta({
  id: 'CorrectionRequestForReview',
});

export const CorrectionListSchema = z
  .object({ items: z.array(CorrectionSchema) })
  .meta({ id: 'CorrectionRequestList' });

export const CorrectionListQuerySchema = z.object({ status: CorrectionStatusSchema.optional() });

export const CorrectionDecisionSchema = z.object({
  decision: z.enum(['approved', 'rejected']),
  reason: z.string().trim().min(3, 'say why, in a few words; the person is told').max(1000),
});

const ObligationSchema = z.object({
  code: z.string(),
  effect: z.enum(['refuse', 'review']),
  message: Bilingual,
});

export const ClosureStatusSchema = z.enum(['refused', 'review', 'closed', 'rejected']);

export const ClosureSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    userName: z.string().optional(),
    status: ClosureStatusSchema,
    reason: z.string().nullable(),
    obligations: z.array(ObligationSchema),
    requestedAt: z.string(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
    closedAt: z.string().nullable(),
  })
  .meta({ id: 'AccountClosure' });

export const ClosureListSchema = z
  .object({ items: z.array(ClosureSchema) })
  .meta({ id: 'AccountClosureList' });

export const ClosureInputSchema = z.object({
  password: z.string().min(1, 'is required: confirm with your current password'),
  reason: z.string().trim().max(1000).optional(),
});

export const ClosureListQuerySchema = z.object({ status: ClosureStatusSchema.optional() });

export const ClosureDecisionSchema = z.object({
  decision: z.enum(['close', 'reject']),
  note: z.string().trim().min(3, 'say why, in a few words').max(1000),
});

export const RetentionSettingSchema = z
  .object({
    kind: z.string(),
    area: z.string(),
    label: Bilingual,
    days: z.number().int(),
    defaultDays: z.number().int(),
    minDays: z.number().int(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'RetentionSetting' });

export const RetentionListSchema = z
  .object({ items: z.array(RetentionSettingSchema) })
  .meta({ id: 'RetentionSettingList' });

export const RetentionInputSchema = z.object({
  days: z.number().int('a whole number of days').min(1).max(36_500),
});

export const KindParamSchema = z.object({ kind: z.string().min(1).max(60) });

export const EvidenceFileSchema = z
  .object({
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
  })
  .meta({ id: 'CorrectionEvidenceFile' });

import { z } from 'zod';
import { PurposeQuerySchema } from '../../platform/data-access.ts';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month, YYYY-MM');
const date = z.iso.date({ message: 'must be a date, YYYY-MM-DD' });
const usdMinor = z.number().int().describe('US cents');

export const ConsentFigureSchema = z.enum(['counts', 'prc', 'retention']).meta({ id: 'ConsentFigure' });

export const GiveConsentInputSchema = z
  .object({
    bankId: z.string().uuid('must be a UUID'),
    iban: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .describe('The account at that bank, e.g. PK36 SCBL 0000 0011 2345 6702'),
    scope: z
      .array(ConsentFigureSchema)
      .max(3)
      .describe('What the bank may report besides the dollar amount: counts, PRC references, kept/converted'),
    startsOn: date,
    expiresOn: date,
  })
  .meta({ id: 'GiveConsentInput' });
export type GiveConsentInput = z.infer<typeof GiveConsentInputSchema>;

export const RevokeConsentInputSchema = z
  .object({ reason: z.string().trim().min(3).max(500) })
  .meta({ id: 'RevokeConsentInput' });

export const ConsentSchema = z
  .object({
    id: z.string().uuid(),
    bankId: z.string().uuid(),
    bankCode: z.string(),
    bankName: z.string(),
    iban: z.string().describe('In full to its owner'),
    scope: z.array(ConsentFigureSchema),
    startsOn: date,
    expiresOn: date,
    status: z.enum(['active', 'not_started', 'expired', 'revoked']),
    createdAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
    revokeReason: z.string().nullable(),
  })
  .meta({ id: 'RemittanceConsent' });
export type Consent = z.infer<typeof ConsentSchema>;

/** A consent as the bank it was given to sees it: the account masked, the holder hash it matches on. */
export const BankConsentSchema = z
  .object({
    id: z.string().uuid(),
    account: z.string().describe('The account masked: country, check digits, bank code, last four digits'),
    holderHash: z
      .string()
      .nullable()
      .describe('HMAC-SHA256 of the holder’s CNIC digits with this bank’s key: what each line must carry'),
    scope: z.array(ConsentFigureSchema),
    startsOn: date,
    expiresOn: date,
    status: z.enum(['active', 'not_started', 'expired', 'revoked']),
    createdAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'RemittanceBankConsent' });
export type BankConsent = z.infer<typeof BankConsentSchema>;

export const BankConsentsQuerySchema = z.object({
  since: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('Only consents given or withdrawn at or after this instant (an incremental pull)'),
  before: z
    .string()
    .max(100)
    .optional()
    .describe('The page after one already read: the `before` of the `next` link (Link header)'),
  limit: z.coerce.number().int().min(1).max(5000).optional().describe('At most this many (default 1,000)'),
});

export const PartnerBankRefSchema = z
  .object({
    id: z.string().uuid(),
    code: z.string(),
    name: z.string(),
    ibanCode: z.string().nullable().describe('The four letters its IBANs carry; null until staff record it'),
  })
  .meta({ id: 'RemittanceBank' });

export const SetIbanCodeInputSchema = z
  .object({ ibanCode: z.string().regex(/^[A-Z]{4}$/, 'must be four capital letters, e.g. HABB') })
  .meta({ id: 'SetBankIbanCodeInput' });

export const HolderKeySchema = z
  .object({
    bankId: z.string().uuid(),
    algorithm: z.literal('HMAC-SHA256'),
    keyHex: z.string().describe('This bank’s key: hash each account holder’s 13 CNIC digits with it'),
    example: z.object({ cnic: z.string(), holderHash: z.string() }),
  })
  .meta({ id: 'RemittanceHolderKey' });

export const HolderMismatchSchema = z
  .object({
    id: z.string().uuid(),
    bankCode: z.string(),
    freelancerId: z.string().uuid(),
    name: z.string(),
    month,
    reportedAt: z.iso.datetime(),
  })
  .meta({ id: 'RemittanceHolderMismatch' });

const lineFields = {
  month,
  iban: z.string().min(1).max(40),
  purposeCode: z
    .string()
    .min(1)
    .max(8)
    .describe(
      'State Bank purpose code, e.g. 9184; lines under codes that are not IT exports are kept, not counted',
    ),
  holderHash: z
    .string()
    .min(1)
    .max(64)
    .describe(
      'HMAC-SHA256, hex, of the account holder’s CNIC digits with the bank’s key (GET /api/v1/remittances/bank/holder-key)',
    ),
  usdMinor: z.number().int().min(1).max(100_000_000_000).describe('US cents credited as IT export proceeds'),
  remittances: z.number().int().min(1).max(100_000).nullable().optional(),
  retainedUsdMinor: z
    .number()
    .int()
    .min(0)
    .nullable()
    .optional()
    .describe('Kept in the foreign-currency account'),
  convertedUsdMinor: z.number().int().min(0).nullable().optional().describe('Converted to rupees'),
  prcRef: z.string().max(40).nullable().optional().describe('Proceeds realisation certificate, where issued'),
};

export const SubmitBatchInputSchema = z
  .object({ lines: z.array(z.object(lineFields)).min(1).max(20_000) })
  .meta({ id: 'SubmitRemittanceBatchInput' });
export type SubmitBatchInput = z.infer<typeof SubmitBatchInputSchema>;

export const UploadBatchCsvInputSchema = z
  .object({
    fileName: z.string().trim().min(1).max(200).optional(),
    csv: z
      .string()
      .min(1)
      .max(1_000_000)
      .describe(
        'Header month,iban,purpose_code,usd_credited,remittances,retained_usd,converted_usd,prc_ref,holder_hash. The whole request may be at most 1 MiB; send a larger file to POST /api/v1/remittances/batches/file',
      ),
  })
  .meta({ id: 'UploadRemittanceCsvInput' });

export const BatchSchema = z
  .object({
    id: z.string().uuid(),
    bankCode: z.string(),
    source: z.enum(['api', 'csv']),
    fileName: z.string().nullable(),
    lineCount: z.number().int(),
    newLines: z.number().int(),
    correctedLines: z.number().int(),
    unchangedLines: z.number().int(),
    usd: usdMinor,
    submittedAt: z.iso.datetime(),
    duplicate: z.boolean().describe('True when the same lines were submitted before: nothing was added'),
    notCounted: z
      .array(
        z.object({ row: z.number().int(), purposeCode: z.string(), reason: z.literal('not_it_export_code') }),
      )
      .describe('Lines kept but not counted as IT exports, and why'),
  })
  .meta({ id: 'RemittanceBatch' });
export type Batch = z.infer<typeof BatchSchema>;

export const OutcomeSchema = z
  .enum(['matched', 'differs', 'declared_only', 'attested_only', 'no_consent'])
  .describe(
    'no_consent: declared, with no consent of the freelancer covering the month (no bank could report it)',
  )
  .meta({ id: 'RemittanceOutcome' });

export const MyMonthSchema = z
  .object({
    month,
    declared: usdMinor,
    attested: usdMinor,
    outcome: OutcomeSchema,
    banks: z.array(
      z.object({
        bankCode: z.string(),
        bankId: z.string().uuid(),
        purposeCode: z.string(),
        usd: usdMinor,
        remittances: z.number().int().nullable(),
      }),
    ),
    explanation: z.string().nullable(),
  })
  .meta({ id: 'RemittanceMonth' });

export const ExplainInputSchema = z
  .object({ month, text: z.string().trim().min(5).max(1000) })
  .meta({ id: 'DifferenceExplanation' });

export const ExplanationSchema = z.object({ month, text: z.string() }).meta({ id: 'RemittanceExplanation' });

export const StaffSummarySchema = z
  .object({
    months: z.array(
      z.object({
        month,
        freelancers: z.number().int(),
        declared: usdMinor,
        attested: usdMinor,
        outcomes: z.object({
          matched: z.number().int(),
          differs: z.number().int(),
          declared_only: z.number().int(),
          attested_only: z.number().int(),
          no_consent: z.number().int(),
        }),
      }),
    ),
  })
  .meta({ id: 'RemittanceStaffSummary' });

export const OutliersQuerySchema = z.object({
  month,
  purpose: PurposeQuerySchema.shape.purpose.describe(
    'Why you look at individuals’ earnings, from the fixed list: each person shown is put on their data-access record (staff must say; an auditor reads for audit)',
  ),
});

export const OutlierSchema = z
  .object({
    freelancerId: z.string().uuid(),
    name: z.string(),
    month,
    declared: usdMinor,
    attested: usdMinor,
    outcome: OutcomeSchema,
    explanation: z.string().nullable(),
  })
  .meta({ id: 'RemittanceOutlier' });

const cell = z.number().int().nullable();
export const EvidenceRowSchema = z
  .object({
    month,
    groupKey: z
      .string()
      .describe('PK (the country), a province code, d<district id>, c<city id> or not_stated'),
    groupLabel: z.string(),
    groupLabelUr: z.string(),
    declarants: cell.describe('Freelancers who declared earnings; null when fewer than the minimum group'),
    declared: cell.describe('Self-declared US cents; null when withheld'),
    attestedFreelancers: cell.describe('Freelancers whose bank attested earnings; null when withheld'),
    attested: cell.describe('Bank-attested US cents; null when withheld'),
    attestedShareBp: cell.describe('Share of freelancers with any earnings whose earnings a bank attested'),
  })
  .meta({ id: 'EarningsEvidenceRow' });
export type EvidenceRow = z.infer<typeof EvidenceRowSchema>;

export const EvidenceSchema = z
  .object({
    minGroup: z.number().int(),
    by: z.enum(['province', 'district']),
    rows: z.array(EvidenceRowSchema),
  })
  .meta({ id: 'EarningsEvidence' });

import { z } from 'zod';
import { CLAIM_REASON_CODES } from './claim-reasons.ts';
import { SubsidyAdjustmentSchema } from './corrections.schema.ts';

const reasonCode = z
  .enum(CLAIM_REASON_CODES)
  .nullable()
  .describe('The reason as a stable code for translation; null when there is none or it has no code');
const reasonParams = z
  .object({ date: z.string().optional().describe('The day the reason names (YYYY-MM-DD)') })
  .describe('The values the reason names');

export const ClaimLineSchema = z
  .object({
    lineNo: z.number().int(),
    loanId: z.string().uuid(),
    claimedMinor: z.number().int(),
    computedMinor: z.number().int(),
    differenceMinor: z.number().int().describe('Claimed − computed'),
    outcome: z.enum(['matched', 'differing', 'ineligible']),
    reason: z.string().nullable().describe('Why the line is reduced or excluded, in English'),
    reasonCode,
    reasonParams,
  })
  .meta({ id: 'SubsidyClaimLine' });

export const ClawbackSchema = z
  .object({
    id: z.string().uuid(),
    bankCode: z.string(),
    loanId: z.string().uuid(),
    sourceClaimId: z.string().uuid().describe('The approved or paid claim whose subsidy is taken back'),
    quarter: z.string().describe('The quarter of the source claim'),
    ineligibleFrom: z.string().describe('First day found ineligible'),
    amountMinor: z.number().int(),
    reason: z.string().describe('Why, in English'),
    reasonCode,
    reasonParams,
    detectedOn: z.string(),
    appliedClaimId: z
      .string()
      .uuid()
      .nullable()
      .describe('The claim it is deducted from; null while pending'),
  })
  .meta({ id: 'SubsidyClawback' });
export type Clawback = z.infer<typeof ClawbackSchema>;

export const ClaimSchema = z
  .object({
    id: z.string().uuid(),
    bankId: z.string().uuid(),
    bankCode: z.string(),
    quarter: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    status: z.enum(['reconciled', 'approved', 'partly_approved', 'disputed', 'paid']),
    dueBy: z.string(),
    filedLate: z.boolean(),
    filedAt: z.string(),
    claimedMinor: z.number().int(),
    computedMinor: z.number().int(),
    approvedMinor: z.number().int().nullable(),
    paidMinor: z.number().int().describe('Cash paid: approved plus adjustments less the clawbacks deducted'),
    clawbackMinor: z.number().int().describe('Clawbacks deducted from this claim'),
    payableMinor: z
      .number()
      .int()
      .nullable()
      .describe(
        'Cash due once approved: approved plus the adjustment lines, less the attached clawbacks that fit; null until approved',
      ),
    paidOn: z.string().nullable(),
    decisionNote: z.string().nullable(),
    counts: z.object({
      matched: z.number().int(),
      differing: z.number().int(),
      ineligible: z.number().int(),
    }),
    lines: z.array(ClaimLineSchema),
    deductions: z
      .array(ClawbackSchema)
      .describe('Earlier clawbacks deducted from (or pending against) this claim'),
    clawedBack: z.array(ClawbackSchema).describe('Subsidy of this claim later found ineligible'),
    adjustmentMinor: z
      .number()
      .int()
      .describe(
        'Net of the earlier quarters’ subsidy adjustments settled with (or, until paid, due with) this claim',
      ),
    adjustments: z
      .array(SubsidyAdjustmentSchema)
      .describe('Adjustment lines of earlier quarters (back-dated entries, corrections) this claim settles'),
  })
  .meta({ id: 'SubsidyClaim' });
export type Claim = z.infer<typeof ClaimSchema>;

export const FileClaimInputSchema = z
  .object({
    quarter: z.string().regex(/^\d{4}-Q[1-4]$/, 'must be a quarter, e.g. 2026-Q4'),
    csv: z.string().min(1).max(5_000_000).describe('Header loan_id,claimed_pkr; one line per loan'),
  })
  .meta({ id: 'FileClaimInput' });
export type FileClaimInput = z.infer<typeof FileClaimInputSchema>;

export const FileClaimLinesInputSchema = z
  .object({
    quarter: z.string().regex(/^\d{4}-Q[1-4]$/, 'must be a quarter, e.g. 2026-Q4'),
    lines: z
      .array(
        z.object({
          loanId: z.string().uuid(),
          claimedMinor: z.number().int().min(0).max(100_000_000_000).describe('Paisa'),
        }),
      )
      .min(1)
      .max(50_000),
  })
  .meta({ id: 'FileClaimLinesInput' });
export type FileClaimLinesInput = z.infer<typeof FileClaimLinesInputSchema>;

export const ClaimQuarterSchema = z
  .object({
    bankId: z.string().uuid(),
    bankCode: z.string(),
    quarter: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    dueBy: z.string().describe('15 working days after quarter end, weekends and public holidays skipped'),
    daysLeft: z.number().int().describe('Calendar days until the deadline; negative when overdue'),
    overdue: z.boolean().describe('Past the deadline and not filed'),
    computedMinor: z.number().int().describe('Markaz’s eligible subsidy for the bank in the quarter'),
    claimId: z.string().uuid().nullable(),
    status: z.string().nullable(),
  })
  .meta({ id: 'SubsidyClaimQuarter' });
export type ClaimQuarter = z.infer<typeof ClaimQuarterSchema>;

export const DecideClaimInputSchema = z
  .object({
    decision: z.enum(['approve', 'partly_approve', 'dispute']),
    approvedMinor: z.number().int().min(0).optional().describe('Required for partly_approve'),
    note: z.string().trim().max(2000).default(''),
  })
  .meta({ id: 'DecideClaimInput' });
export type DecideClaimInput = z.infer<typeof DecideClaimInputSchema>;

export const PayClaimInputSchema = z
  .object({
    paidOn: z.iso.date({ message: 'must be a date, YYYY-MM-DD' }),
    amountMinor: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('The cash paid, if given it must equal the amount due (approved less clawbacks deducted)'),
    reference: z.string().trim().min(1).max(100),
  })
  .meta({ id: 'PayClaimInput' });
export type PayClaimInput = z.infer<typeof PayClaimInputSchema>;

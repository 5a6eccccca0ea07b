import { z } from 'zod';

export const ClaimLineSchema = z
  .object({
    lineNo: z.number().int(),
    loanId: z.string().uuid(),
    claimedMinor: z.number().int(),
    computedMinor: z.number().int(),
    differenceMinor: z.number().int().describe('Claimed − computed'),
    outcome: z.enum(['matched', 'differing', 'ineligible']),
    reason: z.string().nullable(),
  })
  .meta({ id: 'SubsidyClaimLine' });

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
    paidMinor: z.number().int(),
    paidOn: z.string().nullable(),
    decisionNote: z.string().nullable(),
    counts: z.object({
      matched: z.number().int(),
      differing: z.number().int(),
      ineligible: z.number().int(),
    }),
    lines: z.array(ClaimLineSchema),
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
    reference: z.string().trim().min(1).max(100),
  })
  .meta({ id: 'PayClaimInput' });
export type PayClaimInput = z.infer<typeof PayClaimInputSchema>;

import { z } from 'zod';

export const ReverseEntryInputSchema = z
  .object({
    entryKind: z.enum(['repayment', 'disbursement']),
    entryId: z.string().uuid(),
    reason: z.string().trim().min(5, 'must say why (at least 5 characters)').max(1000),
  })
  .meta({ id: 'ReverseEntryInput' });
export type ReverseEntryInput = z.infer<typeof ReverseEntryInputSchema>;

export const DecideReversalInputSchema = z
  .object({
    decision: z.enum(['approve', 'reject']),
    note: z.string().trim().max(1000).optional(),
  })
  .meta({ id: 'DecideReversalInput' });
export type DecideReversalInput = z.infer<typeof DecideReversalInputSchema>;

export const SubsidyAdjustmentSchema = z
  .object({
    id: z.string().uuid(),
    loanId: z.string().uuid(),
    bankCode: z.string(),
    quarter: z.string(),
    recomputedFrom: z.string().describe('The value date the subsidy was recomputed from'),
    amountMinor: z.number().int().describe('Paisa: positive owed to the bank, negative owed back'),
    reason: z.string(),
    sourceKind: z.enum([
      'repayment',
      'disbursement',
      'repayment_reversal',
      'disbursement_reversal',
      'rate_correction',
      'write_off_reversal',
    ]),
    sourceId: z.string().describe('The entry or reversal that made it'),
    appliedClaimId: z.string().uuid().nullable().describe('The claim that settles it; null while pending'),
    createdAt: z.string(),
  })
  .meta({ id: 'SubsidyAdjustment' });
export type SubsidyAdjustment = z.infer<typeof SubsidyAdjustmentSchema>;

export const ReversalSchema = z
  .object({
    id: z.string().uuid(),
    loanId: z.string().uuid(),
    entryKind: z.enum(['repayment', 'disbursement']),
    entryId: z.string().uuid(),
    amountMinor: z.number().int(),
    valueDate: z.string().describe('The reversed entry’s own date; the reversal takes effect from it'),
    reason: z.string(),
    status: z.enum(['requested', 'approved', 'rejected']),
    requestedBy: z.string().nullable().describe('Name of the person, or “API key” for a bank’s system'),
    requestedAt: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
    needsSecondPerson: z.boolean(),
    askedByYou: z
      .boolean()
      .describe(
        'The reader asked for it (in person, or by an API key they issued): they cannot approve or reject it, another officer must',
      ),
    adjustments: z.array(SubsidyAdjustmentSchema),
  })
  .meta({ id: 'LoanReversal' });
export type Reversal = z.infer<typeof ReversalSchema>;

export const PendingReversalsQuerySchema = z.object({
  askedByYou: z
    .enum(['true', 'false'])
    .optional()
    .describe(
      'false: only those the reader may decide (another person asked); true: only the reader’s own requests',
    ),
});

export const ReversalIdParamSchema = z.object({ id: z.string().uuid(), reversalId: z.string().uuid() });
export const AdjustmentsQuerySchema = z.object({
  pending: z.enum(['true', 'false']).optional().describe('true: only adjustments not yet settled by a claim'),
});

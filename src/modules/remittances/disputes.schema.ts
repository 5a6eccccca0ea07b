import { z } from 'zod';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month, YYYY-MM');

export const OpenDisputeInputSchema = z
  .object({
    bankId: z.string().uuid('must be a UUID'),
    month,
    purposeCode: z.string().regex(/^\d{4}$/, 'must be four digits'),
    reason: z.enum(['wrong_amount', 'not_mine']),
    claimedUsdMinor: z
      .number()
      .int()
      .min(0)
      .max(100_000_000_000)
      .nullable()
      .optional()
      .describe('What the freelancer says the bank credited, US cents (wrong_amount)'),
    text: z.string().trim().min(5).max(1000),
  })
  .meta({ id: 'OpenRemittanceDisputeInput' });
export type OpenDisputeInput = z.infer<typeof OpenDisputeInputSchema>;

export const AnswerDisputeInputSchema = z
  .object({
    decision: z.enum(['confirm', 'correct']),
    correctedUsdMinor: z
      .number()
      .int()
      .min(0)
      .max(100_000_000_000)
      .nullable()
      .optional()
      .describe('The corrected figure, US cents; 0 withdraws the line (not the holder’s money)'),
    text: z.string().trim().min(5).max(1000),
  })
  .meta({ id: 'AnswerRemittanceDisputeInput' });
export type AnswerDisputeInput = z.infer<typeof AnswerDisputeInputSchema>;

export const ResolveDisputeInputSchema = z
  .object({
    text: z
      .string()
      .trim()
      .min(5, 'say in a few words what was found (5 characters at least)')
      .max(1000)
      .describe('What staff found or agreed (both the freelancer and the bank read it)'),
  })
  .meta({ id: 'ResolveRemittanceDisputeInput' });
export type ResolveDisputeInput = z.infer<typeof ResolveDisputeInputSchema>;

export const EscalateDisputeInputSchema = z
  .object({
    text: z
      .string()
      .trim()
      .min(5, 'say in a few words why you still disagree (5 characters at least)')
      .max(1000)
      .describe('Why the freelancer still disagrees with the figure the bank confirmed (staff read it)'),
  })
  .meta({ id: 'EscalateRemittanceDisputeInput' });
export type EscalateDisputeInput = z.infer<typeof EscalateDisputeInputSchema>;

export const DisputeSchema = z
  .object({
    id: z.string().uuid(),
    bankCode: z.string(),
    account: z.string().describe('The account, masked except to the bank that holds it'),
    month,
    purposeCode: z.string(),
    reason: z.enum(['wrong_amount', 'not_mine']),
    claimedUsdMinor: z.number().int().nullable(),
    text: z.string(),
    attestedUsdMinor: z.number().int().describe('The bank’s figure when the dispute was opened'),
    status: z.enum(['open', 'confirmed', 'corrected', 'escalated', 'resolved']),
    answerText: z
      .string()
      .nullable()
      .describe('The bank’s answer (or, for a dispute closed unanswered, staff’s note)'),
    correctedUsdMinor: z.number().int().nullable(),
    createdAt: z.iso.datetime(),
    answeredAt: z.iso.datetime().nullable(),
    ageDays: z.number().int().describe('Days open (to the answer, or to now)'),
    reminders: z.number().int().describe('Reminders sent to the bank while it left the dispute unanswered'),
    lastRemindedAt: z.iso.datetime().nullable(),
    escalationText: z
      .string()
      .nullable()
      .describe('Why the freelancer escalated a confirmed figure to staff'),
    escalatedAt: z.iso.datetime().nullable(),
    resolutionText: z.string().nullable().describe('Staff’s note when they closed the dispute'),
  })
  .meta({ id: 'RemittanceDispute' });
export type Dispute = z.infer<typeof DisputeSchema>;

import { z } from 'zod';
import { defineEvent } from '../../platform/events/index.ts';

/** An instalment that was due and is not paid in full became overdue at a close of business. */
export const instalmentOverdue = defineEvent(
  'loan.instalment_overdue',
  1,
  z.object({
    loanId: z.guid(),
    instalmentNumber: z.number().int().positive(),
    dueDate: z.iso.date(),
    unpaidMinor: z.number().int().positive(),
    asOf: z.iso.date(),
  }),
  'An instalment fell overdue at the close of business of `asOf`: its due date passed with principal unpaid.',
);

/** An owner asked a partner bank for a loan: the bank's officers have a sanction request waiting. */
export const loanRequested = defineEvent(
  'loan.requested',
  1,
  z.object({
    loanId: z.guid(),
    bankId: z.guid(),
    ownerId: z.guid(),
    amountMinor: z.number().int().positive(),
  }),
  "A shortlisted owner asked a partner bank for a loan; it waits for the bank's sanction.",
);

/** The bank sanctioned a loan request. */
export const loanSanctioned = defineEvent(
  'loan.sanctioned',
  1,
  z.object({
    loanId: z.guid(),
    ownerId: z.guid(),
    amountMinor: z.number().int().positive(),
    tenorMonths: z.number().int().positive(),
    firstRepaymentDate: z.iso.date(),
  }),
  'The bank sanctioned a loan request: amount, tenor and first repayment date.',
);

/** The bank recorded a tranche paid out to the owner. */
export const loanDisbursed = defineEvent(
  'loan.disbursed',
  1,
  z.object({
    loanId: z.guid(),
    ownerId: z.guid(),
    disbursementId: z.guid(),
    amountMinor: z.number().int().positive(),
    disbursedOn: z.iso.date(),
    disbursedMinor: z.number().int().positive(),
  }),
  'The bank paid out a tranche of a sanctioned loan; `disbursedMinor` is the total paid out so far.',
);

/** The programme decided a bank's quarterly subsidy claim. */
export const claimDecided = defineEvent(
  'subsidy_claim.decided',
  1,
  z.object({
    claimId: z.guid(),
    bankId: z.guid(),
    quarter: z.string(),
    status: z.enum(['approved', 'partly_approved', 'disputed']),
    claimedMinor: z.number().int(),
    approvedMinor: z.number().int().nullable(),
  }),
  "The programme approved, partly approved or disputed a bank's quarterly subsidy claim.",
);

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

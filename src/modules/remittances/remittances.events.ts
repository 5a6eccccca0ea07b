import { z } from 'zod';
import { defineEvent } from '../../platform/events/index.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const consentGiven = defineEvent(
  'remittances.consent_given',
  1,
  z.object({
    consentId: z.guid(),
    freelancerId: z.guid(),
    bankId: z.guid(),
    scope: z.array(z.string()),
    startsOn: isoDate,
    expiresOn: isoDate,
  }),
  'A freelancer let a partner bank report the IT-export remittances to one account, for a period.',
);

export const consentRevoked = defineEvent(
  'remittances.consent_revoked',
  1,
  z.object({ consentId: z.guid(), freelancerId: z.guid(), bankId: z.guid(), revokedAt: z.string() }),
  'A freelancer withdrew a bank’s consent to report: the bank’s further lines for that account are refused.',
);

export const remittancesAttested = defineEvent(
  'remittances.attested',
  1,
  z.object({
    batchId: z.guid(),
    bankId: z.guid(),
    months: z.array(z.string().regex(/^\d{4}-\d{2}$/)),
    lineCount: z.number().int(),
    newLines: z.number().int(),
    correctedLines: z.number().int(),
    freelancerIds: z.array(z.guid()).describe('Whose attested figures this batch added or corrected'),
  }),
  'A bank’s batch of attested IT-export remittances was accepted (every line, or none).',
);

export const disputeOpened = defineEvent(
  'remittances.dispute_opened',
  1,
  z.object({
    disputeId: z.guid(),
    freelancerId: z.guid(),
    bankId: z.guid(),
    month: z.string().regex(/^\d{4}-\d{2}$/),
    reason: z.enum(['wrong_amount', 'not_mine']),
  }),
  'A freelancer disputed a line their bank attested: the bank is to confirm or correct it.',
);

export const disputeAnswered = defineEvent(
  'remittances.dispute_answered',
  1,
  z.object({
    disputeId: z.guid(),
    freelancerId: z.guid(),
    bankId: z.guid(),
    month: z.string().regex(/^\d{4}-\d{2}$/),
    status: z.enum(['confirmed', 'corrected']),
  }),
  'A bank answered a freelancer’s dispute: it confirmed its figure or corrected it.',
);

export const disputeResolved = defineEvent(
  'remittances.dispute_resolved',
  1,
  z.object({
    disputeId: z.guid(),
    freelancerId: z.guid(),
    bankId: z.guid(),
    month: z.string().regex(/^\d{4}-\d{2}$/),
  }),
  'Programme staff closed a dispute the bank had not answered, with a note both sides read; the bank’s figure is unchanged.',
);

export const disputeReminded = defineEvent(
  'remittances.dispute_reminded',
  1,
  z.object({
    disputeId: z.guid(),
    freelancerId: z.guid(),
    bankId: z.guid(),
    month: z.string().regex(/^\d{4}-\d{2}$/),
    reminder: z.number().int().describe('1 for the first reminder, 2 for the next period’s…'),
    daysOpen: z.number().int(),
  }),
  'A bank left a freelancer’s dispute unanswered for the reminder period (staff’s setting, else MARKAZ_DISPUTE_REMINDER_DAYS): its officers are reminded.',
);

export const disputeEscalated = defineEvent(
  'remittances.dispute_escalated',
  1,
  z.object({
    disputeId: z.guid(),
    freelancerId: z.guid(),
    bankId: z.guid(),
    month: z.string().regex(/^\d{4}-\d{2}$/),
  }),
  'A freelancer still disagrees with the figure their bank confirmed and asked programme staff to look at the dispute.',
);

import { z } from 'zod';
import { defineEvent } from '../../platform/events/index.ts';

// The fund's domain events: recorded in the transaction of each change, for notices and any
// other area to subscribe to (docs/events.md lists them with their payloads).

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const investorVerified = defineEvent(
  'fund.investor_verified',
  1,
  z.object({
    investorId: z.guid(),
    name: z.string(),
    jurisdiction: z.string(),
    status: z.enum(['verified', 'rejected']),
  }),
  'Staff verified (or refused) an investor’s registration.',
);

export const grantSubmitted = defineEvent(
  'fund.grant_submitted',
  1,
  z.object({
    grantId: z.guid(),
    startupId: z.guid(),
    founderId: z.guid(),
    roundMinor: z.number().int(),
    requestedMinor: z.number().int(),
  }),
  'A founder applied for a matching grant on a round that met the eligibility rules in force.',
);

export const grantDecided = defineEvent(
  'fund.grant_decided',
  1,
  z.object({
    grantId: z.guid(),
    founderId: z.guid(),
    startupName: z.string(),
    decision: z.enum(['approved', 'rejected']),
    approvedMinor: z.number().int().describe('USD cents'),
    committedPkrMinor: z.number().int(),
    reason: z.string(),
  }),
  'The committee decided a matching-grant application; an approval commits the grant against the year’s envelope.',
);

export const arrivalReviewed = defineEvent(
  'fund.arrival_reviewed',
  1,
  z.object({
    arrivalId: z.guid(),
    grantId: z.guid(),
    founderId: z.guid(),
    decision: z.enum(['accepted', 'rejected']),
    amountMinor: z.number().int(),
  }),
  'Staff accepted (or refused) proof that an investor’s money arrived.',
);

export const tranchePaid = defineEvent(
  'fund.tranche_paid',
  1,
  z.object({
    grantId: z.guid(),
    founderId: z.guid(),
    seq: z.number().int(),
    paidOn: isoDate,
    amountMinor: z.number().int().describe('USD cents'),
    amountPkrMinor: z.number().int(),
    fxDifferencePkrMinor: z.number().int(),
  }),
  'A grant tranche was paid in PKR at the payment date’s rate, pro rata to the foreign money that arrived.',
);

export const grantRecovered = defineEvent(
  'fund.grant_recovered',
  1,
  z.object({
    grantId: z.guid(),
    founderId: z.guid(),
    condition: z.string(),
    recoverablePkrMinor: z.number().int(),
  }),
  'A grant’s condition was broken: what was paid is to be recovered and what was not is cancelled.',
);

export const jvMovementRecorded = defineEvent(
  'fund.jv_movement_recorded',
  1,
  z.object({
    jvId: z.guid(),
    kind: z.enum(['call', 'distribution', 'valuation', 'exit']),
    onDate: isoDate,
    amountMinor: z.number().int(),
    amountPkrMinor: z.number().int(),
  }),
  'A joint-venture fund called capital, distributed, or reported its value.',
);

export const fundEvents = [
  investorVerified,
  grantSubmitted,
  grantDecided,
  arrivalReviewed,
  tranchePaid,
  grantRecovered,
  jvMovementRecorded,
];

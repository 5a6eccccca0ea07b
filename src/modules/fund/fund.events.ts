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

export const appealFiled = defineEvent(
  'fund.appeal_filed',
  1,
  z.object({
    appealId: z.guid(),
    grantId: z.guid(),
    founderId: z.guid(),
    startupName: z.string(),
    decision: z.enum(['approved', 'rejected']).describe('The decision appealed'),
    submittedBy: z.guid().describe('Who submitted the application (may not resolve the appeal)'),
  }),
  'A founder appealed the decision on their matching-grant application, within the rule set’s window; it waits for the fund’s staff.',
);

export const appealResolved = defineEvent(
  'fund.appeal_resolved',
  1,
  z.object({
    appealId: z.guid(),
    grantId: z.guid(),
    founderId: z.guid(),
    startupName: z.string(),
    outcome: z.enum(['upheld', 'rejected']),
    reason: z.string(),
    reopened: z.boolean().describe('Upheld against a rejection: the application is decided again'),
  }),
  'The fund’s staff resolved an appeal on a grant decision: upheld (a rejection is decided again) or rejected, with the reason.',
);

export const fundEvents = [
  investorVerified,
  grantSubmitted,
  grantDecided,
  arrivalReviewed,
  tranchePaid,
  grantRecovered,
  jvMovementRecorded,
  appealFiled,
  appealResolved,
];

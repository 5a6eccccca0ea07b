import { z } from 'zod';
import { defineEvent } from '../../platform/events/index.ts';

/** A centre opened to freelancers: after its inspection, or again after a suspension. */
export const centreBecameOperational = defineEvent(
  'centre.became_operational',
  1,
  z.object({
    centerId: z.guid(),
    from: z.string(),
  }),
  'A centre became operational (first opening after inspection, or reopening after a suspension).',
);

/** A programme inspector recorded an inspection of a centre, passed or not. */
export const centreInspected = defineEvent(
  'centre.inspected',
  1,
  z.object({
    centerId: z.guid(),
    inspectionId: z.guid(),
    ownerId: z.guid(),
    passed: z.boolean(),
    internetMbpsMeasured: z.number(),
    seatsCounted: z.number().int(),
  }),
  "A centre's inspection was recorded: passed (it may open) or not (what fell short is on the centre's page).",
);

/** Programme staff booked, moved or cancelled an inspection visit to a centre under set-up. */
export const inspectionVisitChanged = defineEvent(
  'centre.inspection_visit_changed',
  1,
  z.object({
    centerId: z.guid(),
    visitId: z.guid(),
    ownerId: z.guid(),
    change: z.enum(['booked', 'rescheduled', 'cancelled']),
    startsAt: z.string(),
    endsAt: z.string(),
    reason: z.string().nullable(),
  }),
  'An inspection visit to a centre was booked, moved to another window, or cancelled (with the reason); the owner is told.',
);

/** An inspector was given a visit, had it moved or cancelled, or was taken off it. */
export const inspectionVisitAssigned = defineEvent(
  'centre.inspection_visit_assigned',
  1,
  z.object({
    centerId: z.guid(),
    visitId: z.guid(),
    inspectorId: z.guid(),
    change: z.enum(['assigned', 'moved', 'unassigned', 'cancelled']),
    startsAt: z.string(),
    endsAt: z.string(),
  }),
  'An inspector was given an inspection visit, or their visit was moved, cancelled or given to someone else; the inspector is told.',
);

import { z } from 'zod';
import { defineEvent } from '../../platform/events/index.ts';

/** The committee's decision on one application, recorded when the admin confirms a call's ranking. */
export const applicationDecided = defineEvent(
  'application.decided',
  1,
  z.object({
    applicationId: z.guid(),
    callId: z.guid(),
    reference: z.string(),
    ownerId: z.guid(),
    outcome: z.enum(['shortlisted', 'not_selected', 'failed']),
    rank: z.number().int().nullable(),
  }),
  "An application's outcome was decided with its call's ranking: shortlisted, not selected or failed.",
);

/** An owner submitted an application to a call: it is received and waits for evaluation. */
export const applicationSubmitted = defineEvent(
  'application.submitted',
  1,
  z.object({ applicationId: z.guid(), callId: z.guid(), reference: z.string(), ownerId: z.guid() }),
  'An owner submitted an application to an open call; it is received and waits for evaluation.',
);

/** An evaluator was assigned an application to score (by the admin, or automatically). */
export const evaluationAssigned = defineEvent(
  'evaluation.assigned',
  1,
  z.object({
    assignmentId: z.guid(),
    applicationId: z.guid(),
    callId: z.guid(),
    reference: z.string(),
    evaluatorId: z.guid(),
  }),
  'An evaluator was assigned an application to score, by the admin or automatically.',
);

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

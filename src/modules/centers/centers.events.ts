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

import { z } from 'zod';
import { defineEvent } from '../../platform/events/index.ts';

/** A confirmed booking cancelled because its centre closed for a while, was suspended or closed. */
export const bookingCancelledByCentre = defineEvent(
  'booking.cancelled_by_centre',
  1,
  z.object({
    bookingId: z.guid(),
    centerId: z.guid(),
    bookerId: z.guid(),
    reason: z.enum(['centre_closed', 'centre_suspended']),
  }),
  "A confirmed booking was cancelled by its centre's closure, suspension or closing (not by the freelancer).",
);

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

/** Seats booked: one event per booking request (a recurring series is one event). */
export const bookingConfirmed = defineEvent(
  'booking.confirmed',
  1,
  z.object({
    bookingIds: z.array(z.guid()).min(1),
    centerId: z.guid(),
    bookerId: z.guid(),
    fromWaitlist: z.boolean(),
  }),
  'A freelancer booked one seat or a recurring series (or took up a waitlist offer): the bookings are confirmed.',
);

/** The owner marked a paid booking that the centre cancelled as refunded. */
export const bookingRefunded = defineEvent(
  'booking.refunded',
  1,
  z.object({ bookingId: z.guid(), centerId: z.guid(), bookerId: z.guid(), amountMinor: z.number().int() }),
  "The centre's owner marked a paid booking the centre cancelled as refunded.",
);

/** A freed seat is offered to the first in a waitlist, until `expiresAt`. */
export const waitlistSeatOffered = defineEvent(
  'waitlist.seat_offered',
  1,
  z.object({
    entryId: z.guid(),
    centerId: z.guid(),
    seatId: z.guid(),
    freelancerId: z.guid(),
    expiresAt: z.iso.datetime(),
  }),
  'A seat came free and is held for the first freelancer in its waitlist until `expiresAt`.',
);

/** Nobody checked in within the centre's grace: the booking became a no-show and its seat was freed. */
export const bookingNoShowReleased = defineEvent(
  'booking.no_show_released',
  1,
  z.object({ bookingId: z.guid(), centerId: z.guid(), bookerId: z.guid() }),
  "A confirmed booking nobody checked in to within the centre's grace became a no-show; its seat was freed.",
);

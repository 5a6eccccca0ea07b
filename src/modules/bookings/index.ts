// The bookings area's public face: other areas import only from here.
import type { AreaManifest } from '../../platform/area.ts';
import { inOrder } from '../../platform/figures.ts';
import { subscribe } from '../../platform/hooks.ts';
import { centreUnavailable } from '../centers/index.ts';
import { seedCentresDemo } from './bookings.demo.ts';
import {
  bookingCancelledByCentre,
  bookingConfirmed,
  bookingNoShowReleased,
  bookingRefunded,
  waitlistSeatOffered,
} from './bookings.events.ts';
import { bookingsFigures } from './bookings.figures.ts';
import { bookingsRoutes } from './bookings.routes.ts';
import { centreUnavailableHandler } from './centre-unavailable.service.ts';
import { noShowJob, waitlistJob } from './no-show.job.ts';

export const bookingsArea: AreaManifest = {
  name: 'bookings',
  routes: (deps) => bookingsRoutes(deps),
  jobs: () => [
    { ...noShowJob, order: 50 },
    { ...waitlistJob, order: 50 },
  ],
  figures: inOrder(50, bookingsFigures),
  events: [
    bookingCancelledByCentre,
    bookingConfirmed,
    bookingRefunded,
    waitlistSeatOffered,
    bookingNoShowReleased,
  ],
  demo: {
    step: 'centres in operation, seats and bookings',
    seed: async (deps) => {
      await seedCentresDemo(deps);
      return undefined;
    },
  },
  // Closures, suspension and closing of a centre cancel the bookings they hit, in the same
  // transaction (centers/centre-unavailable.ts).
  hooks: [subscribe(centreUnavailable, centreUnavailableHandler)],
};
export { seedCentresDemo } from './bookings.demo.ts';
export {
  bookingCancelledByCentre,
  bookingConfirmed,
  bookingNoShowReleased,
  bookingRefunded,
  waitlistSeatOffered,
} from './bookings.events.ts';
export type { Booking } from './bookings.schema.ts';
export type { BookingPlan, BookingStatus, BookingsTables } from './bookings.table.ts';
export { type CalendarEntries, calendarEntries } from './calendar-entries.ts';
export { checkIn, checkInToken } from './check-in.service.ts';
export { makeCheckInToken, STEP_SECONDS, stepAt, verifyCheckInToken } from './check-in-token.ts';
export { createBookings } from './create-booking.service.ts';
export type { CalendarEvent } from './ical.ts';
export { cancelBooking, getBooking, listMyBookings } from './manage-booking.service.ts';
export { releaseNoShows } from './no-show.job.ts';
export {
  holdRoom,
  type RoomHoldRequest,
  type RoomSlot,
  releaseRoomHold,
  roomAlternatives,
} from './room-holds.ts';
export { ensureTokenSecret, mac, sameMac } from './token-secret.ts';

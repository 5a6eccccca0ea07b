// The bookings area's public face: other areas import only from here.
import type { AreaManifest } from '../../platform/area.ts';
import { inOrder } from '../../platform/figures.ts';
import { subscribe } from '../../platform/hooks.ts';
import { centreUnavailable } from '../centers/index.ts';
import { bookerMobileRoutes } from './booker-mobile.routes.ts';
import { bookingPhotoRoutes } from './booking-photos.routes.ts';
import { seedCentresDemo } from './bookings.demo.ts';
import {
  bookingCancelledByCentre,
  bookingConfirmed,
  bookingNoShowReleased,
  bookingRefunded,
  waitlistSeatOffered,
} from './bookings.events.ts';
import { bookingsFigures } from './bookings.figures.ts';
import { bookingsPersonalRecords } from './bookings.records.ts';
import { bookingsRoutes } from './bookings.routes.ts';
import { seedBookingHistory } from './bookings-history.demo.ts';
import { seedCentrePhotos } from './centre-photos.demo.ts';
import { centreUnavailableHandler } from './centre-unavailable.service.ts';
import { noShowJob, waitlistJob } from './no-show.job.ts';
import { rescheduleRoutes } from './reschedule.routes.ts';
import { seedUnmetDemand } from './unmet-demand.demo.ts';
import { unmetDemandRoutes } from './unmet-demand.routes.ts';

export const bookingsArea: AreaManifest = {
  personalRecords: bookingsPersonalRecords,
  name: 'bookings',
  routes: (deps) => async (app) => {
    await app.register(bookingsRoutes(deps));
    await app.register(rescheduleRoutes(deps));
    await app.register(bookerMobileRoutes(deps));
    await app.register(bookingPhotoRoutes(deps));
    await app.register(unmetDemandRoutes(deps));
  },
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
      await seedCentrePhotos(deps);
      await seedBookingHistory(deps);
      await seedUnmetDemand(deps);
      return undefined;
    },
  },
  // Closures, suspension and closing of a centre cancel the bookings they hit, in the same
  // transaction (centers/centre-unavailable.ts).
  hooks: [subscribe(centreUnavailable, centreUnavailableHandler)],
};
export { bulkLoadingBookings, type LiveFreeSeats, liveFreeSeats } from './availability/free-seats-live.ts';
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

// The bookings area's public face: other areas import only from here.
import type { Deps } from '../../deps.ts';
import type { Job } from '../../jobs/scheduler.ts';
import { onCentreUnavailable } from '../centers/index.ts';
import { centreUnavailableHandler } from './centre-unavailable.service.ts';
import { noShowJob, waitlistJob } from './no-show.job.ts';

// Closures, suspension and closing of a centre cancel the bookings they hit (see centers/centre-unavailable.ts).
onCentreUnavailable(centreUnavailableHandler);

export { centresAndBookingsRoutes } from './all-routes.ts';
export { seedCentresDemo } from './bookings.demo.ts';
export type { Booking } from './bookings.schema.ts';
export type { BookingPlan, BookingStatus, BookingsTables, CentresBookingsTables } from './bookings.table.ts';
export { checkIn, checkInToken } from './check-in.service.ts';
export { createBookings } from './create-booking.service.ts';
export { cancelBooking, getBooking, listMyBookings } from './manage-booking.service.ts';
export { releaseNoShows } from './no-show.job.ts';

/** The scheduled jobs of this area, for src/jobs/registry.ts. */
export function bookingJobs(_deps: Deps): Job[] {
  return [noShowJob, waitlistJob];
}
export { bookingsFigures } from './bookings.figures.ts';

// The bookings area's public face: other areas import only from here.
export { centresAndBookingsRoutes } from './all-routes.ts';
export type { BookingPlan, BookingStatus, BookingsTables, CentresBookingsTables } from './bookings.table.ts';

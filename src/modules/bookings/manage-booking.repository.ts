import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import {
  overlapsWindow,
  selectBookings,
  selectCentreBookings,
  selectRefundsDue,
  toBooking,
  toCentreBooking,
  upperAfter,
  upperAtOrBefore,
} from './bookings.repository.ts';
import type { Booking, CentreBooking } from './bookings.schema.ts';

type Db = Kysely<Database>;

/** How long before a booking's start a cancellation still counts as on time. */
export async function findCancellationWindowHours(db: Db, centerId: string): Promise<number> {
  const row = await db
    .selectFrom('centers')
    .select('cancellation_window_hours')
    .where('center_id', '=', centerId)
    .executeTakeFirstOrThrow();
  return row.cancellation_window_hours;
}

/** The booker's cancellation, guarded by the status; false when the booking changed meanwhile. */
export async function cancelConfirmedBooking(
  trx: Db,
  centerId: string,
  bookingId: string,
  now: Date,
  late: boolean,
): Promise<boolean> {
  const res = await trx
    .updateTable('bookings')
    .set({ status: 'cancelled', cancelled_at: now, late_cancellation: late, cancel_reason: 'booker' })
    .where('center_id', '=', centerId)
    .where('booking_id', '=', bookingId)
    .where('status', '=', 'confirmed')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** False when it was already marked paid. */
export async function markPaid(trx: Db, centerId: string, bookingId: string): Promise<boolean> {
  const res = await trx
    .updateTable('bookings')
    .set({ paid: true })
    .where('center_id', '=', centerId)
    .where('booking_id', '=', bookingId)
    .where('paid', '=', false)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Checks a booking out, guarded by the status; false when it changed meanwhile. */
export async function releaseCheckedInBooking(
  trx: Db,
  centerId: string,
  bookingId: string,
  now: Date,
): Promise<boolean> {
  const res = await trx
    .updateTable('bookings')
    .set({ status: 'released', released_at: now })
    .where('center_id', '=', centerId)
    .where('booking_id', '=', bookingId)
    .where('status', '=', 'checked_in')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The centre's owner, or null when there is no such centre. */
export async function findCenterOwnerId(db: Db, centerId: string): Promise<string | null> {
  const center = await db
    .selectFrom('centers')
    .select('owner_id')
    .where('center_id', '=', centerId)
    .executeTakeFirst();
  return center ? center.owner_id : null;
}

/** A booker's bookings: upcoming (soonest first), past (latest first) or all. */
export async function listBookingsOf(
  db: Db,
  bookerId: string,
  q: { scope: 'upcoming' | 'past' | 'all'; limit: number },
  now: Date,
): Promise<Booking[]> {
  let query = selectBookings(db).where('b.booker_id', '=', bookerId);
  if (q.scope === 'upcoming') query = query.where(upperAfter(now));
  if (q.scope === 'past') query = query.where(upperAtOrBefore(now));
  const rows = await query
    .orderBy('starts_at', q.scope === 'past' ? 'desc' : 'asc')
    .limit(q.limit)
    .execute();
  return rows.map(toBooking);
}

/** A centre's bookings overlapping [from, until), with their bookers, by start and seat. */
export async function listCentreBookingsBetween(
  db: Db,
  centerId: string,
  from: Date,
  until: Date,
): Promise<CentreBooking[]> {
  const rows = await selectCentreBookings(db)
    .where('b.center_id', '=', centerId)
    .where(overlapsWindow(from, until))
    .orderBy('starts_at')
    .orderBy('seat_label')
    .execute();
  return rows.map(toCentreBooking);
}

export async function listCentreRefundsDue(db: Db, centerId: string): Promise<CentreBooking[]> {
  const rows = await selectRefundsDue(db, centerId).execute();
  return rows.map(toCentreBooking);
}

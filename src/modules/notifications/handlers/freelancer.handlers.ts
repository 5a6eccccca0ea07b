import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database.ts';
import type { EventHandler } from '../../../platform/events/index.ts';
import { karachiTime } from '../../../shared/time.ts';
import {
  bookingCancelledByCentre,
  bookingConfirmed,
  bookingNoShowReleased,
  bookingRefunded,
  waitlistSeatOffered,
} from '../../bookings/index.ts';
import { centreBecameOperational } from '../../centers/index.ts';
import {
  bookingFacts,
  firstBookingOf,
  freelancersNear,
  rupees,
  waitlistFacts,
  when,
} from '../audience.repository.ts';
import { found, notify, type Target } from './notify.ts';

/** The booker's notice about one booking: the centre's names and its start. */
async function aboutBooking(
  trx: Kysely<Database>,
  p: { bookingId: string; bookerId: string },
  extra: (paid: boolean) => Record<string, string> = () => ({}),
): Promise<Target[]> {
  const b = found(await bookingFacts(trx, p.bookingId), `booking ${p.bookingId}`);
  const params = { centre: b.name_en, centre_ur: b.name_ur ?? '', start: when(new Date(b.starts_at)) };
  return [{ userId: p.bookerId, params: { ...params, ...extra(b.paid) }, link: '/bookings' }];
}

/** Freelancers: their bookings, the waitlist, refunds, new centres near them. */
export const freelancerHandlers: readonly EventHandler[] = [
  notify(bookingConfirmed, 'notifications.booking-confirmed', 'booking.confirmed', async (p, trx) => {
    const first = found(await firstBookingOf(trx, p.bookingIds), `bookings ${p.bookingIds.join(', ')}`);
    const params = {
      centre: first.name_en,
      centre_ur: first.name_ur ?? '',
      start: when(new Date(first.starts_at)),
      more: String(first.n - 1),
    };
    return [{ userId: p.bookerId, params, link: '/bookings' }];
  }),
  notify(
    bookingCancelledByCentre,
    'notifications.booking-cancelled',
    'booking.cancelled_by_centre',
    (p, trx) => aboutBooking(trx, p, (paid) => ({ refund: paid ? 'yes' : 'no' })),
  ),
  notify(bookingRefunded, 'notifications.booking-refunded', 'booking.refunded', (p, trx) =>
    aboutBooking(trx, p, () => ({ amount: rupees(p.amountMinor) })),
  ),
  notify(bookingNoShowReleased, 'notifications.booking-no-show', 'booking.no_show', (p, trx) =>
    aboutBooking(trx, p),
  ),
  notify(waitlistSeatOffered, 'notifications.waitlist-offer', 'waitlist.offer', async (p, trx) => {
    const w = found(await waitlistFacts(trx, p.entryId), `waitlist entry ${p.entryId}`);
    const params = {
      centre: w.name_en,
      centre_ur: w.name_ur ?? '',
      start: when(new Date(w.starts_at)),
      until: karachiTime(new Date(p.expiresAt)),
    };
    return [{ userId: p.freelancerId, params, link: '/bookings' }];
  }),
  notify(
    centreBecameOperational,
    'notifications.centre-opened-nearby',
    'centre.opened_nearby',
    async (p, trx) =>
      (await freelancersNear(trx, p.centerId)).map((f) => ({
        userId: f.user_id,
        params: { centre: f.name_en, centre_ur: f.name_ur ?? '', km: String(f.km) },
        link: `/centres/${p.centerId}`,
      })),
  ),
];

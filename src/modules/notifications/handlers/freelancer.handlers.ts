import { type EventHandler, on } from '../../../platform/events/index.ts';
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
import { type NoticeRequest, queueNotices } from '../queue.service.ts';
import { eventSource } from './source.ts';

/** One booking's notice: the centre's names and its start, read when the event is handled. */
function onBooking(
  def: typeof bookingCancelledByCentre | typeof bookingRefunded | typeof bookingNoShowReleased,
  id: string,
  kind: 'booking.cancelled_by_centre' | 'booking.refunded' | 'booking.no_show',
  extra: (payload: { amountMinor?: number }, paid: boolean) => Record<string, string> = () => ({}),
): EventHandler {
  return on(def, id, async (deps, e, trx) => {
    const b = await bookingFacts(trx, e.payload.bookingId);
    if (!b) throw new Error(`booking ${e.payload.bookingId} not found`);
    const req: NoticeRequest = {
      sourceKey: eventSource(e.id),
      kind,
      userId: e.payload.bookerId,
      params: {
        centre: b.name_en,
        centre_ur: b.name_ur ?? '',
        start: when(new Date(b.starts_at)),
        ...extra(e.payload as { amountMinor?: number }, b.paid),
      },
      link: '/bookings',
    };
    await queueNotices(trx, deps, [req]);
  });
}

/** Freelancers: their bookings, the waitlist, refunds, new centres near them. */
export const freelancerHandlers: readonly EventHandler[] = [
  on(bookingConfirmed, 'notifications.booking-confirmed', async (deps, e, trx) => {
    const first = await firstBookingOf(trx, e.payload.bookingIds);
    if (!first) throw new Error(`bookings ${e.payload.bookingIds.join(', ')} not found`);
    await queueNotices(trx, deps, [
      {
        sourceKey: eventSource(e.id),
        kind: 'booking.confirmed',
        userId: e.payload.bookerId,
        params: {
          centre: first.name_en,
          centre_ur: first.name_ur ?? '',
          start: when(new Date(first.starts_at)),
          more: String(first.n - 1),
        },
        link: '/bookings',
      },
    ]);
  }),
  onBooking(
    bookingCancelledByCentre,
    'notifications.booking-cancelled',
    'booking.cancelled_by_centre',
    (_p, paid) => ({ refund: paid ? 'yes' : 'no' }),
  ),
  onBooking(bookingRefunded, 'notifications.booking-refunded', 'booking.refunded', (p) => ({
    amount: rupees(p.amountMinor ?? 0),
  })),
  onBooking(bookingNoShowReleased, 'notifications.booking-no-show', 'booking.no_show'),
  on(waitlistSeatOffered, 'notifications.waitlist-offer', async (deps, e, trx) => {
    const w = await waitlistFacts(trx, e.payload.entryId);
    if (!w) throw new Error(`waitlist entry ${e.payload.entryId} not found`);
    await queueNotices(trx, deps, [
      {
        sourceKey: eventSource(e.id),
        kind: 'waitlist.offer',
        userId: e.payload.freelancerId,
        params: {
          centre: w.name_en,
          centre_ur: w.name_ur ?? '',
          start: when(new Date(w.starts_at)),
          until: karachiTime(new Date(e.payload.expiresAt)),
        },
        link: '/bookings',
      },
    ]);
  }),
  on(centreBecameOperational, 'notifications.centre-opened-nearby', async (deps, e, trx) => {
    const near = await freelancersNear(trx, e.payload.centerId);
    await queueNotices(
      trx,
      deps,
      near.map((f) => ({
        sourceKey: eventSource(e.id),
        kind: 'centre.opened_nearby' as const,
        userId: f.user_id,
        params: { centre: f.name_en, centre_ur: f.name_ur ?? '', km: String(f.km) },
        link: `/centres/${e.payload.centerId}`,
      })),
    );
  }),
];

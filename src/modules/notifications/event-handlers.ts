import { type EventHandler, on } from '../../platform/events/index.ts';
import { bookingCancelledByCentre } from '../bookings/index.ts';
import { applicationDecided } from '../calls/index.ts';
import { centreBecameOperational } from '../centers/index.ts';
import { instalmentOverdue } from '../loans/index.ts';
import { bookingFacts, freelancersNear, loanOwner, rupees, when } from './audience.repository.ts';
import { queueNotices } from './queue.service.ts';

// Domain events → notices. Each runs in the dispatcher's transaction, so the queued notices commit
// with the delivery's done mark; the source key is the event id, so a re-delivery adds nothing.

const source = (eventId: string) => `event:${eventId}`;

export const notificationHandlers: readonly EventHandler[] = [
  on(applicationDecided, 'notifications.application-decided', async (deps, e, trx) => {
    const p = e.payload;
    await queueNotices(trx, deps, [
      {
        sourceKey: source(e.id),
        kind: 'application.decided',
        userId: p.ownerId,
        params: { reference: p.reference, outcome: p.outcome },
        link: `/applications/${p.applicationId}`,
      },
    ]);
  }),
  on(instalmentOverdue, 'notifications.instalment-overdue', async (deps, e, trx) => {
    const p = e.payload;
    const owner = await loanOwner(trx, p.loanId);
    if (!owner) throw new Error(`loan ${p.loanId} not found`);
    const days = Math.round((Date.parse(p.asOf) - Date.parse(p.dueDate)) / 86400_000);
    await queueNotices(trx, deps, [
      {
        // The same key as the daily job's day-1 reminder, so the two never both send.
        sourceKey: `overdue:${p.loanId}:${p.instalmentNumber}:${Math.max(1, days)}`,
        kind: 'loan.instalment_overdue',
        userId: owner,
        params: {
          number: String(p.instalmentNumber),
          dueDate: p.dueDate,
          amount: rupees(p.unpaidMinor),
          days: String(Math.max(1, days)),
        },
        link: `/loans/${p.loanId}`,
      },
    ]);
  }),
  on(bookingCancelledByCentre, 'notifications.booking-cancelled', async (deps, e, trx) => {
    const b = await bookingFacts(trx, e.payload.bookingId);
    if (!b) throw new Error(`booking ${e.payload.bookingId} not found`);
    await queueNotices(trx, deps, [
      {
        sourceKey: source(e.id),
        kind: 'booking.cancelled_by_centre',
        userId: e.payload.bookerId,
        params: {
          centre: b.name_en,
          centre_ur: b.name_ur ?? '',
          start: when(new Date(b.starts_at)),
          refund: b.paid ? 'yes' : 'no',
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
        sourceKey: source(e.id),
        kind: 'centre.opened_nearby' as const,
        userId: f.user_id,
        params: { centre: f.name_en, centre_ur: f.name_ur ?? '', km: String(f.km) },
        link: `/centres/${e.payload.centerId}`,
      })),
    );
  }),
];

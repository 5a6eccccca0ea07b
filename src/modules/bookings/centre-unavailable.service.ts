import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { emitEvents } from '../../platform/events/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import type { Affected, CentreUnavailable, CentreUnavailableHandler } from '../centers/index.ts';
import { bookingCancelledByCentre } from './bookings.events.ts';
import { range } from './bookings.repository.ts';

type Db = Kysely<Database>;

/** Confirmed bookings that start after `now` inside the event's span (monthly desks if it says so). */
function hitBookings(db: Db, e: CentreUnavailable, now: Date) {
  const span = range(e.from < now ? now : e.from, e.until ?? new Date('9999-12-31T00:00:00Z'));
  let q = db
    .selectFrom('bookings as b')
    .where('b.center_id', '=', e.centerId)
    .where('b.status', '=', 'confirmed')
    .where(sql<boolean>`lower(b.during) > ${now}`)
    .where(sql<boolean>`b.during && ${span}`);
  if (!e.includeMonthly) q = q.where('b.plan', '!=', 'monthly');
  return q;
}

function hitWaitlist(db: Db, e: CentreUnavailable, now: Date) {
  const span = range(e.from < now ? now : e.from, e.until ?? new Date('9999-12-31T00:00:00Z'));
  return db
    .selectFrom('waitlist_entries as w')
    .where('w.center_id', '=', e.centerId)
    .where('w.status', 'in', ['waiting', 'offered'])
    .where(sql<boolean>`w.during && ${span}`);
}

/**
 * A closure, suspension or closing cancels the bookings and waitlist places it hits, in the
 * transaction of the change: reason centre_closed or centre_suspended, never a late
 * cancellation, one audit entry each. Freed seats are not offered on: the centre is shut.
 */
export const centreUnavailableHandler: CentreUnavailableHandler = {
  async count(db, e, now): Promise<Affected> {
    const [b, w] = await Promise.all([
      hitBookings(db, e, now)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
      hitWaitlist(db, e, now)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { bookings: Number(b.n), waitlist: Number(w.n) };
  },

  async apply(deps: Deps, trx: Db, actor: Actor, e: CentreUnavailable): Promise<Affected> {
    const clock = deps.clock;
    const now = clock.now();
    const ids = (await hitBookings(trx, e, now).select('b.booking_id').forUpdate().execute()).map(
      (r) => r.booking_id,
    );
    const cancelled = ids.length
      ? await trx
          .updateTable('bookings')
          .set({
            status: 'cancelled',
            cancelled_at: now,
            late_cancellation: false,
            cancel_reason: e.reason,
            cancel_note: e.note,
            cancel_note_ur: e.noteUr ?? null,
          })
          .where('center_id', '=', e.centerId)
          .where('booking_id', 'in', ids)
          .where('status', '=', 'confirmed')
          .returning(['booking_id', 'booker_id'])
          .execute()
      : [];
    for (const b of cancelled) {
      await recordChange(trx, actor, clock, {
        action: 'booking.cancelled',
        entity: 'booking',
        entityId: b.booking_id,
        details: { centerId: e.centerId, reason: e.reason, late: false, bookerId: b.booker_id },
      });
    }
    await emitEvents(
      trx,
      deps,
      bookingCancelledByCentre,
      cancelled.map((b) => ({
        bookingId: b.booking_id,
        centerId: e.centerId,
        bookerId: b.booker_id,
        reason: e.reason,
      })),
      { requestId: actor.requestId },
    );
    const entries = (await hitWaitlist(trx, e, now).select('w.entry_id').forUpdate().execute()).map(
      (r) => r.entry_id,
    );
    const freed = entries.length
      ? await trx
          .updateTable('waitlist_entries')
          .set({
            status: 'cancelled',
            cancel_reason: e.reason,
            offered_seat_id: null,
            offer_expires_at: null,
            updated_at: now,
          })
          .where('center_id', '=', e.centerId)
          .where('entry_id', 'in', entries)
          .where('status', 'in', ['waiting', 'offered'])
          .returning('entry_id')
          .execute()
      : [];
    for (const w of freed) {
      await recordChange(trx, actor, clock, {
        action: 'waitlist.cancelled',
        entity: 'waitlist_entry',
        entityId: w.entry_id,
        details: { centerId: e.centerId, reason: e.reason },
      });
    }
    return { bookings: cancelled.length, waitlist: freed.length };
  },
};

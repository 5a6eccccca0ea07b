import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole, requireUser, systemActor } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { checkOccurrence, windowFor } from './booking-window.ts';
import * as repo from './bookings.repository.ts';
import type { Booking } from './bookings.schema.ts';
import { priceFor, SEAT_KINDS_FOR_PLAN } from './create-booking.service.ts';
import { capConflict, describeOwn, lockFreelancer } from './freelancer-cap.ts';
import { OFFER_HOLD_MINUTES, selectEntries, toEntry } from './waitlist.repository.ts';
import type { JoinWaitlistInput, WaitlistEntry } from './waitlist.schema.ts';

type Trx = Kysely<Database>;

/** Joins the queue for a window in which no seat of the kind is free. */
export async function joinWaitlist(
  deps: Deps,
  actor: Actor,
  input: JoinWaitlistInput,
): Promise<WaitlistEntry> {
  requireRole(actor, 'freelancer');
  requireUser(actor);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const center = await trx
      .selectFrom('centers')
      .selectAll()
      .where('center_id', '=', input.centerId)
      .executeTakeFirst();
    if (!center) throw notFound('Centre');
    if (center.status !== 'operational')
      throw new AppError('invalid_state', `This centre is ${center.status}`);
    const kind = input.seatKind ?? SEAT_KINDS_FOR_PLAN[input.plan][0]!;
    if (!SEAT_KINDS_FOR_PLAN[input.plan].includes(kind))
      throw invalidField('seatKind', `${input.plan} books other seats`);
    const cal = await repo.loadCalendar(trx, center.center_id, karachiDate(now));
    const w = windowFor(input.plan, input.date, input, cal);
    const issue = 'path' in w ? w : checkOccurrence(input.plan, input.date, w, cal, now);
    if (issue || 'path' in w) throw invalidField(issue!.path, issue!.message);
    const free = await repo.findFreeSeats(trx, center.center_id, [kind], w.start, w.end, 5);
    if (free.length) {
      throw new AppError('conflict', 'Seats are free in that window: book one instead', {
        alternatives: free,
      });
    }
    let entryId: string;
    try {
      const row = await trx
        .insertInto('waitlist_entries')
        .values({
          center_id: center.center_id,
          freelancer_id: actor.userId,
          plan: input.plan,
          seat_kind: kind,
          during: repo.range(w.start, w.end),
          status: 'waiting',
          created_at: now,
          updated_at: now,
        })
        .returning('entry_id')
        .executeTakeFirstOrThrow();
      entryId = row.entry_id;
    } catch (err) {
      if ((err as { code?: string }).code === '23505') {
        throw new AppError('already_exists', 'You are already in the queue for that window');
      }
      throw err;
    }
    const entry = toEntry(
      await selectEntries(trx).where('w.entry_id', '=', entryId).executeTakeFirstOrThrow(),
    );
    await recordChange(trx, actor, deps.clock, {
      action: 'waitlist.joined',
      entity: 'waitlist_entry',
      entityId: entryId,
      after: entry,
      details: { centerId: entry.centerId, seatKind: kind, start: entry.start },
    });
    return entry;
  });
}

export async function listMyWaitlist(deps: Deps, actor: Actor): Promise<WaitlistEntry[]> {
  requireUser(actor);
  const rows = await selectEntries(deps.db)
    .where('w.freelancer_id', '=', actor.userId)
    .orderBy('w.created_at', 'desc')
    .limit(100)
    .execute();
  return rows.map(toEntry);
}

async function lockOwnEntry(trx: Trx, actor: Actor, entryId: string) {
  requireUser(actor);
  const row = await trx
    .selectFrom('waitlist_entries')
    .selectAll()
    .where('entry_id', '=', entryId)
    .forUpdate()
    .executeTakeFirst();
  if (!row || row.freelancer_id !== actor.userId) throw notFound('Waitlist entry');
  return row;
}

/** Leaves the queue; a seat on offer passes to the next in line. */
export async function leaveWaitlist(deps: Deps, actor: Actor, entryId: string): Promise<WaitlistEntry> {
  requireUser(actor);
  return inTransaction(deps.db, async (trx) => {
    const row = await lockOwnEntry(trx, actor, entryId);
    if (row.status !== 'waiting' && row.status !== 'offered')
      throw new AppError('invalid_state', `This entry is ${row.status}`);
    await trx
      .updateTable('waitlist_entries')
      .set({ status: 'left', updated_at: deps.clock.now() })
      .where('center_id', '=', row.center_id)
      .where('entry_id', '=', entryId)
      .where('status', '=', row.status)
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'waitlist.left',
      entity: 'waitlist_entry',
      entityId: entryId,
    });
    if (row.status === 'offered') await offerFreedSeat(deps, trx, row.center_id, row.offered_seat_id!);
    return toEntry(await selectEntries(trx).where('w.entry_id', '=', entryId).executeTakeFirstOrThrow());
  });
}

/** Takes up the offered seat: the booking is made, under the same exclusion constraint as any. */
export async function acceptOffer(deps: Deps, actor: Actor, entryId: string): Promise<Booking> {
  requireRole(actor, 'freelancer');
  requireUser(actor);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const row = await lockOwnEntry(trx, actor, entryId);
    if (row.status !== 'offered')
      throw new AppError('invalid_state', `There is no offer on this entry (${row.status})`);
    if (row.offer_expires_at! <= now) throw new AppError('invalid_state', 'The offer has expired');
    const entry = await selectEntries(trx).where('w.entry_id', '=', entryId).executeTakeFirstOrThrow();
    const center = await trx
      .selectFrom('centers')
      .selectAll()
      .where('center_id', '=', row.center_id)
      .executeTakeFirstOrThrow();
    if (center.status !== 'operational')
      throw new AppError('invalid_state', `This centre is ${center.status}`);
    const w = { start: new Date(entry.starts_at), end: new Date(entry.ends_at) };
    const price = priceFor(row.plan, w, center);
    if (price === null) throw new AppError('invalid_state', 'The centre no longer offers this plan');
    await lockFreelancer(trx, actor.userId);
    const own = await capConflict(trx, actor.userId, center.max_concurrent_per_freelancer, w.start, w.end);
    if (own) {
      throw new AppError(
        'conflict',
        `You already hold a booking then: ${own.map(describeOwn).join('; ')}. One person books one seat at a time`,
        { ownBookings: own },
      );
    }
    const buffer = row.plan === 'meeting_room' ? center.meeting_buffer_minutes * 60_000 : 0;
    const bookingId = await repo.tryInsertBooking(trx, {
      centerId: row.center_id,
      seatId: row.offered_seat_id!,
      bookerId: actor.userId,
      plan: row.plan,
      start: w.start,
      end: w.end,
      blockedEnd: new Date(w.end.getTime() + buffer),
      priceMinor: price,
      seriesId: null,
      now,
    });
    if (!bookingId)
      throw new AppError('conflict', 'The seat was taken meanwhile; you keep your place in the queue');
    await trx
      .updateTable('waitlist_entries')
      .set({ status: 'accepted', booking_id: bookingId, updated_at: now })
      .where('center_id', '=', row.center_id)
      .where('entry_id', '=', entryId)
      .where('status', '=', 'offered')
      .execute();
    const booking = repo.toBooking((await repo.findBookingRow(trx, bookingId))!);
    await recordChange(trx, actor, deps.clock, {
      action: 'booking.created',
      entity: 'booking',
      entityId: bookingId,
      after: booking,
      details: { centerId: booking.centerId, seatId: booking.seatId, fromWaitlist: entryId },
    });
    return booking;
  });
}

/**
 * A seat came free (a cancellation, a no-show, an offer declined or expired): offer it to the
 * first in line whose window it can hold, for OFFER_HOLD_MINUTES. First come, first offered.
 */
export async function offerFreedSeat(
  deps: Deps,
  trx: Trx,
  centerId: string,
  seatId: string,
): Promise<string | null> {
  const now = deps.clock.now();
  const expires = new Date(now.getTime() + OFFER_HOLD_MINUTES * 60_000);
  await sql`SAVEPOINT waitlist_offer`.execute(trx);
  try {
    const offered = await sql<{ entry_id: string; freelancer_id: string }>`
      UPDATE waitlist_entries w
         SET status = 'offered', offered_seat_id = ${seatId},
             offer_expires_at = least(${expires}::timestamptz, lower(w.during)), updated_at = ${now}
       WHERE (w.center_id, w.entry_id) = (
         SELECT q.center_id, q.entry_id FROM waitlist_entries q
           JOIN seats s ON s.center_id = q.center_id AND s.seat_id = ${seatId} AND s.kind = q.seat_kind AND s.active
          WHERE q.center_id = ${centerId} AND q.status = 'waiting' AND lower(q.during) > ${now}
            AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.center_id = q.center_id AND b.seat_id = ${seatId}
                             AND b.status IN ('confirmed', 'checked_in') AND b.blocked && q.during)
            AND NOT EXISTS (SELECT 1 FROM waitlist_entries o WHERE o.center_id = q.center_id
                             AND o.offered_seat_id = ${seatId} AND o.status = 'offered' AND o.during && q.during)
          ORDER BY q.seq
          LIMIT 1
          FOR UPDATE OF q SKIP LOCKED)
      RETURNING w.entry_id, w.freelancer_id`.execute(trx);
    await sql`RELEASE SAVEPOINT waitlist_offer`.execute(trx);
    const row = offered.rows[0];
    if (!row) return null;
    await recordChange(trx, systemActor('waitlist'), deps.clock, {
      action: 'waitlist.offered',
      entity: 'waitlist_entry',
      entityId: row.entry_id,
      details: { centerId, seatId, freelancerId: row.freelancer_id },
    });
    return row.entry_id;
  } catch (err) {
    await sql`ROLLBACK TO SAVEPOINT waitlist_offer`.execute(trx);
    if ((err as { code?: string }).code === '23P01') return null;
    throw err;
  }
}

/** Expired offers pass to the next in line; places whose window has begun lapse. */
export async function expireWaitlist(deps: Deps): Promise<{ expiredOffers: number; lapsed: number }> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const offers = await trx
      .updateTable('waitlist_entries')
      .set({ status: 'expired', updated_at: now })
      .where('status', '=', 'offered')
      .where('offer_expires_at', '<=', now)
      .returning(['center_id', 'entry_id', 'offered_seat_id'])
      .execute();
    for (const o of offers) {
      await recordChange(trx, systemActor('waitlist'), deps.clock, {
        action: 'waitlist.offer_expired',
        entity: 'waitlist_entry',
        entityId: o.entry_id,
      });
      await offerFreedSeat(deps, trx, o.center_id, o.offered_seat_id!);
    }
    const lapsed = await trx
      .updateTable('waitlist_entries')
      .set({ status: 'expired', updated_at: now })
      .where('status', '=', 'waiting')
      .where(sql<boolean>`lower(during) <= ${now}`)
      .executeTakeFirst();
    return { expiredOffers: offers.length, lapsed: Number(lapsed.numUpdatedRows) };
  });
}

import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole, requireUser, systemActor } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { checkOccurrence, issueField, windowFor } from './booking-window.ts';
import { bookingConfirmed, waitlistSeatOffered } from './bookings.events.ts';
import * as repo from './bookings.repository.ts';
import type { Booking } from './bookings.schema.ts';
import { priceFor, SEAT_KINDS_FOR_PLAN } from './create-booking.service.ts';
import { capConflict, describeOwn, lockFreelancer } from './freelancer-cap.ts';
import {
  expireOffers,
  findWaitlistCentre,
  insertWaitlistEntry,
  type LockedWaitlistEntry,
  lapseStartedEntries,
  listWaitlistEntriesOf,
  loadWaitlistEntry,
  lockWaitlistEntry,
  markEntryAccepted,
  markEntryLeft,
  OFFER_HOLD_MINUTES,
  offerSeatToNextInLine,
} from './waitlist.repository.ts';
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
    const center = await findWaitlistCentre(trx, input.centerId);
    if (!center) throw notFound('Centre');
    if (center.status !== 'operational')
      throw new AppError('invalid_state', `This centre is ${center.status}`);
    const kind = input.seatKind ?? SEAT_KINDS_FOR_PLAN[input.plan][0]!;
    if (!SEAT_KINDS_FOR_PLAN[input.plan].includes(kind))
      throw invalidField('seatKind', `${input.plan} books other seats`);
    const cal = await repo.loadCalendar(trx, center.centerId, karachiDate(now));
    const w = windowFor(input.plan, input.date, input, cal);
    const issue = 'path' in w ? w : checkOccurrence(input.plan, input.date, w, cal, now);
    if (issue || 'path' in w) {
      throw new AppError('validation_failed', `${issue!.path}: ${issue!.message}`, {
        fields: [issueField(issue!)],
      });
    }
    const free = await repo.findFreeSeats(trx, center.centerId, [kind], w.start, w.end, 5);
    if (free.length) {
      throw new AppError('conflict', 'Seats are free in that window: book one instead', {
        alternatives: free,
      });
    }
    const entryId = await insertWaitlistEntry(trx, {
      centerId: center.centerId,
      freelancerId: actor.userId,
      plan: input.plan,
      seatKind: kind,
      start: w.start,
      end: w.end,
      now,
    });
    if (!entryId) throw new AppError('already_exists', 'You are already in the queue for that window');
    const entry = await loadWaitlistEntry(trx, entryId);
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
  return listWaitlistEntriesOf(deps.db, actor.userId);
}

/** Someone else's entry is answered as missing, so its id reveals nothing. */
async function lockOwnEntry(trx: Trx, actor: Actor, entryId: string): Promise<LockedWaitlistEntry> {
  requireUser(actor);
  const entry = await lockWaitlistEntry(trx, entryId);
  if (!entry || entry.freelancerId !== actor.userId) throw notFound('Waitlist entry');
  return entry;
}

/** Leaves the queue; a seat on offer passes to the next in line. */
export async function leaveWaitlist(deps: Deps, actor: Actor, entryId: string): Promise<WaitlistEntry> {
  requireUser(actor);
  return inTransaction(deps.db, async (trx) => {
    const entry = await lockOwnEntry(trx, actor, entryId);
    if (entry.status !== 'waiting' && entry.status !== 'offered')
      throw new AppError('invalid_state', `This entry is ${entry.status}`);
    await markEntryLeft(trx, entry.centerId, entryId, entry.status, deps.clock.now());
    await recordChange(trx, actor, deps.clock, {
      action: 'waitlist.left',
      entity: 'waitlist_entry',
      entityId: entryId,
    });
    if (entry.status === 'offered') await offerFreedSeat(deps, trx, entry.centerId, entry.offeredSeatId!);
    return loadWaitlistEntry(trx, entryId);
  });
}

/** Takes up the offered seat: the booking is made, under the same exclusion constraint as any. */
export async function acceptOffer(deps: Deps, actor: Actor, entryId: string): Promise<Booking> {
  requireRole(actor, 'freelancer');
  requireUser(actor);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const entry = await lockOwnEntry(trx, actor, entryId);
    if (entry.status !== 'offered')
      throw new AppError('invalid_state', `There is no offer on this entry (${entry.status})`);
    if (entry.offerExpiresAt! <= now) throw new AppError('invalid_state', 'The offer has expired');
    const shown = await loadWaitlistEntry(trx, entryId);
    // The entry's foreign key keeps its centre.
    const center = (await findWaitlistCentre(trx, entry.centerId))!;
    if (center.status !== 'operational')
      throw new AppError('invalid_state', `This centre is ${center.status}`);
    const w = { start: new Date(shown.start), end: new Date(shown.end) };
    const price = priceFor(entry.plan, w, center);
    if (price === null) throw new AppError('invalid_state', 'The centre no longer offers this plan');
    await lockFreelancer(trx, actor.userId);
    const own = await capConflict(trx, actor.userId, center.maxConcurrentPerFreelancer, w.start, w.end);
    if (own) {
      throw new AppError(
        'conflict',
        `You already hold a booking then: ${own.map(describeOwn).join('; ')}. One person books one seat at a time`,
        { ownBookings: own },
      );
    }
    const buffer = entry.plan === 'meeting_room' ? center.meetingBufferMinutes * 60_000 : 0;
    const bookingId = await repo.tryInsertBooking(trx, {
      centerId: entry.centerId,
      seatId: entry.offeredSeatId!,
      bookerId: actor.userId,
      plan: entry.plan,
      start: w.start,
      end: w.end,
      blockedEnd: new Date(w.end.getTime() + buffer),
      priceMinor: price,
      seriesId: null,
      now,
    });
    if (!bookingId)
      throw new AppError('conflict', 'The seat was taken meanwhile; you keep your place in the queue');
    await markEntryAccepted(trx, entry.centerId, entryId, bookingId, now);
    const booking = repo.toBooking((await repo.findBookingRow(trx, bookingId))!);
    await recordChange(trx, actor, deps.clock, {
      action: 'booking.created',
      entity: 'booking',
      entityId: bookingId,
      after: booking,
      details: { centerId: booking.centerId, seatId: booking.seatId, fromWaitlist: entryId },
    });
    await emitEvent(
      trx,
      deps,
      bookingConfirmed,
      { bookingIds: [bookingId], centerId: entry.centerId, bookerId: actor.userId, fromWaitlist: true },
      actor,
    );
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
  const offered = await offerSeatToNextInLine(trx, centerId, seatId, now, expires);
  if (!offered) return null;
  await recordChange(trx, systemActor('waitlist'), deps.clock, {
    action: 'waitlist.offered',
    entity: 'waitlist_entry',
    entityId: offered.entryId,
    details: { centerId, seatId, freelancerId: offered.freelancerId },
  });
  await emitEvent(trx, deps, waitlistSeatOffered, {
    entryId: offered.entryId,
    centerId,
    seatId,
    freelancerId: offered.freelancerId,
    expiresAt: expires.toISOString(),
  });
  return offered.entryId;
}

/** Expired offers pass to the next in line; places whose window has begun lapse. */
export async function expireWaitlist(deps: Deps): Promise<{ expiredOffers: number; lapsed: number }> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const offers = await expireOffers(trx, now);
    for (const o of offers) {
      await recordChange(trx, systemActor('waitlist'), deps.clock, {
        action: 'waitlist.offer_expired',
        entity: 'waitlist_entry',
        entityId: o.entryId,
      });
      await offerFreedSeat(deps, trx, o.centerId, o.offeredSeatId);
    }
    const lapsed = await lapseStartedEntries(trx, now);
    return { expiredOffers: offers.length, lapsed };
  });
}

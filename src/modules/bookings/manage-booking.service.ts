import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole, requireUser } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { maskMobile } from '../../shared/mask.ts';
import { addDays, karachiDate, karachiMidnight } from '../../shared/time.ts';
import { canReadAnyCenter } from '../centers/index.ts';
import { contactsOf } from '../identity/index.ts';
import { canSeeBooking, isBooker, runsCenter } from './booking-access.ts';
import { bookingRefunded } from './bookings.events.ts';
import * as repo from './bookings.repository.ts';
import type { Booking, CentreBooking } from './bookings.schema.ts';
import {
  cancelConfirmedBooking,
  findCancellationWindowHours,
  findCenterOwnerId,
  listBookingsOf,
  listCentreBookingsBetween,
  listCentreRefundsDue,
  markPaid,
  releaseCheckedInBooking,
} from './manage-booking.repository.ts';
import { NO_REFUND_MESSAGE, whyNoRefund } from './refund.ts';
import { offerFreedSeat } from './waitlist.service.ts';

export async function getBooking(deps: Deps, actor: Actor, bookingId: string): Promise<Booking> {
  const row = await repo.findBookingRow(deps.db, bookingId);
  if (!row || !canSeeBooking(actor, row)) throw notFound('Booking');
  return repo.toBooking(row);
}

/**
 * The booker cancels before the start. Inside the centre's cancellation window it still
 * cancels, but is counted as late. The seat leaves the exclusion set at once.
 */
export async function cancelBooking(deps: Deps, actor: Actor, bookingId: string): Promise<Booking> {
  requireUser(actor);
  return inTransaction(deps.db, async (trx) => {
    const row = await repo.findBookingRow(trx, bookingId, true);
    if (!row || !canSeeBooking(actor, row)) throw notFound('Booking');
    if (!isBooker(actor, row)) throw new AppError('forbidden', 'Only the person who booked can cancel');
    if (row.status !== 'confirmed') throw new AppError('invalid_state', `This booking is ${row.status}`);
    const now = deps.clock.now();
    const start = new Date(row.starts_at);
    if (start <= now) throw new AppError('invalid_state', 'This booking has already started');
    const windowHours = await findCancellationWindowHours(trx, row.center_id);
    const late = start.getTime() - now.getTime() < windowHours * 3600_000;
    if (!(await cancelConfirmedBooking(trx, row.center_id, bookingId, now, late)))
      throw new AppError('conflict', 'The booking changed meanwhile');
    const after = repo.toBooking((await repo.findBookingRow(trx, bookingId))!);
    await offerFreedSeat(deps, trx, row.center_id, row.seat_id);
    await recordChange(trx, actor, deps.clock, {
      action: 'booking.cancelled',
      entity: 'booking',
      entityId: bookingId,
      before: repo.toBooking(row),
      after,
      details: { centerId: row.center_id, late, reason: 'booker' },
    });
    return after;
  });
}

/** The centre's owner records that a booking was paid (payment itself happens elsewhere). */
export async function markBookingPaid(deps: Deps, actor: Actor, bookingId: string): Promise<Booking> {
  requireRole(actor, 'owner', 'program_admin');
  return inTransaction(deps.db, async (trx) => {
    const row = await repo.findBookingRow(trx, bookingId, true);
    if (!row || !canSeeBooking(actor, row)) throw notFound('Booking');
    if (!runsCenter(actor, row)) throw new AppError('forbidden', 'Only the centre’s owner can mark it paid');
    if (!(await markPaid(trx, row.center_id, bookingId)))
      throw new AppError('invalid_state', 'Already marked paid');
    await recordChange(trx, actor, deps.clock, {
      action: 'booking.paid',
      entity: 'booking',
      entityId: bookingId,
      details: { centerId: row.center_id, amountMinor: Number(row.price_minor) },
    });
    return repo.toBooking((await repo.findBookingRow(trx, bookingId))!);
  });
}

/**
 * The centre's owner records that the price of a paid booking the centre or the programme
 * cancelled went back to its booker (the refund itself happens outside Markaz, as payment does).
 */
export async function markBookingRefunded(deps: Deps, actor: Actor, bookingId: string): Promise<Booking> {
  requireRole(actor, 'owner', 'program_admin');
  return inTransaction(deps.db, async (trx) => {
    const row = await repo.findBookingRow(trx, bookingId, true);
    if (!row || !canSeeBooking(actor, row)) throw notFound('Booking');
    if (!runsCenter(actor, row))
      throw new AppError('forbidden', 'Only the centre’s owner can mark it refunded');
    const why = whyNoRefund(row);
    if (why) throw new AppError('invalid_state', NO_REFUND_MESSAGE[why], { reason: why });
    // The UPDATE itself is guarded by the rule, so two clicks cannot both record a refund.
    if (!(await repo.markRefunded(trx, row.center_id, bookingId, deps.clock.now()))) {
      throw new AppError('invalid_state', NO_REFUND_MESSAGE.already_refunded, { reason: 'already_refunded' });
    }
    await recordChange(trx, actor, deps.clock, {
      action: 'booking.refunded',
      entity: 'booking',
      entityId: bookingId,
      details: { centerId: row.center_id, amountMinor: Number(row.price_minor) },
    });
    await emitEvent(
      trx,
      deps,
      bookingRefunded,
      { bookingId, centerId: row.center_id, bookerId: row.booker_id, amountMinor: Number(row.price_minor) },
      actor,
    );
    return repo.toBooking((await repo.findBookingRow(trx, bookingId))!);
  });
}

export async function listMyBookings(
  deps: Deps,
  actor: Actor,
  q: { scope: 'upcoming' | 'past' | 'all'; limit: number },
): Promise<Booking[]> {
  requireUser(actor);
  return listBookingsOf(deps.db, actor.userId, q, deps.clock.now());
}

/** A centre's bookings are for its owner and programme staff (admins, auditors). */
export async function requireCenterReader(deps: Deps, actor: Actor, centerId: string): Promise<void> {
  requireRole(actor, 'owner', 'program_admin', 'auditor');
  const ownerId = await findCenterOwnerId(deps.db, centerId);
  if (ownerId === null) throw notFound('Centre');
  if (!runsCenter(actor, { owner_id: ownerId }) && !canReadAnyCenter(actor)) {
    throw new AppError('forbidden', 'Only the owner of this centre or programme staff may see its bookings');
  }
}

/** A centre's bookings on one Karachi day, with who booked each, for its owner's front desk. */
export async function listCenterBookings(
  deps: Deps,
  actor: Actor,
  centerId: string,
  date: string | undefined,
): Promise<CentreBooking[]> {
  await requireCenterReader(deps, actor, centerId);
  const day = date ?? karachiDate(deps.clock.now());
  return withMobiles(
    deps,
    await listCentreBookingsBetween(
      deps.db,
      centerId,
      karachiMidnight(day),
      karachiMidnight(addDays(day, 1)),
    ),
  );
}

/**
 * The bookers' mobiles, masked (issue 22: lists show masked values): enough for the front desk to
 * confirm a booker, not to use. The full number is opened one booking at a time, with a purpose,
 * and recorded (booker-mobile.service.ts).
 */
async function withMobiles(deps: Deps, list: CentreBooking[]): Promise<CentreBooking[]> {
  const contacts = await contactsOf(
    deps,
    list.map((b) => b.bookerId),
  );
  return list.map((b) => ({
    ...b,
    booker: { ...b.booker, mobile: maskMobile(contacts.get(b.bookerId)?.mobile ?? null) },
  }));
}

/**
 * A centre's paid bookings that it or the programme cancelled and has not refunded yet, oldest
 * first, with who booked each (the owner pays them back).
 */
export async function listRefundsDue(deps: Deps, actor: Actor, centerId: string): Promise<CentreBooking[]> {
  await requireCenterReader(deps, actor, centerId);
  return withMobiles(deps, await listCentreRefundsDue(deps.db, centerId));
}

/**
 * Leaving early: a checked-in booking is released (by its booker or the centre's owner), which
 * takes it out of the exclusion set, so the seat can be booked again — first by the waitlist.
 */
export async function checkOutBooking(deps: Deps, actor: Actor, bookingId: string): Promise<Booking> {
  requireUser(actor);
  return inTransaction(deps.db, async (trx) => {
    const row = await repo.findBookingRow(trx, bookingId, true);
    if (!row || !canSeeBooking(actor, row)) throw notFound('Booking');
    if (!isBooker(actor, row) && !runsCenter(actor, row)) {
      throw new AppError('forbidden', 'Only the booker or the centre’s owner can check out');
    }
    if (row.status !== 'checked_in') throw new AppError('invalid_state', `This booking is ${row.status}`);
    const now = deps.clock.now();
    if (!(await releaseCheckedInBooking(trx, row.center_id, bookingId, now)))
      throw new AppError('conflict', 'The booking changed meanwhile');
    await recordChange(trx, actor, deps.clock, {
      action: 'booking.checked_out',
      entity: 'booking',
      entityId: bookingId,
      details: { centerId: row.center_id },
    });
    if (new Date(row.ends_at) > now) await offerFreedSeat(deps, trx, row.center_id, row.seat_id);
    return repo.toBooking((await repo.findBookingRow(trx, bookingId))!);
  });
}

import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole, requireUser } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { canSeeBooking, isBooker, runsCenter } from './booking-access.ts';
import * as repo from './bookings.repository.ts';
import type { Booking } from './bookings.schema.ts';
import { makeCheckInToken, STEP_SECONDS, stepAt, verifyCheckInToken } from './check-in-token.ts';
import { ensureTokenSecret } from './token-secret.ts';

/** How early before the start a booker may check in. */
export const EARLY_CHECK_IN_MINUTES = 15;

/** The booker's current code, to show as a QR code; it changes every 30 seconds. */
export async function checkInToken(deps: Deps, actor: Actor, bookingId: string) {
  requireUser(actor);
  const row = await repo.findBookingRow(deps.db, bookingId);
  if (!row || !canSeeBooking(actor, row)) throw notFound('Booking');
  if (!isBooker(actor, row))
    throw new AppError('forbidden', 'Only the person who booked gets the check-in code');
  if (row.status !== 'confirmed') throw new AppError('invalid_state', `This booking is ${row.status}`);
  const now = deps.clock.now();
  const step = stepAt(now);
  const secret = await ensureTokenSecret(deps);
  return {
    token: makeCheckInToken(secret, row.center_id, bookingId, step),
    stepSeconds: STEP_SECONDS,
    expiresAt: new Date((step + 1) * STEP_SECONDS * 1000).toISOString(),
  };
}

/**
 * The centre's owner (or a centre device on the owner's session) scans the booker's code.
 * Forged, stale or foreign codes and check-ins outside the booking window fail clearly.
 */
export async function checkIn(deps: Deps, actor: Actor, centerId: string, token: string): Promise<Booking> {
  requireRole(actor, 'owner', 'program_admin');
  const center = await deps.db
    .selectFrom('centers')
    .select('owner_id')
    .where('center_id', '=', centerId)
    .executeTakeFirst();
  if (!center) throw notFound('Centre');
  if (!runsCenter(actor, center))
    throw new AppError('forbidden', 'Only this centre’s owner can check people in here');
  const now = deps.clock.now();
  const secret = await ensureTokenSecret(deps);
  const check = verifyCheckInToken(secret, centerId, token, now);
  if (!check.ok) {
    const message = {
      malformed: 'is not a Markaz check-in code',
      forged: 'is not valid for this centre',
      stale: 'has expired; ask for the code on screen now',
    }[check.reason];
    throw invalidField('token', message);
  }
  return inTransaction(deps.db, async (trx) => {
    const row = await repo.findBookingRow(trx, check.bookingId, true);
    if (!row || row.center_id !== centerId) throw notFound('Booking');
    if (row.status !== 'confirmed') throw new AppError('invalid_state', `This booking is ${row.status}`);
    const start = new Date(row.starts_at);
    const end = new Date(row.ends_at);
    if (now.getTime() < start.getTime() - EARLY_CHECK_IN_MINUTES * 60_000) {
      throw new AppError(
        'invalid_state',
        `Too early: check-in opens ${EARLY_CHECK_IN_MINUTES} minutes before the start`,
        {
          startsAt: start.toISOString(),
        },
      );
    }
    if (now >= end) throw new AppError('invalid_state', 'This booking has ended');
    const res = await trx
      .updateTable('bookings')
      .set({ status: 'checked_in', checked_in_at: now })
      .where('center_id', '=', centerId)
      .where('booking_id', '=', row.booking_id)
      .where('status', '=', 'confirmed')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('conflict', 'The booking changed meanwhile');
    await recordChange(trx, actor, deps.clock, {
      action: 'booking.checked_in',
      entity: 'booking',
      entityId: row.booking_id,
      details: { centerId, seatId: row.seat_id },
    });
    return repo.toBooking((await repo.findBookingRow(trx, row.booking_id))!);
  });
}

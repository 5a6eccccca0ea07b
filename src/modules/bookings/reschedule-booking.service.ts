import { z } from 'zod';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole, requireUser } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { isBooker } from './booking-access.ts';
import { checkOccurrence, windowFor } from './booking-window.ts';
import * as repo from './bookings.repository.ts';
import { CreateBookingInputSchema, type CreatedBookings } from './bookings.schema.ts';
import { createBookings } from './create-booking.service.ts';
import { cancelConfirmedBooking } from './manage-booking.repository.ts';

export const RescheduleBookingInputSchema = CreateBookingInputSchema.pick({
  date: true,
  from: true,
  to: true,
})
  .describe('The new day and, for hourly and meeting-room plans, the new times')
  .meta({ id: 'RescheduleBookingInput' });
export type RescheduleBookingInput = z.infer<typeof RescheduleBookingInputSchema>;

export const AlternativeTimeSchema = z
  .object({ date: z.string(), from: z.string(), to: z.string() })
  .meta({ id: 'AlternativeTime' });
type AlternativeTime = z.infer<typeof AlternativeTimeSchema>;

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/**
 * The booker moves a booking that has not started to another time (or day) at the same centre.
 * It is the cancellation and a new booking in one transaction, through createBookings: the same
 * rules (opening hours, closures, notice, one seat per person) and the same exclusion constraint
 * decide, so a move can never double-book a seat. The same seat is kept when it is free then,
 * otherwise any free seat of its kind; when none is, nothing changes and the 409 names up to three
 * nearby times that day with a free seat. A booking paid at the desk is moved by the centre, not
 * here (its price may change).
 */
export async function rescheduleBooking(
  deps: Deps,
  actor: Actor,
  bookingId: string,
  input: RescheduleBookingInput,
): Promise<CreatedBookings> {
  requireRole(actor, 'freelancer');
  requireUser(actor);
  return inTransaction(deps.db, async (trx) => {
    const tx = { ...deps, db: trx };
    const row = await repo.findBookingRow(trx, bookingId, true);
    if (!row || !isBooker(actor, row)) throw notFound('Booking');
    if (row.status !== 'confirmed') throw new AppError('invalid_state', `This booking is ${row.status}`);
    const now = deps.clock.now();
    if (new Date(row.starts_at) <= now)
      throw new AppError('invalid_state', 'This booking has already started');
    if (row.plan === 'monthly')
      throw new AppError('invalid_state', 'A monthly desk is not moved; cancel and book');
    if (row.paid) throw new AppError('invalid_state', 'This booking is paid; ask the centre to move it');
    if (!(await cancelConfirmedBooking(trx, row.center_id, bookingId, now, false)))
      throw new AppError('conflict', 'The booking changed meanwhile');
    const base = { mode: 'all_or_nothing' as const, centerId: row.center_id, plan: row.plan, ...input };
    let made: CreatedBookings;
    try {
      made = await createBookings(tx, actor, { ...base, seatId: row.seat_id });
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'conflict') throw e;
      try {
        made = await createBookings(tx, actor, { ...base, seatKind: row.seat_kind });
      } catch (again) {
        if (!(again instanceof AppError) || again.code !== 'conflict') throw again;
        const alternativeTimes = await nearbyFreeTimes(tx, row.center_id, row.plan, row.seat_kind, input);
        throw new AppError('conflict', `No free ${row.seat_kind} then; nothing was changed`, {
          ...again.details,
          alternativeTimes,
        });
      }
    }
    await recordChange(trx, actor, deps.clock, {
      action: 'booking.rescheduled',
      entity: 'booking',
      entityId: bookingId,
      before: repo.toBooking(row),
      after: made.bookings[0] ?? null,
      details: { centerId: row.center_id, movedTo: made.bookings.map((b) => b.id) },
    });
    return made;
  });
}

/** Up to three start times within three hours of the asked one, same length, with a seat free. */
async function nearbyFreeTimes(
  deps: Deps,
  centerId: string,
  plan: 'hourly' | 'day_pass' | 'meeting_room',
  kind: repo.BookingRow['seat_kind'],
  input: RescheduleBookingInput,
): Promise<AlternativeTime[]> {
  if (!input.from || !input.to) return [];
  const cal = await repo.loadCalendar(deps.db, centerId, input.date);
  const from = minutesOf(input.from);
  const length = (minutesOf(input.to) - from + 24 * 60) % (24 * 60);
  const out: AlternativeTime[] = [];
  for (const shift of [60, -60, 120, -120, 180, -180]) {
    const start = from + shift;
    if (start < 0 || start >= 24 * 60 || out.length >= 3) continue;
    const times = { from: hhmm(start), to: hhmm((start + length) % (24 * 60)) };
    const w = windowFor(plan, input.date, times, cal);
    if ('path' in w || checkOccurrence(plan, input.date, w, cal, deps.clock.now())) continue;
    const free = await repo.findFreeSeats(deps.db, centerId, [kind], w.start, w.end, 1);
    if (free.length) out.push({ date: input.date, ...times });
  }
  return out.sort((a, b) => a.from.localeCompare(b.from));
}

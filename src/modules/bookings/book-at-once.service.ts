import { randomUUID } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { eventRecord } from '../../platform/events/index.ts';
import { auditRow } from '../../platform/record-change.ts';
import type { IdempotencyKey } from '../../server/idempotency.ts';
import { karachiDate } from '../../shared/time.ts';
import { bookSeatAtOnce, readBookingCentre } from './book-at-once.repository.ts';
import { bookingConfirmed } from './bookings.events.ts';
import * as repo from './bookings.repository.ts';
import type { CreateBookingInput, CreatedBookings } from './bookings.schema.ts';
import { answer, bookingCreated, planBooking } from './create-booking.service.ts';

/**
 * A booking of one occurrence in one database call (decision 0085): read the centre (one read, no
 * transaction), decide the window, price and seat here with the same rules as the transaction
 * (`planBooking`), then send the whole booking to `markaz_book_seat`, which takes the same locks,
 * checks that the centre is as read, applies the rules only the database can (the booker's own
 * overlaps, the waitlist's held seats, the exclusion constraint) and writes the booking, its audit
 * entry, the Idempotency-Key's answer and the booking.confirmed event, or nothing.
 *
 * Null whenever this way cannot answer alone — a series, a rule broken, the centre changed, the
 * seat taken, the key used before — and the caller takes the transactional path
 * (createBookings), which answers those with the full detail (the error naming the field, the 409
 * with alternatives, the replay). It changes nothing when it answers null.
 */
export async function bookAtOnce(
  deps: Deps,
  actor: Actor,
  input: CreateBookingInput,
  key: IdempotencyKey | null,
): Promise<CreatedBookings | null> {
  if (actor.kind !== 'user' || actor.role !== 'freelancer' || input.recurrence) return null;
  const now = deps.clock.now();
  const fromDate = karachiDate(now);
  const read = await readBookingCentre(deps.db, input.centerId, input.seatId ?? null, fromDate);
  if (!read) return null;
  const { centre } = read;
  let plan: ReturnType<typeof planBooking>;
  try {
    plan = planBooking(input, centre, [input.date], now);
  } catch {
    return null;
  }
  const one = plan.wanted[0];
  if (!one || plan.issues.length) return null;
  const blockedEnd = new Date(one.w.end.getTime() + plan.bufferMs);

  // Any free seat: the first in label order, as the transaction would try first.
  const seat = input.seatId
    ? { seatId: input.seatId, label: centre.seat_label!, kind: centre.seat_kind! }
    : (await repo.findFreeSeats(deps.db, centre.center_id, plan.kinds, one.w.start, blockedEnd, 1))[0];
  if (!seat) return null;

  const b = {
    bookingId: randomUUID(),
    centerId: centre.center_id,
    seatId: seat.seatId,
    bookerId: actor.userId,
    plan: input.plan,
    start: one.w.start,
    end: one.w.end,
    blockedEnd,
    priceMinor: one.price,
    seriesId: null,
    now,
  };
  const row = repo.newBookingRow(b, {
    center_name: centre.name_en,
    center_name_ur: centre.name_ur,
    city_name: centre.city_name,
    city_name_ur: centre.city_name_ur,
    owner_id: centre.owner_id,
    seat_label: seat.label,
    seat_kind: seat.kind,
  });
  const body = answer([row], []);
  const audit = auditRow(actor, deps.clock, bookingCreated(body.bookings[0]!));
  const outcome = await bookSeatAtOnce(deps.db, {
    claim: key && { scope: key.scope, key: key.key, requestHash: key.requestHash, at: key.at },
    digest: read.digest,
    digestSeat: input.seatId ?? null,
    fromDate,
    booking: b,
    audit: { ...audit, details: JSON.parse(audit.details) as unknown },
    answer: key ? body : null,
    event: eventRecord(
      deps,
      bookingConfirmed,
      { bookingIds: [b.bookingId], centerId: b.centerId, bookerId: b.bookerId, fromWaitlist: false },
      actor,
    ),
  });
  return outcome === 'booked' ? body : null;
}

import { randomUUID } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { eventRecord } from '../../platform/events/index.ts';
import { auditRow } from '../../platform/record-change.ts';
import type { IdempotencyKey } from '../../server/idempotency.ts';
import { karachiDate } from '../../shared/time.ts';
import { liveFreeSeats } from './availability/free-seats-live.ts';
import { bookSeatAtOnce, type KnownCentre, readBookingCentre } from './book-at-once.repository.ts';
import { bookingConfirmed } from './bookings.events.ts';
import * as repo from './bookings.repository.ts';
import type { CreateBookingInput, CreatedBookings } from './bookings.schema.ts';
import { answer, bookingCreated, planBooking } from './create-booking.service.ts';

/**
 * A booking of one occurrence in one database call (decision 0085): the centre as last read (or
 * read now, one read, no transaction) and the seat's kind and label from the free-seat index;
 * decide the window, price and seat here with the same rules as the transaction (`planBooking`),
 * then send the whole booking to `markaz_book_seat`, which takes the same locks,
 * checks that the centre and the seat are as Node had them, applies the rules only the database can (the booker's own
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
  const centres = knownCentres(deps.db);
  const known = `${input.centerId}|${fromDate}`;
  let centre = centres.get(known);
  // The seat's kind and label: from the free-seat index when it holds the seat, else read with the centre.
  let seat = centre && input.seatId ? liveFreeSeats.get(deps.db)?.seat(input.centerId, input.seatId) : null;
  if (!centre || (input.seatId && !seat)) {
    const read = await readBookingCentre(deps.db, input.centerId, input.seatId ?? null, fromDate);
    if (!read) return null;
    centre = read.centre;
    remember(centres, known, centre);
    seat = read.seat?.active ? read.seat : null;
  }
  const c = centre;
  let plan: ReturnType<typeof planBooking>;
  try {
    plan = planBooking(
      input,
      { ...c, seat_kind: seat?.kind ?? null, seat_active: !!seat },
      [input.date],
      now,
    );
  } catch {
    // The transaction answers from a fresh read; this centre is read afresh next time too.
    centres.delete(known);
    return null;
  }
  const one = plan.wanted[0];
  if (!one || plan.issues.length) {
    centres.delete(known);
    return null;
  }
  const blockedEnd = new Date(one.w.end.getTime() + plan.bufferMs);

  // Any free seat: the first in label order, as the transaction would try first.
  const chosen =
    input.seatId && seat
      ? { seatId: input.seatId, label: seat.label, kind: seat.kind }
      : (await repo.findFreeSeats(deps.db, c.center_id, plan.kinds, one.w.start, blockedEnd, 1))[0];
  if (!chosen) return null;

  const b = {
    bookingId: randomUUID(),
    centerId: c.center_id,
    seatId: chosen.seatId,
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
    center_name: c.name_en,
    center_name_ur: c.name_ur,
    city_name: c.city_name,
    city_name_ur: c.city_name_ur,
    owner_id: c.owner_id,
    seat_label: chosen.label,
    seat_kind: chosen.kind,
  });
  const body = answer([row], []);
  const audit = auditRow(actor, deps.clock, bookingCreated(body.bookings[0]!));
  const outcome = await bookSeatAtOnce(deps.db, {
    claim: key && { scope: key.scope, key: key.key, requestHash: key.requestHash, at: key.at },
    version: c.version,
    booking: { ...b, seatKind: chosen.kind, seatLabel: chosen.label },
    audit: { ...audit, details: JSON.parse(audit.details) as unknown },
    answer: key ? body : null,
    event: eventRecord(
      deps,
      bookingConfirmed,
      { bookingIds: [b.bookingId], centerId: b.centerId, bookerId: b.bookerId, fromWaitlist: false },
      actor,
    ),
  });
  if (outcome === 'stale') centres.delete(known);
  return outcome === 'booked' ? body : null;
}

/**
 * Centres as bookings last read them, by centre and Karachi day, per database: a booking at a
 * centre booked before needs no read (the function compares the version, so a stale entry only
 * sends that booking to the transaction, and is dropped). At most 20,000, the oldest dropped first.
 */
const knownByDb = new WeakMap<object, Map<string, KnownCentre>>();
const KNOWN_MAX = 20_000;

function knownCentres(db: object): Map<string, KnownCentre> {
  let m = knownByDb.get(db);
  if (!m) {
    m = new Map();
    knownByDb.set(db, m);
  }
  return m;
}

function remember(m: Map<string, KnownCentre>, key: string, centre: KnownCentre): void {
  m.delete(key);
  if (m.size >= KNOWN_MAX) m.delete(m.keys().next().value!);
  m.set(key, centre);
}

import { randomUUID } from 'node:crypto';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole, requireUser } from '../../platform/actor.ts';
import { emitEvent, emitEventSql } from '../../platform/events/index.ts';
import { type ChangeEntry, recordChangeSql } from '../../platform/record-change.ts';
import type { IdempotencyKey } from '../../server/idempotency.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { divideRounded } from '../../shared/money.ts';
import { karachiDate } from '../../shared/time.ts';
import type { SeatKind } from '../centers/index.ts';
import {
  type CenterCalendar,
  checkOccurrence,
  type Issue,
  issueField,
  occurrenceDates,
  type Window,
  windowFor,
} from './booking-window.ts';
import { bookingConfirmed } from './bookings.events.ts';
import * as repo from './bookings.repository.ts';
import type { Booking, CreateBookingInput, CreatedBookings, FreeSeat } from './bookings.schema.ts';
import type { BookingPlan } from './bookings.table.ts';
import { capConflict, describeOwn, type OwnConflict } from './freelancer-cap.ts';
import { heldSeats } from './waitlist.repository.ts';

type Skip = { date: string; reason: string };

/** The answer: the bookings made (by start) and every occurrence skipped, with why. */
export function answer(rows: repo.BookingRow[], skipped: Skip[]): CreatedBookings {
  const bookings = rows.map(repo.toBooking).sort((a, b) => a.start.localeCompare(b.start));
  return {
    bookings,
    skipped: [...skipped].sort((a, b) => a.date.localeCompare(b.date)),
    total: { amountMinor: bookings.reduce((s, b) => s + b.price.amountMinor, 0), currency: 'PKR' },
  };
}

export const SEAT_KINDS_FOR_PLAN: Record<BookingPlan, SeatKind[]> = {
  hourly: ['hot_desk', 'cabin'],
  day_pass: ['hot_desk', 'cabin'],
  monthly: ['dedicated_desk'],
  meeting_room: ['meeting_room', 'training_room'],
};

type CenterPrices = {
  price_hourly_minor: number | null;
  price_day_pass_minor: number | null;
  price_monthly_desk_minor: number | null;
  price_meeting_room_hourly_minor: number | null;
};

/** What one occurrence costs, in paisa; null when the centre does not offer the plan. */
export function priceFor(plan: BookingPlan, w: Window, c: CenterPrices): number | null {
  const minutes = BigInt(Math.round((w.end.getTime() - w.start.getTime()) / 60_000));
  const perHour = (p: number | null) =>
    p === null ? null : Number(divideRounded(BigInt(p) * minutes, 60n, 'half_up'));
  switch (plan) {
    case 'hourly':
      return perHour(c.price_hourly_minor);
    case 'meeting_room':
      return perHour(c.price_meeting_room_hourly_minor);
    case 'day_pass':
      return c.price_day_pass_minor;
    case 'monthly':
      return c.price_monthly_desk_minor;
    default: {
      const never: never = plan;
      throw new Error(`unknown plan ${String(never)}`);
    }
  }
}

type Occurrence = { date: string; w: Window; price: number };

/** What a booking is decided on: the centre's status, prices and calendar, and the named seat. */
export type BookingCentre = CenterPrices & {
  status: string;
  seat_kind: SeatKind | null;
  seat_active: boolean | null;
  meeting_buffer_minutes: number;
  calendar: CenterCalendar;
};

/**
 * The checks a booking's centre answers, for both ways of booking (this transaction, and
 * book-at-once.service.ts): the centre takes bookings, the seat or kind fits the plan, and each
 * date's window, with the rule it breaks or its price. Throws what the request should answer.
 */
export function planBooking(
  input: CreateBookingInput,
  center: BookingCentre,
  dates: string[],
  now: Date,
): { kinds: SeatKind[]; bufferMs: number; issues: (Issue & { date: string })[]; wanted: Occurrence[] } {
  if (center.status !== 'operational') {
    throw new AppError('invalid_state', `This centre is ${center.status} and takes no bookings`);
  }
  const allowed = SEAT_KINDS_FOR_PLAN[input.plan];
  let kinds: SeatKind[];
  if (input.seatId) {
    if (!center.seat_active || !center.seat_kind)
      throw invalidField('seatId', 'no such seat in service at this centre');
    if (!allowed.includes(center.seat_kind))
      throw invalidField('seatId', `a ${center.seat_kind} cannot be booked as ${input.plan}`);
    kinds = [center.seat_kind];
  } else {
    const kind = input.seatKind ?? allowed[0]!;
    if (!allowed.includes(kind))
      throw invalidField('seatKind', `${input.plan} books ${allowed.join(' or ')}`);
    kinds = [kind];
  }

  const cal = center.calendar;
  const bufferMs = input.plan === 'meeting_room' ? center.meeting_buffer_minutes * 60_000 : 0;
  const issues: (Issue & { date: string })[] = [];
  const wanted: Occurrence[] = [];
  for (const date of dates) {
    const w = windowFor(input.plan, date, input, cal);
    const issue = 'path' in w ? w : checkOccurrence(input.plan, date, w, cal, now);
    if (issue || 'path' in w) {
      issues.push({ ...(issue as Issue), date });
      continue;
    }
    const price = priceFor(input.plan, w, center);
    if (price === null) throw invalidField('plan', 'this centre does not offer this plan');
    wanted.push({ date, w, price });
  }
  if (issues.length && (input.mode === 'all_or_nothing' || wanted.length === 0)) {
    const fields = issues.slice(0, 10).map(issueField);
    throw new AppError('validation_failed', fields.map((f) => `${f.path}: ${f.message}`).join('; '), {
      fields,
    });
  }
  return { kinds, bufferMs, issues, wanted };
}

/** The audit entry of a booking made (its `after` is the booking as written). */
export function bookingCreated(booking: Booking): ChangeEntry {
  return {
    action: 'booking.created',
    entity: 'booking',
    entityId: booking.id,
    after: booking,
    details: {
      centerId: booking.centerId,
      seatId: booking.seatId,
      plan: booking.plan,
      start: booking.start,
      end: booking.end,
    },
  };
}

type Conflict = { date: string; alternatives: FreeSeat[] };

/**
 * Books a seat — a given one, or any free one of a kind — for one occurrence or a recurring
 * series. Every rule is checked occurrence by occurrence; the exclusion constraint on
 * (center_id, seat_id, blocked) decides who gets a contested seat (blocked contains during), so two bookings of one seat
 * never overlap whatever the concurrency. The loser gets a 409 naming free alternatives.
 *
 * With an Idempotency-Key (`key`, from withIdempotency's folded mode) the key's claim rides on the
 * first statement and, when the answer is known before the insert (one occurrence), the answer
 * rides on the insert: a named seat is booked in two statements besides BEGIN and COMMIT.
 */
export async function createBookings(
  deps: Deps,
  actor: Actor,
  input: CreateBookingInput,
  key: IdempotencyKey | null = null,
): Promise<CreatedBookings> {
  requireRole(actor, 'freelancer');
  requireUser(actor);
  if (input.plan === 'monthly' && input.recurrence) {
    throw invalidField('recurrence', 'a monthly desk is booked a month at a time');
  }
  const dates = occurrenceDates(input.date, input.recurrence);
  if (!dates) throw invalidField('recurrence', 'more than 60 occurrences; book in smaller series');
  if (dates.length === 0) throw invalidField('recurrence.weekdays', 'no occurrence falls on these weekdays');
  const now = deps.clock.now();
  const confirmed = (bookingIds: string[], fromWaitlist: boolean) => ({
    bookingIds,
    centerId: input.centerId,
    bookerId: actor.userId,
    fromWaitlist,
  });

  return inTransaction(deps.db, async (trx) => {
    // One round trip: the centre FOR SHARE (bookings do not block each other, but a concurrent
    // suspension waits for them), the booker's lock (the own-overlap rule in bookSeat or
    // capConflict below), the seat and the calendar; with an Idempotency-Key, its claim first.
    const center = await repo.lockCenterForBooking(
      trx,
      key,
      input.centerId,
      actor.userId,
      input.seatId,
      karachiDate(now),
    );
    if (!center) throw notFound('Centre');
    key?.settle(center.claimed);
    const { kinds, bufferMs, issues, wanted } = planBooking(input, center, dates, now);

    const seriesId = dates.length > 1 ? randomUUID() : null;
    const rows: repo.BookingRow[] = [];
    const names = {
      center_name: center.name_en,
      center_name_ur: center.name_ur,
      city_name: center.city_name,
      city_name_ur: center.city_name_ur,
      owner_id: center.owner_id,
    };
    const conflicts: Conflict[] = [];
    const capped: { date: string; own: OwnConflict[] }[] = [];
    const issueSkips = issues.map((i) => ({ date: i.date, reason: i.message }));
    let preferred: string | undefined = input.seatId;
    for (const { date, w, price } of wanted) {
      const blockedEnd = new Date(w.end.getTime() + bufferMs);
      const cap = center.max_concurrent_per_freelancer;
      // One statement per seat tried: the booker's own overlaps, the waitlist holds, the insert, its
      // audit entry and (one occurrence: the answer is known already) the Idempotency-Key's answer.
      const attempt = async (seat: { seatId: string; label: string; kind: SeatKind }) => {
        const b = {
          bookingId: randomUUID(),
          centerId: center.center_id,
          seatId: seat.seatId,
          bookerId: actor.userId,
          plan: input.plan,
          start: w.start,
          end: w.end,
          blockedEnd,
          priceMinor: price,
          seriesId,
          now,
          maxConcurrent: cap,
        };
        const row = repo.newBookingRow(b, { ...names, seat_label: seat.label, seat_kind: seat.kind });
        const booking = repo.toBooking(row);
        const audit = recordChangeSql(actor, deps.clock, bookingCreated(booking), repo.BOOKED);
        // The route answers 201 with what this function returns; answer() builds the same body.
        const fold = key !== null && wanted.length === 1;
        // One occurrence: its booking.confirmed event rides on the same statement too.
        const event =
          wanted.length === 1
            ? emitEventSql(deps, bookingConfirmed, confirmed([booking.id], false), repo.BOOKED, actor)
            : null;
        const result = await repo.bookSeat(trx, b, {
          audit,
          answer: fold ? key.answer(201, answer([row], issueSkips), repo.BOOKED) : null,
          event,
        });
        if (result.booked && fold) key.answered = true;
        return { ...result, row: result.booked ? row : null };
      };

      let row: repo.BookingRow | null = null;
      let held: Set<string>;
      if (input.seatId) {
        const tried = await attempt({
          seatId: input.seatId,
          label: center.seat_label!,
          kind: center.seat_kind!,
        });
        // One person, one seat at a time: their own bookings anywhere (this series included).
        if (tried.own.length + 1 > cap) {
          capped.push({ date, own: tried.own });
          if (input.mode === 'all_or_nothing') break;
          continue;
        }
        // Seats on offer to someone first in a waitlist are held for them until the offer ends.
        held = tried.held;
        row = tried.row;
      } else {
        const own = await capConflict(trx, actor.userId, cap, w.start, w.end);
        if (own) {
          capped.push({ date, own });
          if (input.mode === 'all_or_nothing') break;
          continue;
        }
        const holds = await heldSeats(trx, center.center_id, w.start, blockedEnd, now, actor.userId);
        held = new Set(holds.keys());
        // Any free seat: try the free ones in order; a seat taken meanwhile just moves us on.
        for (let round = 0; round < 3 && !row; round++) {
          const free = (
            await repo.findFreeSeats(trx, center.center_id, kinds, w.start, blockedEnd, 20)
          ).filter((seat) => !held.has(seat.seatId));
          if (!free.length) break;
          const order = [...free].sort(
            (a, b) => Number(b.seatId === preferred) - Number(a.seatId === preferred),
          );
          for (const seat of order) {
            row = (await attempt(seat)).row;
            if (row) {
              preferred = seat.seatId;
              break;
            }
          }
        }
      }
      if (row) rows.push(row);
      else {
        const alternatives = (
          await repo.findFreeSeats(trx, center.center_id, kinds, w.start, blockedEnd, 5)
        ).filter((seat) => !held.has(seat.seatId));
        conflicts.push({ date, alternatives });
      }
    }

    if (capped.length && (input.mode === 'all_or_nothing' || rows.length === 0)) {
      const first = capped[0]!;
      throw new AppError(
        'conflict',
        `You already hold a booking then: ${first.own.map(describeOwn).join('; ')}. One person books one seat at a time`,
        { ownBookings: first.own, dates: capped.map((c) => c.date) },
      );
    }
    if (conflicts.length && (input.mode === 'all_or_nothing' || rows.length === 0)) {
      const first = conflicts[0]!;
      throw new AppError(
        'conflict',
        input.seatId
          ? `That seat is already booked on ${conflicts.map((c) => c.date).join(', ')}`
          : `No free ${kinds.join('/')} on ${conflicts.map((c) => c.date).join(', ')}`,
        { alternatives: first.alternatives, conflicts },
      );
    }

    // A series is one booking.confirmed event, recorded once its bookings are written.
    if (wanted.length > 1 && rows.length)
      await emitEvent(
        trx,
        deps,
        bookingConfirmed,
        confirmed(
          rows.map((r) => r.booking_id),
          false,
        ),
        actor,
      );
    // The inserts wrote the rows newBookingRow predicted, and their audit entries: no re-read.
    return answer(rows, [
      ...issueSkips,
      ...conflicts.map((c) => ({ date: c.date, reason: 'no free seat' })),
      ...capped.map((c) => ({
        date: c.date,
        reason: `you already hold a booking then (${c.own.map(describeOwn).join('; ')})`,
      })),
    ]);
  });
}

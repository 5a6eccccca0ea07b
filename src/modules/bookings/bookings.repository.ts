import { type ExpressionBuilder, type Kysely, type RawBuilder, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database } from '../../db/database.ts';
import type { IdempotencyKey } from '../../server/idempotency.ts';
import type { SeatKind } from '../centers/index.ts';
import type { CenterCalendar } from './booking-window.ts';
import type { Booking, CentreBooking, FreeSeat } from './bookings.schema.ts';
import type { BookingPlan, BookingStatus } from './bookings.table.ts';
import { CANCELLED_BY_CENTRE, isRefundDue } from './refund.ts';

/** One of the booker's own bookings that a new one would overlap (freelancer-cap.ts). */
export type OwnConflict = {
  bookingId: string;
  centerId: string;
  centerName: string;
  start: string;
  end: string;
};

type Db = Kysely<Database>;

/** Statuses that hold a seat: the exclusion constraints apply to these only. */
export const HOLDING: BookingStatus[] = ['confirmed', 'checked_in'];

export const range = (start: Date, end: Date) => sql<string>`tstzrange(${start}, ${end}, '[)')`;

export function selectBookings(db: Db) {
  return db
    .selectFrom('bookings as b')
    .innerJoin('seats as s', (j) =>
      j.onRef('s.center_id', '=', 'b.center_id').onRef('s.seat_id', '=', 'b.seat_id'),
    )
    .innerJoin('centers as c', 'c.center_id', 'b.center_id')
    .innerJoin('cities as ci', 'ci.id', 'c.city_id')
    .select([
      'b.booking_id',
      'b.center_id',
      'c.name_en as center_name',
      'c.name_ur as center_name_ur',
      'ci.name_en as city_name',
      'ci.name_ur as city_name_ur',
      'c.owner_id',
      'b.seat_id',
      's.label as seat_label',
      's.kind as seat_kind',
      'b.booker_id',
      'b.plan',
      'b.status',
      'b.price_minor',
      'b.paid',
      'b.series_id',
      'b.created_at',
      'b.cancelled_at',
      'b.late_cancellation',
      'b.cancel_reason',
      'b.cancel_note',
      'b.cancel_note_ur',
      'b.checked_in_at',
      'b.refunded_at',
      sql<Date>`lower(b.during)`.as('starts_at'),
      sql<Date>`upper(b.during)`.as('ends_at'),
    ]);
}

export type BookingRow = Awaited<ReturnType<ReturnType<typeof selectBookings>['executeTakeFirstOrThrow']>>;

export function toBooking(r: BookingRow): Booking {
  return {
    id: r.booking_id,
    centerId: r.center_id,
    centerName: r.center_name,
    centerNameUr: r.center_name_ur,
    cityName: r.city_name,
    cityNameUr: r.city_name_ur,
    seatId: r.seat_id,
    seatLabel: r.seat_label,
    seatKind: r.seat_kind,
    bookerId: r.booker_id,
    plan: r.plan,
    start: new Date(r.starts_at).toISOString(),
    end: new Date(r.ends_at).toISOString(),
    status: r.status,
    price: { amountMinor: Number(r.price_minor), currency: 'PKR' },
    paid: r.paid,
    seriesId: r.series_id,
    createdAt: r.created_at.toISOString(),
    cancelledAt: r.cancelled_at?.toISOString() ?? null,
    lateCancellation: r.late_cancellation,
    cancelReason: r.cancel_reason,
    cancelNote: r.cancel_note,
    cancelNoteUr: r.cancel_note_ur,
    checkedInAt: r.checked_in_at?.toISOString() ?? null,
    refundDue: isRefundDue(r),
    refundedAt: r.refunded_at?.toISOString() ?? null,
  };
}

/**
 * Bookings with who booked them (name; the mobile, sealed in users, is opened by the service
 * through the identity area), for a centre's own lists only.
 */
export function selectCentreBookings(db: Db) {
  return selectBookings(db).innerJoin('users as u', 'u.id', 'b.booker_id').select(['u.name as booker_name']);
}

export type CentreBookingRow = BookingRow & { booker_name: string };

export function toCentreBooking(r: CentreBookingRow): CentreBooking {
  return { ...toBooking(r), booker: { name: r.booker_name, mobile: null } };
}

export async function findBookingRow(
  db: Db,
  bookingId: string,
  lock = false,
): Promise<BookingRow | undefined> {
  let q = selectBookings(db).where('b.booking_id', '=', bookingId);
  if (lock) q = q.forUpdate('b');
  return q.executeTakeFirst();
}

/**
 * Records a refund, guarded by the refund rule (refund.ts) itself: of two concurrent requests only
 * one finds the booking still due. False when it was not due (any more).
 */
export async function markRefunded(db: Db, centerId: string, bookingId: string, now: Date): Promise<boolean> {
  const res = await db
    .updateTable('bookings')
    .set({ refunded_at: now })
    .where('center_id', '=', centerId)
    .where('booking_id', '=', bookingId)
    .where('paid', '=', true)
    .where('status', '=', 'cancelled')
    .where('cancel_reason', 'in', CANCELLED_BY_CENTRE)
    .where('refunded_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * A centre's bookings with a refund due (refund.ts), oldest first, with their bookers. No index of
 * its own: the centre's bookings (a few thousand at national size) come by
 * `bookings_center_start_idx` and the rule filters them.
 */
export function selectRefundsDue(db: Db, centerId: string) {
  return selectCentreBookings(db)
    .where('b.center_id', '=', centerId)
    .where('b.paid', '=', true)
    .where('b.status', '=', 'cancelled')
    .where('b.cancel_reason', 'in', CANCELLED_BY_CENTRE)
    .where('b.refunded_at', 'is', null)
    .orderBy('starts_at')
    .orderBy('seat_label');
}

/** The select-list items that loadCalendar and the booking's first query both read. */
export function calendarColumns(
  eb: ExpressionBuilder<Database & { c: Database['centers'] }, 'c'>,
  fromDate: string,
) {
  return [
    jsonArrayFrom(
      eb
        .selectFrom('center_opening_hours as h')
        .select(['h.weekday', 'h.opens', 'h.closes'])
        .whereRef('h.center_id', '=', 'c.center_id'),
    ).as('hours'),
    jsonArrayFrom(
      eb
        .selectFrom('center_closures as x')
        .select(['x.starts_on', 'x.ends_on', 'x.reason', 'x.reason_ur'])
        .whereRef('x.center_id', '=', 'c.center_id')
        .where('x.ends_on', '>=', fromDate),
    ).as('closures'),
  ] as const;
}

type CalendarRow = {
  max_days_ahead: number;
  min_notice_minutes: number;
  max_booking_hours: number;
  hours: { weekday: number; opens: string; closes: string }[];
  closures: { starts_on: string; ends_on: string; reason: string; reason_ur: string | null }[];
};

export function toCalendar(c: CalendarRow): CenterCalendar {
  return {
    hours: new Map(
      c.hours.map((h) => [h.weekday, { opens: h.opens.slice(0, 5), closes: h.closes.slice(0, 5) }]),
    ),
    closures: c.closures.map((x) => ({
      startsOn: x.starts_on,
      endsOn: x.ends_on,
      reason: x.reason,
      reasonUr: x.reason_ur,
    })),
    rules: {
      maxDaysAhead: c.max_days_ahead,
      minNoticeMinutes: c.min_notice_minutes,
      maxBookingHours: c.max_booking_hours,
    },
  };
}

/** A centre's hours, closures and booking rules, for the pure checks in booking-window.ts. */
/** One query (it runs inside each booking's transaction, where every round trip counts). */
export async function loadCalendar(db: Db, centerId: string, fromDate: string): Promise<CenterCalendar> {
  const c = await db
    .selectFrom('centers as c')
    .select((eb) => [
      'c.max_days_ahead',
      'c.min_notice_minutes',
      'c.max_booking_hours',
      ...calendarColumns(eb, fromDate),
    ])
    .where('c.center_id', '=', centerId)
    .executeTakeFirstOrThrow();
  return toCalendar(c);
}

/**
 * Seats of a kind that hold no booking overlapping the window (with the buffer). A hint for
 * choosing and for alternatives: the exclusion constraint still decides at insert time.
 */
export async function findFreeSeats(
  db: Db,
  centerId: string,
  kinds: SeatKind[],
  start: Date,
  blockedEnd: Date,
  limit = 10,
): Promise<FreeSeat[]> {
  const rows = await db
    .selectFrom('seats as s')
    .select(['s.seat_id', 's.label', 's.kind'])
    .where('s.center_id', '=', centerId)
    .where('s.active', '=', true)
    .where('s.kind', 'in', kinds)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('bookings as b')
            .select(sql`1`.as('one'))
            .whereRef('b.center_id', '=', 's.center_id')
            .whereRef('b.seat_id', '=', 's.seat_id')
            .where('b.status', 'in', HOLDING)
            .where(sql<boolean>`b.blocked && ${range(start, blockedEnd)}`),
        ),
      ),
    )
    // A whole-room reservation (a training session) takes every seat of its room.
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('space_holds as h')
            .select(sql`1`.as('one'))
            .whereRef('h.center_id', '=', 's.center_id')
            .whereRef('h.space_id', '=', 's.space_id')
            .where('h.booking_id', 'is', null)
            .where(sql<boolean>`h.during && ${range(start, blockedEnd)}`),
        ),
      ),
    )
    .orderBy(sql`length(s.label)`)
    .orderBy('s.label')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ seatId: r.seat_id, label: r.label, kind: r.kind }));
}

export type NewBooking = {
  centerId: string;
  seatId: string;
  bookerId: string;
  plan: BookingPlan;
  start: Date;
  end: Date;
  blockedEnd: Date;
  priceMinor: number;
  seriesId: string | null;
  now: Date;
};

/** What a new booking's answer shows besides the row itself; the caller has read it already. */
export type BookingNames = Pick<
  BookingRow,
  'center_name' | 'center_name_ur' | 'city_name' | 'city_name_ur' | 'owner_id' | 'seat_label' | 'seat_kind'
>;

/** A new booking's row exactly as `bookSeat` writes it (the id and times are chosen here, in Node). */
export function newBookingRow(b: NewBooking & { bookingId: string }, names: BookingNames): BookingRow {
  return {
    ...names,
    booking_id: b.bookingId,
    center_id: b.centerId,
    seat_id: b.seatId,
    booker_id: b.bookerId,
    plan: b.plan,
    status: 'confirmed',
    price_minor: b.priceMinor,
    paid: false,
    series_id: b.seriesId,
    created_at: b.now,
    cancelled_at: null,
    late_cancellation: false,
    cancel_reason: null,
    cancel_note: null,
    cancel_note_ur: null,
    checked_in_at: null,
    refunded_at: null,
    starts_at: b.start,
    ends_at: b.end,
  };
}

/** True in `bookSeat`'s statement once its INSERT wrote the booking. */
export const BOOKED = sql<boolean>`EXISTS (SELECT 1 FROM ins)`;

export type SeatAttempt = {
  /** The booker's own bookings anywhere overlapping the window (at most 20). */
  own: OwnConflict[];
  /** Seats of the centre on offer to someone else first in a waitlist during the window. */
  held: Set<string>;
  booked: boolean;
};

/**
 * One occurrence on one seat, one statement (one round trip), each rule a CTE:
 * - `own`: one person, one seat at a time — the booker's holding bookings anywhere that overlap
 *   (read after the booker's advisory lock, taken by the transaction's first statement, so a
 *   concurrent booking of theirs has committed and is seen; see freelancer-cap.ts);
 * - `held`: seats on offer to someone else first in a waitlist are held for them until the offer ends;
 * - `ins`: the INSERT, only within the centre's cap and when the seat is not held.
 *   `ON CONFLICT DO NOTHING` without a target takes every unique and exclusion constraint as
 *   arbiter, so the exclusion constraint still decides who gets a contested seat (an overlapping
 *   insert in flight is waited for, as with a plain INSERT); any other error aborts;
 * - `audit` and `answer`: the caller's audit entry and Idempotency-Key answer, written only if
 *   `ins` wrote the booking (`BOOKED`), so they exist exactly when it does; `ev` and
 *   `ev_deliveries` the same for the booking.confirmed event of a one-occurrence booking.
 */
export async function bookSeat(
  trx: Db,
  b: NewBooking & { bookingId: string; maxConcurrent: number },
  also: {
    audit: RawBuilder<unknown>;
    answer: RawBuilder<unknown> | null;
    /** The booking.confirmed event (emitEventSql), written only if the booking is. */
    event?: { event: RawBuilder<unknown>; deliveries: RawBuilder<unknown> } | null;
  },
): Promise<SeatAttempt> {
  const { rows } = await sql<{
    own: { booking_id: string; center_id: string; name_en: string; starts_at: string; ends_at: string }[];
    held: string[];
    booked: boolean;
  }>`
    WITH own AS (
      SELECT b.booking_id, b.center_id, c.name_en, lower(b.during) AS starts_at, upper(b.during) AS ends_at
        FROM bookings b JOIN centers c ON c.center_id = b.center_id
       WHERE b.booker_id = ${b.bookerId} AND b.status IN ('confirmed', 'checked_in')
         AND b.during && ${range(b.start, b.end)}
       ORDER BY lower(b.during)
       LIMIT 20
    ), held AS (
      SELECT w.offered_seat_id
        FROM waitlist_entries w
       WHERE w.center_id = ${b.centerId} AND w.status = 'offered' AND w.offer_expires_at > ${b.now}
         AND w.freelancer_id <> ${b.bookerId} AND w.during && ${range(b.start, b.blockedEnd)}
    ), ins AS (
      INSERT INTO bookings (booking_id, center_id, seat_id, booker_id, plan, during, blocked, status,
                            price_minor, series_id, created_at)
      SELECT ${b.bookingId}::uuid, ${b.centerId}::uuid, ${b.seatId}::uuid, ${b.bookerId}::uuid, ${b.plan}::text,
             ${range(b.start, b.end)}, ${range(b.start, b.blockedEnd)}, 'confirmed', ${b.priceMinor}::bigint,
             ${b.seriesId}::uuid, ${b.now}::timestamptz
       WHERE (SELECT count(*) FROM own) < ${b.maxConcurrent}
         AND NOT EXISTS (SELECT 1 FROM held WHERE held.offered_seat_id = ${b.seatId})
      ON CONFLICT DO NOTHING
      RETURNING booking_id
    ), audit AS (${also.audit}), answer AS (${also.answer ?? sql`SELECT 1`}),
    ev AS (${also.event?.event ?? sql`SELECT 1`}), ev_deliveries AS (${also.event?.deliveries ?? sql`SELECT 1`})
    SELECT (SELECT coalesce(json_agg(own ORDER BY own.starts_at), '[]') FROM own) AS own,
           (SELECT coalesce(json_agg(held.offered_seat_id), '[]') FROM held) AS held,
           ${BOOKED} AS booked`.execute(trx);
  const r = rows[0]!;
  return {
    own: r.own.map((o) => ({
      bookingId: o.booking_id,
      centerId: o.center_id,
      centerName: o.name_en,
      start: new Date(o.starts_at).toISOString(),
      end: new Date(o.ends_at).toISOString(),
    })),
    held: new Set(r.held),
    booked: r.booked,
  };
}

/** Inserts one booking; its id, or null when the seat is taken in that window (see insertBooking). */
export async function tryInsertBooking(trx: Db, b: NewBooking): Promise<string | null> {
  const row = await trx
    .insertInto('bookings')
    .values({
      center_id: b.centerId,
      seat_id: b.seatId,
      booker_id: b.bookerId,
      plan: b.plan,
      during: range(b.start, b.end),
      blocked: range(b.start, b.blockedEnd),
      status: 'confirmed',
      price_minor: b.priceMinor,
      series_id: b.seriesId,
      created_at: b.now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('booking_id')
    .executeTakeFirst();
  return row?.booking_id ?? null;
}

/** The advisory-lock key that serialises one freelancer's booking transactions. */
export const bookerLockKey = (bookerId: string) => sql<string>`hashtextextended(${`booker:${bookerId}`}, 0)`;

/**
 * A booking transaction's first statement, one round trip: the Idempotency-Key's claim (when there
 * is a key; `claimed` is false when an earlier request holds it), the centre FOR SHARE (a
 * concurrent suspension waits for the booking), the booker's advisory lock (one person, one seat
 * at a time; see freelancer-cap.ts), the city names, the named seat and the calendar.
 * The claim is joined, so it is taken before the locks in the select list, as when it was a
 * statement of its own: two requests with one key cannot each hold what the other waits for.
 */
export async function lockCenterForBooking(
  trx: Db,
  key: IdempotencyKey | null,
  centerId: string,
  bookerId: string,
  seatId: string | undefined,
  fromDate: string,
) {
  const seatCol = <C extends 'kind' | 'active' | 'label'>(col: C) =>
    sql<
      Database['seats'][C] | null
    >`(SELECT s.${sql.ref(col)} FROM seats s WHERE s.center_id = c.center_id AND s.seat_id = ${seatId ?? null})`;
  const withClaim = key
    ? trx.with('claim', (qc) => key.claim(qc))
    : trx.with('claim', (qc) => qc.selectNoFrom(sql<string>`'no key'`.as('key')));
  const row = await withClaim
    .selectFrom('centers as c')
    .innerJoin(
      (eb) => eb.selectFrom('claim').select(sql<string>`count(*)`.as('n')).as('k'),
      (j) => j.onTrue(),
    )
    .selectAll('c')
    .select((eb) => [
      sql<boolean>`k.n > 0`.as('claimed'),
      sql<string>`(SELECT ci.name_en FROM cities ci WHERE ci.id = c.city_id)`.as('city_name'),
      sql<string>`(SELECT ci.name_ur FROM cities ci WHERE ci.id = c.city_id)`.as('city_name_ur'),
      seatCol('kind').as('seat_kind'),
      seatCol('active').as('seat_active'),
      seatCol('label').as('seat_label'),
      sql<unknown>`pg_advisory_xact_lock(${bookerLockKey(bookerId)})`.as('booker_locked'),
      ...calendarColumns(eb, fromDate),
    ])
    .where('c.center_id', '=', centerId)
    .forShare('c')
    .executeTakeFirst();
  return row ? { ...row, calendar: toCalendar(row) } : undefined;
}

export const upperAfter = (t: Date) => sql<boolean>`upper(b.during) > ${t}`;
export const upperAtOrBefore = (t: Date) => sql<boolean>`upper(b.during) <= ${t}`;
export const overlapsWindow = (start: Date, end: Date) => sql<boolean>`b.during && ${range(start, end)}`;

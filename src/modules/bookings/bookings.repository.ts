import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database } from '../../db/database.ts';
import type { SeatKind } from '../centers/index.ts';
import type { CenterCalendar } from './booking-window.ts';
import type { Booking, FreeSeat } from './bookings.schema.ts';
import type { BookingPlan, BookingStatus } from './bookings.table.ts';

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
      'b.checked_in_at',
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
    checkedInAt: r.checked_in_at?.toISOString() ?? null,
  };
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
        .select(['x.starts_on', 'x.ends_on', 'x.reason'])
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
  closures: { starts_on: string; ends_on: string; reason: string }[];
};

export function toCalendar(c: CalendarRow): CenterCalendar {
  return {
    hours: new Map(
      c.hours.map((h) => [h.weekday, { opens: h.opens.slice(0, 5), closes: h.closes.slice(0, 5) }]),
    ),
    closures: c.closures.map((x) => ({ startsOn: x.starts_on, endsOn: x.ends_on, reason: x.reason })),
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

/**
 * Inserts one booking and returns it (no re-read), or null when an exclusion constraint refused
 * it (the seat is taken in that window). `ON CONFLICT DO NOTHING` without a target takes every
 * unique and exclusion constraint as arbiter, so the constraint still decides (an overlapping
 * insert in flight is waited for, as with a plain INSERT) in one round trip instead of a
 * SAVEPOINT / INSERT / RELEASE triple; any other error still aborts the transaction.
 */
export async function insertBooking(trx: Db, b: NewBooking, names: BookingNames): Promise<BookingRow | null> {
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
    .returning([
      'booking_id',
      'center_id',
      'seat_id',
      'booker_id',
      'plan',
      'status',
      'price_minor',
      'paid',
      'series_id',
      'created_at',
      'cancelled_at',
      'late_cancellation',
      'cancel_reason',
      'cancel_note',
      'checked_in_at',
      sql<Date>`lower(during)`.as('starts_at'),
      sql<Date>`upper(during)`.as('ends_at'),
    ])
    .executeTakeFirst();
  return row ? { ...names, ...row } : null;
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
 * A booking transaction's first statement, one round trip: the centre FOR SHARE (a concurrent
 * suspension waits for the booking), the booker's advisory lock (one person, one seat at a time;
 * see freelancer-cap.ts), the city names, the named seat and the calendar.
 */
export async function lockCenterForBooking(
  trx: Db,
  centerId: string,
  bookerId: string,
  seatId: string | undefined,
  fromDate: string,
) {
  const seatCol = <C extends 'kind' | 'active' | 'label'>(col: C) =>
    sql<
      Database['seats'][C] | null
    >`(SELECT s.${sql.ref(col)} FROM seats s WHERE s.center_id = c.center_id AND s.seat_id = ${seatId ?? null})`;
  const row = await trx
    .selectFrom('centers as c')
    .selectAll('c')
    .select((eb) => [
      sql<string>`(SELECT ci.name_en FROM cities ci WHERE ci.id = c.city_id)`.as('city_name'),
      sql<string>`(SELECT ci.name_ur FROM cities ci WHERE ci.id = c.city_id)`.as('city_name_ur'),
      seatCol('kind').as('seat_kind'),
      seatCol('active').as('seat_active'),
      seatCol('label').as('seat_label'),
      sql<unknown>`pg_advisory_xact_lock(${bookerLockKey(bookerId)})`.as('booker_locked'),
      ...calendarColumns(eb, fromDate),
    ])
    .where('c.center_id', '=', centerId)
    .forShare()
    .executeTakeFirst();
  return row ? { ...row, calendar: toCalendar(row) } : undefined;
}

export const upperAfter = (t: Date) => sql<boolean>`upper(b.during) > ${t}`;
export const upperAtOrBefore = (t: Date) => sql<boolean>`upper(b.during) <= ${t}`;
export const overlapsWindow = (start: Date, end: Date) => sql<boolean>`b.during && ${range(start, end)}`;

import { type Kysely, sql } from 'kysely';
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

/** A centre's hours, closures and booking rules, for the pure checks in booking-window.ts. */
/** One query (it runs inside each booking's transaction, where every round trip counts). */
export async function loadCalendar(db: Db, centerId: string, fromDate: string): Promise<CenterCalendar> {
  const c = await db
    .selectFrom('centers as c')
    .select((eb) => [
      'c.max_days_ahead',
      'c.min_notice_minutes',
      'c.max_booking_hours',
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
    ])
    .where('c.center_id', '=', centerId)
    .executeTakeFirstOrThrow();
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

let savepoints = 0;

/**
 * Inserts one booking under a savepoint. Returns its id, or null when the exclusion constraint
 * refused it (the seat is taken in that window): the transaction stays usable either way.
 */
export async function tryInsertBooking(trx: Db, b: NewBooking): Promise<string | null> {
  const sp = sql.id(`booking_sp_${++savepoints}`);
  await sql`SAVEPOINT ${sp}`.execute(trx);
  try {
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
      .returning('booking_id')
      .executeTakeFirstOrThrow();
    await sql`RELEASE SAVEPOINT ${sp}`.execute(trx);
    return row.booking_id;
  } catch (err) {
    await sql`ROLLBACK TO SAVEPOINT ${sp}`.execute(trx);
    if ((err as { code?: string }).code === '23P01') return null;
    throw err;
  }
}

export const upperAfter = (t: Date) => sql<boolean>`upper(b.during) > ${t}`;
export const upperAtOrBefore = (t: Date) => sql<boolean>`upper(b.during) <= ${t}`;
export const overlapsWindow = (start: Date, end: Date) => sql<boolean>`b.during && ${range(start, end)}`;

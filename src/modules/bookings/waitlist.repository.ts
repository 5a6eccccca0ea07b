import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { CenterStatus, SeatKind } from '../centers/index.ts';
import { range } from './bookings.repository.ts';
import type { WaitlistEntriesTable, WaitlistStatus } from './bookings.table.ts';
import type { WaitlistEntry } from './waitlist.schema.ts';

type Db = Kysely<Database>;
type WaitlistPlan = WaitlistEntriesTable['plan'];

/** How long an offered seat is held for the person first in line. */
export const OFFER_HOLD_MINUTES = 30;

export function selectEntries(db: Db) {
  return db
    .selectFrom('waitlist_entries as w')
    .innerJoin('centers as c', 'c.center_id', 'w.center_id')
    .leftJoin('seats as s', (j) =>
      j.onRef('s.center_id', '=', 'w.center_id').onRef('s.seat_id', '=', 'w.offered_seat_id'),
    )
    .select([
      'w.entry_id',
      'w.center_id',
      'c.name_en as center_name',
      'c.name_ur as center_name_ur',
      'w.freelancer_id',
      'w.plan',
      'w.seat_kind',
      'w.status',
      'w.offered_seat_id',
      's.label as seat_label',
      'w.offer_expires_at',
      'w.booking_id',
      'w.cancel_reason',
      'w.created_at',
      sql<Date>`lower(w.during)`.as('starts_at'),
      sql<Date>`upper(w.during)`.as('ends_at'),
      sql<number | null>`CASE WHEN w.status = 'waiting' THEN (
        SELECT count(*) FROM waitlist_entries o
         WHERE o.center_id = w.center_id AND o.seat_kind = w.seat_kind AND o.status = 'waiting'
           AND o.during && w.during AND o.seq <= w.seq) END`.as('position'),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectEntries>['executeTakeFirstOrThrow']>>;

export function toEntry(r: Row): WaitlistEntry {
  return {
    id: r.entry_id,
    centerId: r.center_id,
    centerName: r.center_name,
    centerNameUr: r.center_name_ur,
    plan: r.plan,
    seatKind: r.seat_kind,
    start: new Date(r.starts_at).toISOString(),
    end: new Date(r.ends_at).toISOString(),
    status: r.status,
    position: r.position === null ? null : Number(r.position),
    offeredSeatId: r.offered_seat_id,
    offeredSeatLabel: r.seat_label,
    offerExpiresAt: r.offer_expires_at?.toISOString() ?? null,
    bookingId: r.booking_id,
    cancelReason: r.cancel_reason,
    createdAt: r.created_at.toISOString(),
  };
}

/** Seats held by a live offer to someone else, overlapping the window. */
export async function heldSeats(
  db: Db,
  centerId: string,
  start: Date,
  end: Date,
  now: Date,
  exceptUser: string,
) {
  const rows = await db
    .selectFrom('waitlist_entries')
    .select(['offered_seat_id', 'offer_expires_at'])
    .where('center_id', '=', centerId)
    .where('status', '=', 'offered')
    .where('offer_expires_at', '>', now)
    .where('freelancer_id', '<>', exceptUser)
    .where(sql<boolean>`during && ${range(start, end)}`)
    .execute();
  return new Map(rows.map((r) => [r.offered_seat_id!, r.offer_expires_at!]));
}

/** One of the entries `selectEntries` reads, as its freelancer sees it. */
export async function loadWaitlistEntry(db: Db, entryId: string): Promise<WaitlistEntry> {
  return toEntry(await selectEntries(db).where('w.entry_id', '=', entryId).executeTakeFirstOrThrow());
}

/** A freelancer's places in queues, newest first (the last 100). */
export async function listWaitlistEntriesOf(db: Db, freelancerId: string): Promise<WaitlistEntry[]> {
  const rows = await selectEntries(db)
    .where('w.freelancer_id', '=', freelancerId)
    .orderBy('w.created_at', 'desc')
    .limit(100)
    .execute();
  return rows.map(toEntry);
}

/** What the waitlist's rules read of a centre: its state, cap, buffer and prices (for `priceFor`). */
export type WaitlistCentre = Pick<
  Selectable<Database['centers']>,
  | 'price_hourly_minor'
  | 'price_day_pass_minor'
  | 'price_monthly_desk_minor'
  | 'price_meeting_room_hourly_minor'
> & {
  centerId: string;
  status: CenterStatus;
  maxConcurrentPerFreelancer: number;
  meetingBufferMinutes: number;
};

export async function findWaitlistCentre(db: Db, centerId: string): Promise<WaitlistCentre | undefined> {
  const c = await db.selectFrom('centers').selectAll().where('center_id', '=', centerId).executeTakeFirst();
  if (!c) return undefined;
  return {
    centerId: c.center_id,
    status: c.status,
    maxConcurrentPerFreelancer: c.max_concurrent_per_freelancer,
    meetingBufferMinutes: c.meeting_buffer_minutes,
    price_hourly_minor: c.price_hourly_minor,
    price_day_pass_minor: c.price_day_pass_minor,
    price_monthly_desk_minor: c.price_monthly_desk_minor,
    price_meeting_room_hourly_minor: c.price_meeting_room_hourly_minor,
  };
}

export type NewWaitlistEntry = {
  centerId: string;
  freelancerId: string;
  plan: WaitlistPlan;
  seatKind: SeatKind;
  start: Date;
  end: Date;
  now: Date;
};

/**
 * Queues the freelancer; the new entry's id, or null when they already wait for that window (the
 * unique index refuses it; the transaction is then aborted, so the caller must stop).
 */
export async function insertWaitlistEntry(trx: Db, e: NewWaitlistEntry): Promise<string | null> {
  try {
    const row = await trx
      .insertInto('waitlist_entries')
      .values({
        center_id: e.centerId,
        freelancer_id: e.freelancerId,
        plan: e.plan,
        seat_kind: e.seatKind,
        during: range(e.start, e.end),
        status: 'waiting',
        created_at: e.now,
        updated_at: e.now,
      })
      .returning('entry_id')
      .executeTakeFirstOrThrow();
    return row.entry_id;
  } catch (err) {
    if ((err as { code?: string }).code === '23505') return null;
    throw err;
  }
}

/** An entry locked for a change of state, with what the rules read of it. */
export type LockedWaitlistEntry = {
  centerId: string;
  freelancerId: string;
  plan: WaitlistPlan;
  status: WaitlistStatus;
  offeredSeatId: string | null;
  offerExpiresAt: Date | null;
};

export async function lockWaitlistEntry(trx: Db, entryId: string): Promise<LockedWaitlistEntry | undefined> {
  const row = await trx
    .selectFrom('waitlist_entries')
    .selectAll()
    .where('entry_id', '=', entryId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    centerId: row.center_id,
    freelancerId: row.freelancer_id,
    plan: row.plan,
    status: row.status,
    offeredSeatId: row.offered_seat_id,
    offerExpiresAt: row.offer_expires_at,
  };
}

/** Guarded by the status the caller read under its lock. */
export async function markEntryLeft(
  trx: Db,
  centerId: string,
  entryId: string,
  from: WaitlistStatus,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('waitlist_entries')
    .set({ status: 'left', updated_at: now })
    .where('center_id', '=', centerId)
    .where('entry_id', '=', entryId)
    .where('status', '=', from)
    .execute();
}

export async function markEntryAccepted(
  trx: Db,
  centerId: string,
  entryId: string,
  bookingId: string,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('waitlist_entries')
    .set({ status: 'accepted', booking_id: bookingId, updated_at: now })
    .where('center_id', '=', centerId)
    .where('entry_id', '=', entryId)
    .where('status', '=', 'offered')
    .execute();
}

/**
 * Offers the seat to the first in line whose window it can hold (one statement, first come first
 * offered; entries another transaction holds are skipped). Null when nobody fits, or when the
 * offer collides with another (23P01): a savepoint keeps that collision from aborting the caller.
 */
export async function offerSeatToNextInLine(
  trx: Db,
  centerId: string,
  seatId: string,
  now: Date,
  expires: Date,
): Promise<{ entryId: string; freelancerId: string } | null> {
  await sql`SAVEPOINT waitlist_offer`.execute(trx);
  try {
    const offered = await sql<{ entry_id: string; freelancer_id: string }>`
      UPDATE waitlist_entries w
         SET status = 'offered', offered_seat_id = ${seatId},
             offer_expires_at = least(${expires}::timestamptz, lower(w.during)), updated_at = ${now}
       WHERE (w.center_id, w.entry_id) = (
         SELECT q.center_id, q.entry_id FROM waitlist_entries q
           JOIN seats s ON s.center_id = q.center_id AND s.seat_id = ${seatId} AND s.kind = q.seat_kind AND s.active
          WHERE q.center_id = ${centerId} AND q.status = 'waiting' AND lower(q.during) > ${now}
            AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.center_id = q.center_id AND b.seat_id = ${seatId}
                             AND b.status IN ('confirmed', 'checked_in') AND b.blocked && q.during)
            AND NOT EXISTS (SELECT 1 FROM waitlist_entries o WHERE o.center_id = q.center_id
                             AND o.offered_seat_id = ${seatId} AND o.status = 'offered' AND o.during && q.during)
          ORDER BY q.seq
          LIMIT 1
          FOR UPDATE OF q SKIP LOCKED)
      RETURNING w.entry_id, w.freelancer_id`.execute(trx);
    await sql`RELEASE SAVEPOINT waitlist_offer`.execute(trx);
    const row = offered.rows[0];
    return row ? { entryId: row.entry_id, freelancerId: row.freelancer_id } : null;
  } catch (err) {
    await sql`ROLLBACK TO SAVEPOINT waitlist_offer`.execute(trx);
    if ((err as { code?: string }).code === '23P01') return null;
    throw err;
  }
}

/** Ends every offer not taken up in time; the seats they held, to offer again. */
export async function expireOffers(
  trx: Db,
  now: Date,
): Promise<{ centerId: string; entryId: string; offeredSeatId: string }[]> {
  const rows = await trx
    .updateTable('waitlist_entries')
    .set({ status: 'expired', updated_at: now })
    .where('status', '=', 'offered')
    .where('offer_expires_at', '<=', now)
    .returning(['center_id', 'entry_id', 'offered_seat_id'])
    .execute();
  // An offered entry always names its seat.
  return rows.map((r) => ({ centerId: r.center_id, entryId: r.entry_id, offeredSeatId: r.offered_seat_id! }));
}

/** Places still waiting when their window has begun lapse; how many. */
export async function lapseStartedEntries(trx: Db, now: Date): Promise<number> {
  const res = await trx
    .updateTable('waitlist_entries')
    .set({ status: 'expired', updated_at: now })
    .where('status', '=', 'waiting')
    .where(sql<boolean>`lower(during) <= ${now}`)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

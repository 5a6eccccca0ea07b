import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { range } from './bookings.repository.ts';
import type { WaitlistEntry } from './waitlist.schema.ts';

type Db = Kysely<Database>;

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

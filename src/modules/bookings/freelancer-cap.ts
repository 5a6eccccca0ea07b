import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { karachiDate, karachiTime } from '../../shared/time.ts';
import { bookerLockKey, HOLDING, type OwnConflict } from './bookings.repository.ts';

type Db = Kysely<Database>;

export type { OwnConflict };

/**
 * One person, one seat at a time: serialises one freelancer's booking transactions (an advisory
 * lock on their id, held to the end of the transaction), so two requests at two centres cannot
 * both pass the check below. Other freelancers are not held up.
 */
export async function lockFreelancer(trx: Db, bookerId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${bookerLockKey(bookerId)})`.execute(trx);
}

/** The freelancer's bookings anywhere that hold a seat during [start, end). */
export async function ownOverlaps(trx: Db, bookerId: string, start: Date, end: Date): Promise<OwnConflict[]> {
  const rows = await trx
    .selectFrom('bookings as b')
    .innerJoin('centers as c', 'c.center_id', 'b.center_id')
    .select([
      'b.booking_id',
      'b.center_id',
      'c.name_en',
      sql<Date>`lower(b.during)`.as('starts_at'),
      sql<Date>`upper(b.during)`.as('ends_at'),
    ])
    .where('b.booker_id', '=', bookerId)
    .where('b.status', 'in', HOLDING)
    .where(sql<boolean>`b.during && tstzrange(${start}, ${end}, '[)')`)
    .orderBy(sql`lower(b.during)`)
    .limit(20)
    .execute();
  return rows.map((r) => ({
    bookingId: r.booking_id,
    centerId: r.center_id,
    centerName: r.name_en,
    start: new Date(r.starts_at).toISOString(),
    end: new Date(r.ends_at).toISOString(),
  }));
}

/** "Gulberg Hub, 2026-12-01 10:00–12:00" (Asia/Karachi), for messages. */
export function describeOwn(c: OwnConflict): string {
  const s = new Date(c.start);
  const e = new Date(c.end);
  return `${c.centerName}, ${karachiDate(s)} ${karachiTime(s)}–${karachiTime(e)}`;
}

/**
 * Null when one more booking in the window stays within the centre's cap on concurrent bookings
 * per freelancer (counting their bookings at every centre); else the bookings in the way.
 */
export async function capConflict(
  trx: Db,
  bookerId: string,
  maxConcurrent: number,
  start: Date,
  end: Date,
): Promise<OwnConflict[] | null> {
  const own = await ownOverlaps(trx, bookerId, start, end);
  return own.length + 1 > maxConcurrent ? own : null;
}

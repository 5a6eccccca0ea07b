import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../shared/errors.ts';
import { range } from './bookings.repository.ts';

/**
 * Whole-room reservations (a training session's room). `space_holds` carries one row per hold of a
 * meeting or training room: a seat booking's row covers its seat's "lane", a room reservation's
 * covers every lane, and one exclusion constraint (center, space, lane &&, during &&) refuses any
 * overlap in the database. Seat bookings of rooms take their lane in a trigger on `bookings`
 * (migration 2026-12-07-41-training; docs/decisions/0025-training.md).
 */

type Db = Kysely<Database>;

export type RoomSlot = { spaceId: string; spaceName: string; start: string; end: string };

export type RoomHoldRequest = {
  centerId: string;
  spaceId: string;
  start: Date;
  end: Date;
  purpose: 'training_session';
  refId: string;
};

/** Inserts a whole-room hold; its id, or null when the room (or any seat in it) is held then. */
export async function tryHoldRoom(trx: Db, r: RoomHoldRequest, now: Date): Promise<string | null> {
  const { rows } = await sql<{ hold_id: string }>`
    INSERT INTO space_holds (center_id, space_id, lane, during, purpose, ref_id, created_at)
    VALUES (${r.centerId}::uuid, ${r.spaceId}::uuid, '(,)'::uuidrange, ${range(r.start, r.end)},
            ${r.purpose}, ${r.refId}::uuid, ${now}::timestamptz)
    ON CONFLICT DO NOTHING
    RETURNING hold_id`.execute(trx);
  return rows[0]?.hold_id ?? null;
}

/** Whether a room has no hold (room or seat) overlapping [start, end). */
async function roomFree(db: Db, centerId: string, spaceId: string, start: Date, end: Date) {
  const row = await db
    .selectFrom('space_holds')
    .select(sql`1`.as('one'))
    .where('center_id', '=', centerId)
    .where('space_id', '=', spaceId)
    .where(sql<boolean>`during && ${range(start, end)}`)
    .executeTakeFirst();
  return !row;
}

/**
 * Free alternatives to a clashing slot: the centre's other rooms of the same kind at the same time,
 * then the same room at the same time on the following days (up to a week). Advice only: the
 * constraint decides when the alternative is asked for.
 */
export async function roomAlternatives(db: Db, r: RoomHoldRequest, limit = 5): Promise<RoomSlot[]> {
  const room = await db
    .selectFrom('center_spaces')
    .select(['kind', 'name'])
    .where('center_id', '=', r.centerId)
    .where('space_id', '=', r.spaceId)
    .executeTakeFirst();
  if (!room) return [];
  const out: RoomSlot[] = [];
  const others = await db
    .selectFrom('center_spaces')
    .select(['space_id', 'name'])
    .where('center_id', '=', r.centerId)
    .where('kind', '=', room.kind)
    .where('space_id', '<>', r.spaceId)
    .orderBy('name')
    .execute();
  for (const o of others) {
    if (out.length >= limit) return out;
    if (await roomFree(db, r.centerId, o.space_id, r.start, r.end))
      out.push({
        spaceId: o.space_id,
        spaceName: o.name,
        start: r.start.toISOString(),
        end: r.end.toISOString(),
      });
  }
  for (let d = 1; d <= 7 && out.length < limit; d++) {
    const start = new Date(r.start.getTime() + d * 86_400_000);
    const end = new Date(r.end.getTime() + d * 86_400_000);
    if (await roomFree(db, r.centerId, r.spaceId, start, end))
      out.push({
        spaceId: r.spaceId,
        spaceName: room.name,
        start: start.toISOString(),
        end: end.toISOString(),
      });
  }
  return out;
}

/** Holds the whole room or throws 409 (`room_taken`) with free alternatives. */
export async function holdRoom(trx: Db, r: RoomHoldRequest, now: Date): Promise<string> {
  const id = await tryHoldRoom(trx, r, now);
  if (id) return id;
  const alternatives = await roomAlternatives(trx, r);
  throw new AppError(
    'conflict',
    `The room is already reserved or booked between ${r.start.toISOString()} and ${r.end.toISOString()}`,
    { rule: 'room_taken', start: r.start.toISOString(), end: r.end.toISOString(), alternatives },
  );
}

/** Gives a whole-room hold back (a cancelled session). */
export async function releaseRoomHold(trx: Db, centerId: string, holdId: string): Promise<void> {
  await trx
    .deleteFrom('space_holds')
    .where('center_id', '=', centerId)
    .where('hold_id', '=', holdId)
    .execute();
}

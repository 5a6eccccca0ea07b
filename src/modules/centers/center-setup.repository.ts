import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Amenities, BookingRules, ClosureInput, OpeningHours, Prices } from './centers.schema.ts';
import type { SeatKind, SpaceKind } from './centers.table.ts';

type Db = Kysely<Database>;

/** Marks the centre changed, whatever part of its set-up changed. */
export async function touchCenter(trx: Db, centerId: string, now: Date): Promise<void> {
  await trx.updateTable('centers').set({ updated_at: now }).where('center_id', '=', centerId).execute();
}

export async function updateAmenities(trx: Db, centerId: string, a: Amenities): Promise<void> {
  await trx
    .updateTable('centers')
    .set({
      internet_mbps: a.internetMbps,
      backup_power_hours: a.backupPowerHours,
      has_ups: a.hasUps,
      women_only_area: a.womenOnlyArea,
      prayer_area: a.prayerArea,
      parking: a.parking,
      accessible: a.accessible,
    })
    .where('center_id', '=', centerId)
    .execute();
}

export async function updatePrices(trx: Db, centerId: string, p: Prices): Promise<void> {
  await trx
    .updateTable('centers')
    .set({
      price_hourly_minor: p.hourlyMinor,
      price_day_pass_minor: p.dayPassMinor,
      price_monthly_desk_minor: p.monthlyDeskMinor,
      price_meeting_room_hourly_minor: p.meetingRoomHourlyMinor,
    })
    .where('center_id', '=', centerId)
    .execute();
}

export async function updateBookingRules(trx: Db, centerId: string, r: BookingRules): Promise<void> {
  await trx
    .updateTable('centers')
    .set({
      max_days_ahead: r.maxDaysAhead,
      min_notice_minutes: r.minNoticeMinutes,
      cancellation_window_hours: r.cancellationWindowHours,
      no_show_grace_minutes: r.noShowGraceMinutes,
      meeting_buffer_minutes: r.meetingBufferMinutes,
      max_booking_hours: r.maxBookingHours,
      max_concurrent_per_freelancer: r.maxConcurrentPerFreelancer,
    })
    .where('center_id', '=', centerId)
    .execute();
}

/** The whole week replaced: the old hours deleted, the new ones (if any) inserted in one statement. */
export async function replaceOpeningHours(trx: Db, centerId: string, days: OpeningHours[]): Promise<void> {
  await trx.deleteFrom('center_opening_hours').where('center_id', '=', centerId).execute();
  if (days.length) {
    await trx
      .insertInto('center_opening_hours')
      .values(
        days.map((d) => ({ center_id: centerId, weekday: d.weekday, opens: d.opens, closes: d.closes })),
      )
      .execute();
  }
}

export async function insertClosure(trx: Db, centerId: string, c: ClosureInput, now: Date): Promise<void> {
  await trx
    .insertInto('center_closures')
    .values({
      center_id: centerId,
      starts_on: c.startsOn,
      ends_on: c.endsOn,
      reason: c.reason,
      reason_ur: c.reasonUr ?? null,
      created_at: now,
    })
    .execute();
}

/** False when the centre has no such closure. */
export async function deleteClosure(trx: Db, centerId: string, closureId: string): Promise<boolean> {
  const res = await trx
    .deleteFrom('center_closures')
    .where('center_id', '=', centerId)
    .where('closure_id', '=', closureId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

/**
 * The new space's id, or null when the centre already has a space of that name (the unique index
 * refuses it; the transaction is then aborted, so the caller must stop).
 */
export async function insertSpace(
  trx: Db,
  s: { centerId: string; kind: SpaceKind; name: string; nameUr?: string; capacity: number; now: Date },
): Promise<string | null> {
  try {
    const row = await trx
      .insertInto('center_spaces')
      .values({
        center_id: s.centerId,
        kind: s.kind,
        name: s.name,
        name_ur: s.nameUr ?? null,
        capacity: s.capacity,
        created_at: s.now,
      })
      .returning('space_id')
      .executeTakeFirstOrThrow();
    return row.space_id;
  } catch (err) {
    if ((err as { code?: string }).code === '23505') return null;
    throw err;
  }
}

/** Every seat label the centre uses, in any space, active or not. */
export async function listSeatLabels(trx: Db, centerId: string): Promise<string[]> {
  const rows = await trx.selectFrom('seats').select('label').where('center_id', '=', centerId).execute();
  return rows.map((s) => s.label);
}

/** One statement for all the seats. */
export async function insertSeats(
  trx: Db,
  s: { centerId: string; spaceId: string; kind: SeatKind; labels: string[]; now: Date },
): Promise<void> {
  await trx
    .insertInto('seats')
    .values(
      s.labels.map((label) => ({
        center_id: s.centerId,
        space_id: s.spaceId,
        label,
        kind: s.kind,
        created_at: s.now,
      })),
    )
    .execute();
}

/** False when the centre has no such seat. */
export async function updateSeatActive(
  trx: Db,
  centerId: string,
  seatId: string,
  active: boolean,
): Promise<boolean> {
  const res = await trx
    .updateTable('seats')
    .set({ active })
    .where('center_id', '=', centerId)
    .where('seat_id', '=', seatId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { SeatKind } from '../centers/index.ts';
import { toCalendar } from './bookings.repository.ts';
import type { BookingCentre } from './create-booking.service.ts';

type Db = Kysely<Database>;

/** What markaz_booking_centre answers (migration 2026-12-14-10-book-at-once). */
type CentreJson = {
  center_id: string;
  status: string;
  name_en: string;
  name_ur: string | null;
  owner_id: string;
  city_name: string;
  city_name_ur: string | null;
  price_hourly_minor: number | null;
  price_day_pass_minor: number | null;
  price_monthly_desk_minor: number | null;
  price_meeting_room_hourly_minor: number | null;
  max_days_ahead: number;
  min_notice_minutes: number;
  max_booking_hours: number;
  meeting_buffer_minutes: number;
  max_concurrent_per_freelancer: number;
  seat_kind: SeatKind | null;
  seat_active: boolean | null;
  seat_label: string | null;
  hours: { weekday: number; opens: string; closes: string }[];
  closures: { starts_on: string; ends_on: string; reason: string; reason_ur: string | null }[];
};

export type CentreRead = { centre: CentreJson & BookingCentre; digest: string };

/**
 * The centre, the named seat and the calendar from `fromDate` on, as markaz_book_seat will read
 * them again under its locks, and their md5 (it books only if they are unchanged). One read, no
 * transaction: nothing is decided on it that the function does not check.
 */
export async function readBookingCentre(
  db: Db,
  centerId: string,
  seatId: string | null,
  fromDate: string,
): Promise<CentreRead | null> {
  const { rows } = await sql<{ c: CentreJson; digest: string }>`
    SELECT c, md5(c::text) AS digest
      FROM markaz_booking_centre(${centerId}::uuid, ${seatId}::uuid, ${fromDate}::date) AS c
     WHERE c IS NOT NULL`.execute(db);
  const r = rows[0];
  return r ? { centre: { ...r.c, calendar: toCalendar(r.c) }, digest: r.digest } : null;
}

/** Why markaz_book_seat did not book; it undid its claim, so the transactional path may try. */
export type AtOnceOutcome = 'booked' | 'not_claimed' | 'stale' | 'own' | 'held' | 'taken';

/** One booking, one autocommit statement: see the migration for what the function does in order. */
export async function bookSeatAtOnce(db: Db, p: Record<string, unknown>): Promise<AtOnceOutcome> {
  const { rows } = await sql<{ r: { outcome: AtOnceOutcome } }>`
    SELECT markaz_book_seat(${JSON.stringify(p)}::jsonb) AS r`.execute(db);
  return rows[0]!.r.outcome;
}

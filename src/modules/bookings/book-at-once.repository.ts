import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { SeatKind } from '../centers/index.ts';
import type { CenterCalendar } from './booking-window.ts';
import { toCalendar } from './bookings.repository.ts';

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
  /** centers.booking_version: one more whenever anything here changes (triggers). */
  version: number;
  hours: { weekday: number; opens: string; closes: string }[];
  closures: { starts_on: string; ends_on: string; reason: string; reason_ur: string | null }[];
};

/** A centre as a booking is decided on; markaz_book_seat books only while its version is the same. */
export type KnownCentre = CentreJson & { calendar: CenterCalendar };

export type SeatRead = { kind: SeatKind; label: string; active: boolean };

/**
 * The centre and its calendar from `fromDate` on, with their version (markaz_book_seat books only
 * while it is unchanged), and the named seat. One read, no transaction: nothing is decided on it
 * that the function does not check again.
 */
export async function readBookingCentre(
  db: Db,
  centerId: string,
  seatId: string | null,
  fromDate: string,
): Promise<{ centre: KnownCentre; seat: SeatRead | null } | null> {
  const { rows } = await sql<{ c: CentreJson } & { [K in keyof SeatRead]: SeatRead[K] | null }>`
    SELECT c, s.kind, s.label, s.active
      FROM markaz_booking_centre(${centerId}::uuid, ${fromDate}::date) AS c
      LEFT JOIN seats s ON s.center_id = ${centerId}::uuid AND s.seat_id = ${seatId}::uuid
     WHERE c IS NOT NULL`.execute(db);
  const r = rows[0];
  if (!r) return null;
  const seat =
    r.kind && r.label && r.active !== null ? { kind: r.kind, label: r.label, active: r.active } : null;
  return { centre: { ...r.c, calendar: toCalendar(r.c) }, seat };
}

/** Why markaz_book_seat did not book; it wrote nothing, so the transactional path may try. */
export type AtOnceOutcome = 'booked' | 'not_claimed' | 'stale' | 'own' | 'held' | 'taken';

/** One booking, one autocommit statement: see the migration for what the function does in order. */
export async function bookSeatAtOnce(db: Db, p: Record<string, unknown>): Promise<AtOnceOutcome> {
  const { rows } = await sql<{ r: { outcome: AtOnceOutcome } }>`
    SELECT markaz_book_seat(${JSON.stringify(p)}::jsonb) AS r`.execute(db);
  return rows[0]!.r.outcome;
}

import type { ColumnType, Generated } from 'kysely';
import type { SeatKind } from '../centers/index.ts';

export type BookingStatus = 'confirmed' | 'cancelled' | 'checked_in' | 'no_show' | 'released';
export type BookingPlan = 'hourly' | 'day_pass' | 'monthly' | 'meeting_room';
/** Why a booking was cancelled: by its booker, or by the centre closing (a closure or for good) or being suspended. */
export type CancelReason = 'booker' | 'centre_closed' | 'centre_suspended';

/** tstzrange is written as a range literal and read back as text: '["2026-11-28 04:00:00+00",…)'. */
type Range = ColumnType<string, string, string>;

export interface BookingsTable {
  center_id: string;
  booking_id: Generated<string>;
  seat_id: string;
  booker_id: string;
  plan: BookingPlan;
  during: Range;
  blocked: Range;
  status: BookingStatus;
  price_minor: number;
  paid: ColumnType<boolean, boolean | undefined, boolean>;
  series_id: string | null;
  created_at: Date;
  cancelled_at: Date | null;
  late_cancellation: ColumnType<boolean, boolean | undefined, boolean>;
  cancel_reason: ColumnType<CancelReason | null, CancelReason | null | undefined, CancelReason | null>;
  cancel_note: ColumnType<string | null, string | null | undefined, string | null>;
  /** The note in Urdu, where the closure that cancelled it had one. */
  cancel_note_ur: ColumnType<string | null, string | null | undefined, string | null>;
  checked_in_at: Date | null;
  released_at: Date | null;
  /** When the centre's owner recorded returning the money of a paid booking the centre or programme cancelled. */
  refunded_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface CalendarFeedsTable {
  user_id: string;
  version: number;
  token_hash: string;
  created_at: Date;
}

export type WaitlistStatus = 'waiting' | 'offered' | 'accepted' | 'expired' | 'left' | 'cancelled';

export interface WaitlistEntriesTable {
  center_id: string;
  entry_id: Generated<string>;
  seq: Generated<number>;
  freelancer_id: string;
  plan: Exclude<BookingPlan, 'monthly'>;
  seat_kind: SeatKind;
  during: Range;
  status: WaitlistStatus;
  offered_seat_id: string | null;
  offer_expires_at: Date | null;
  booking_id: string | null;
  cancel_reason: ColumnType<
    Exclude<CancelReason, 'booker'> | null,
    Exclude<CancelReason, 'booker'> | null | undefined,
    Exclude<CancelReason, 'booker'> | null
  >;
  created_at: Date;
  updated_at: Date;
}

/**
 * Holds on meeting and training rooms (room-holds.ts): a seat booking's lane ('[seat,seat]', kept
 * by a trigger on bookings) or a whole-room reservation ('(,)'); one exclusion constraint.
 */
export interface SpaceHoldsTable {
  center_id: string;
  hold_id: Generated<string>;
  space_id: string;
  lane: string;
  during: Range;
  booking_id: string | null;
  purpose: 'training_session' | null;
  ref_id: string | null;
  created_at: Generated<Date>;
}

export interface BookingsTables {
  bookings: BookingsTable;
  space_holds: SpaceHoldsTable;
  calendar_feeds: CalendarFeedsTable;
  waitlist_entries: WaitlistEntriesTable;
}

/** Centres, bookings and freelancers together, for the Database type (one line there). */

declare module '../../db/database.ts' {
  interface Database extends BookingsTables {}
}

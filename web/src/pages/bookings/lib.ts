import { ApiError, api, type components, type Problem, unwrap } from '../../api/client';
import i18n from '../../i18n';
import { inLang } from '../../lib/names';

export type CenterSummary = components['schemas']['CenterSummary'];
export type Center = components['schemas']['Center'];
export type Booking = components['schemas']['Booking'];
/** A booking on its centre's own lists (the day, refunds due): with who booked it. */
export type CentreBooking = components['schemas']['CentreBooking'];
export type FreeSeat = components['schemas']['FreeSeat'];
export type SeatKind = components['schemas']['SeatKind'];
export type BookingPlan = components['schemas']['BookingPlan'];
export type CreateBookingInput = components['schemas']['CreateBookingInput'];
export type CreatedBookings = components['schemas']['CreatedBookings'];

export const SEAT_KINDS: SeatKind[] = [
  'hot_desk',
  'cabin',
  'dedicated_desk',
  'meeting_room',
  'training_room',
];
export const PLANS: BookingPlan[] = ['hourly', 'day_pass', 'monthly', 'meeting_room'];
/** The seat kinds each plan books (mirrors the server's SEAT_KINDS_FOR_PLAN). */
export const KINDS_FOR_PLAN: Record<BookingPlan, SeatKind[]> = {
  hourly: ['hot_desk', 'cabin'],
  day_pass: ['hot_desk', 'cabin'],
  monthly: ['dedicated_desk'],
  meeting_room: ['meeting_room', 'training_room'],
};

const KARACHI = 'Asia/Karachi';

/** Today's calendar day in Pakistan, YYYY-MM-DD, whatever the phone's zone. */
export function karachiToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: KARACHI,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/**
 * Why the centre or the programme (a closure or a suspension), not the booker, cancelled a
 * booking; null when it stands or the booker cancelled it. Such a booking owes nothing.
 */
export function cancelledByCentre(
  b: Pick<Booking, 'status' | 'cancelReason'>,
): 'centre_closed' | 'centre_suspended' | null {
  return b.status === 'cancelled' &&
    (b.cancelReason === 'centre_closed' || b.cancelReason === 'centre_suspended')
    ? b.cancelReason
    : null;
}

/** Why the centre cancelled, in the reader's language: the closure's Urdu where it had one. */
export function cancelNote(
  b: Pick<Booking, 'cancelNote' | 'cancelNoteUr'>,
  lang: string = i18n.language,
): string {
  return inLang(b.cancelNote ?? '', b.cancelNoteUr, lang);
}

/**
 * The money side of a booking: owed and not paid yet, paid, nothing owed (the centre or the
 * programme cancelled it before it was paid), a refund due (it was paid, then they cancelled it)
 * or refunded. The server decides `refundDue`; this only picks what to say.
 */
export type PaymentState = 'unpaid' | 'paid' | 'nothing_owed' | 'refund_due' | 'refunded';

export function paymentState(
  b: Pick<Booking, 'status' | 'cancelReason' | 'paid' | 'refundDue' | 'refundedAt'>,
): PaymentState {
  if (b.refundDue) return 'refund_due';
  if (b.refundedAt) return 'refunded';
  if (b.paid) return 'paid';
  return cancelledByCentre(b) ? 'nothing_owed' : 'unpaid';
}

/** The wall-clock time in Pakistan, HH:MM. */
export function karachiTime(now = new Date()): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: KARACHI,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(now);
}

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** "HH:MM" of an instant on the programme's clock. */
export function timeOf(iso: string): string {
  return karachiTime(new Date(iso));
}

/** Quarter-hour times between two HH:MM (inclusive), for the time pickers. */
export function quarterHours(from = '00:00', to = '23:45'): string[] {
  const out: string[] = [];
  const m = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  for (let x = Math.ceil(m(from) / 15) * 15; x <= m(to); x += 15) {
    out.push(`${String(Math.floor(x / 60)).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}`);
  }
  return out;
}

/**
 * Start and end times a day's opening offers, on quarter hours. A day that closes after
 * midnight (closes at or before opens) runs on past 23:45 into the small hours.
 */
export function slotTimes(opens: string, closes: string): string[] {
  if (closes > opens) return quarterHours(opens, closes);
  return [...new Set([...quarterHours(opens, '23:45'), ...quarterHours('00:00', closes)])];
}

export function centerName(c: { nameEn: string; nameUr?: string | null }): string {
  return i18n.language === 'ur' && c.nameUr ? c.nameUr : c.nameEn;
}

/** The city in the reader's language: the one helper in lib/names, re-exported for the bookings pages. */
export { cityName } from '../../lib/names';

/** A 409 from POST /bookings: the server names free seats of the same kind in that window. */
/** One of the freelancer's own bookings in the way (one person, one seat at a time). */
export type OwnBooking = {
  bookingId: string;
  centerId: string;
  centerName: string;
  start: string;
  end: string;
};

export class BookingConflict extends ApiError {
  readonly alternatives: FreeSeat[];
  readonly conflictDates: string[];
  /** Set when the 409 is the freelancer's own booking then, not a seat taken by someone else. */
  readonly ownBookings: OwnBooking[];
  constructor(
    status: number,
    problem: Partial<Problem> & {
      alternatives?: FreeSeat[];
      conflicts?: { date: string }[];
      ownBookings?: OwnBooking[];
    },
  ) {
    super(status, problem);
    this.alternatives = Array.isArray(problem.alternatives) ? problem.alternatives : [];
    this.conflictDates = Array.isArray(problem.conflicts) ? problem.conflicts.map((c) => c.date) : [];
    this.ownBookings = Array.isArray(problem.ownBookings) ? problem.ownBookings : [];
  }
}

/**
 * Books with an Idempotency-Key (the same key for retries of one submission, so a retry after a
 * dropped connection never books twice). Like unwrap(), but a 409 keeps its alternatives.
 */
export async function postBooking(body: CreateBookingInput, key: string): Promise<CreatedBookings> {
  const result = await api
    .POST('/api/v1/bookings', { body, params: { header: { 'idempotency-key': key } } })
    .catch((e: unknown) => {
      throw new ApiError(0, { code: 'network', detail: e instanceof Error ? e.message : String(e) });
    });
  if (result.response.ok && result.data) return result.data;
  const problem = (result.error && typeof result.error === 'object' ? result.error : {}) as Partial<Problem>;
  if (result.response.status === 409) throw new BookingConflict(409, problem);
  throw new ApiError(result.response.status, problem);
}

export function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

export type JoinWaitlist = components['schemas']['JoinWaitlistInput'];

export async function joinWaitlist(body: JoinWaitlist) {
  return unwrap(api.POST('/api/v1/waitlist', { body }));
}

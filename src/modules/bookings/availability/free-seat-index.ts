/**
 * The in-memory answer to "which centres near here have a free seat then" (issue 21, decision
 * 0068). It holds, per operational centre, what the exact query in `search.repository.ts` reads:
 * the centre's summary and filters, its opening hours and closures, its active seats, the live
 * bookings that block them and whole-room holds. A search is then arithmetic in this process, no
 * database round trip. It is a cache of the database, kept within a second of it by the feed
 * (`free-seat-feed.ts`); booking stays the authority (a seat taken meanwhile is a 409 with
 * alternatives).
 *
 * Pure data and arithmetic: no I/O, so it is tested on its own and against the exact query.
 */
import type { SeatKind } from '../../centers/index.ts';
import type { CenterSearchResponse } from '../search.schema.ts';

type Summary = CenterSearchResponse['items'][number]['center'];

/** Pakistan Standard Time is UTC+5 all year (no daylight saving since 2009). */
const KARACHI_OFFSET_MS = 5 * 3_600_000;
const DAY_MS = 86_400_000;

export type PriceColumn =
  | 'price_hourly_minor'
  | 'price_day_pass_minor'
  | 'price_monthly_desk_minor'
  | 'price_meeting_room_hourly_minor';

/** A centre as loaded: what the search filters on and answers with. */
export type CentreFacts = {
  centerId: string;
  operational: boolean;
  latitude: number;
  longitude: number;
  internetMbps: number | null;
  backupPower: boolean;
  womenOnlyArea: boolean;
  prayerArea: boolean;
  parking: boolean;
  accessible: boolean;
  prices: Record<PriceColumn, number | null>;
  summary: Summary;
  /** Opening spans per ISO weekday (1 = Monday): minutes after midnight, closes <= opens runs past midnight. */
  hours: { weekday: number; opens: number; closes: number }[];
  /** Closed calendar days, inclusive, 'YYYY-MM-DD'. */
  closures: { startsOn: string; endsOn: string }[];
  /** Active seats: id, kind and the room (space) each is in. */
  seats: { seatId: string; kind: SeatKind; spaceId: string; label: string }[];
  /** Whole-room holds (a training session's room): the room and the span, epoch ms [start, end). */
  roomHolds: { spaceId: string; start: number; end: number }[];
};

/** A booking as the feed and the loader see it: live ones block their seat for [start, end). */
export type BookingFact = {
  centerId: string;
  bookingId: string;
  seatId: string;
  start: number;
  end: number;
  /** confirmed and checked_in block the seat; anything else (or deleted) frees it. */
  live: boolean;
};

export type IndexSearch = {
  lat: number;
  lng: number;
  radiusKm: number;
  kind: SeatKind;
  window: { start: Date; end: Date; date: string } | null;
  minInternetMbps?: number | undefined;
  backupPower: boolean;
  womenOnlyArea: boolean;
  prayerArea: boolean;
  parking: boolean;
  accessible: boolean;
  priceColumn: PriceColumn;
  maxPriceMinor?: number | undefined;
  limit: number;
};

/**
 * A centre as held: its facts without the seat objects, and its seats and live bookings in typed
 * arrays. At national size the index holds a million seats and about five million live bookings;
 * as objects in Maps they made a heap of tens of millions of small objects whose garbage
 * collections paused every request for tens of milliseconds. As numbers in arrays they are a few
 * hundred objects a centre's worth fewer, and scanning them is cache-friendly.
 */
type Centre = Omit<CentreFacts, 'seats'> & {
  /** Seat i: its id, label, kind (code into KIND_CODES) and room (index into `spaces`). */
  seatIds: string[];
  seatLabels: string[];
  seatKinds: Uint8Array;
  seatSpaces: Uint32Array;
  spaces: string[];
  /** Live booking j (of `n`): a 52-bit key from its id, its seat and its span [start, end). */
  n: number;
  bKey: Float64Array;
  bSeat: Int32Array;
  bStart: Float64Array;
  bEnd: Float64Array;
};

const KIND_CODES = new Map<string, number>();
const KINDS: SeatKind[] = [];
const kindCode = (kind: SeatKind): number => {
  let code = KIND_CODES.get(kind);
  if (code === undefined) {
    code = KIND_CODES.size + 1;
    KIND_CODES.set(kind, code);
    KINDS[code] = kind;
  }
  return code;
};

// Seat labels repeat across centres (H1…H100, M1): one string each, however many centres.
const LABELS = new Map<string, string>();
const interned = (label: string): string => {
  const known = LABELS.get(label);
  if (known !== undefined) return known;
  LABELS.set(label, label);
  return label;
};

/**
 * The last 52 bits of a UUID as a number (exact in a double): random in version 4 and version 7
 * ids alike (a version 7's first bits are its timestamp, shared by ids made in one millisecond),
 * so unique among one centre's few hundred live bookings in practice.
 */
export function bookingKey(bookingId: string): number {
  return Number.parseInt(bookingId.replace(/-/g, '').slice(-13), 16);
}

/** Scratch marks of busy seats, reused by every search (one thread; a centre has at most a few thousand seats). */
let busyMarks = new Uint8Array(1024);

/** Grid cells of 0.25° for the nearest-first candidate scan. */
const CELL = 0.25;
const cellKey = (lat: number, lng: number) => `${Math.floor(lat / CELL)}:${Math.floor(lng / CELL)}`;

/** Great-circle distance in km, the same formula (and Earth radius) as the SQL. */
export function distanceKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Midnight of a calendar day in Karachi, epoch ms. */
function karachiMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - KARACHI_OFFSET_MS;
}

function isoWeekdayOfDay(dayMs: number): number {
  const d = new Date(dayMs + KARACHI_OFFSET_MS).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Whether the centre's opening spans (day before, the day, day after, merged) contain the window. */
function openFor(c: Pick<CentreFacts, 'hours'>, date: string, start: number, end: number): boolean {
  const spans: [number, number][] = [];
  const mid = karachiMidnight(date);
  for (const day of [mid - DAY_MS, mid, mid + DAY_MS]) {
    const wd = isoWeekdayOfDay(day);
    for (const h of c.hours) {
      if (h.weekday !== wd) continue;
      const closesDay = h.closes <= h.opens ? day + DAY_MS : day;
      spans.push([day + h.opens * 60_000, closesDay + h.closes * 60_000]);
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  // Merge overlapping and touching spans ([) ranges that meet are one), as range_agg does.
  let cur: [number, number] | null = null;
  for (const s of spans) {
    if (cur && s[0] <= cur[1]) cur[1] = Math.max(cur[1], s[1]);
    else {
      if (cur && cur[0] <= start && end <= cur[1]) return true;
      cur = [s[0], s[1]];
    }
  }
  return !!cur && cur[0] <= start && end <= cur[1];
}

function closedDuring(c: Pick<CentreFacts, 'closures'>, start: number, end: number): boolean {
  for (const cl of c.closures) {
    const from = karachiMidnight(cl.startsOn);
    const to = karachiMidnight(cl.endsOn) + DAY_MS;
    if (from < end && start < to) return true;
  }
  return false;
}

export class FreeSeatIndex {
  private readonly centres = new Map<string, Centre>();
  private readonly cells = new Map<string, Set<string>>();

  get size(): number {
    return this.centres.size;
  }

  /** Puts (or replaces) a centre with its facts and live bookings. */
  setCentre(facts: CentreFacts, bookings: readonly BookingFact[]): void {
    this.removeCentre(facts.centerId);
    const { seats, ...rest } = facts;
    const spaces: string[] = [];
    const spaceOf = new Map<string, number>();
    const seatSpaces = new Uint32Array(seats.length);
    const seatKinds = new Uint8Array(seats.length);
    seats.forEach((seat, i) => {
      let sp = spaceOf.get(seat.spaceId);
      if (sp === undefined) {
        sp = spaces.length;
        spaces.push(seat.spaceId);
        spaceOf.set(seat.spaceId, sp);
      }
      seatSpaces[i] = sp;
      seatKinds[i] = kindCode(seat.kind);
    });
    const cap = Math.max(8, bookings.length);
    const centre: Centre = {
      ...rest,
      seatIds: seats.map((seat) => seat.seatId),
      seatLabels: seats.map((seat) => interned(seat.label)),
      seatKinds,
      seatSpaces,
      spaces,
      n: 0,
      bKey: new Float64Array(cap),
      bSeat: new Int32Array(cap),
      bStart: new Float64Array(cap),
      bEnd: new Float64Array(cap),
    };
    this.centres.set(facts.centerId, centre);
    // A load gives each booking once: appended without looking for an earlier state.
    const seatOf = new Map(centre.seatIds.map((id, i) => [id, i]));
    for (const b of bookings) this.append(centre, b, bookingKey(b.bookingId), seatOf.get(b.seatId) ?? -1);
    const key = cellKey(facts.latitude, facts.longitude);
    const cell = this.cells.get(key) ?? new Set<string>();
    this.cells.set(key, cell);
    cell.add(facts.centerId);
  }

  removeCentre(centerId: string): void {
    const old = this.centres.get(centerId);
    if (!old) return;
    this.centres.delete(centerId);
    this.cells.get(cellKey(old.latitude, old.longitude))?.delete(centerId);
  }

  hasCentre(centerId: string): boolean {
    return this.centres.has(centerId);
  }

  /** An active seat of an operational centre, as the index holds it; null when it holds no such seat. */
  seat(centerId: string, seatId: string): { kind: SeatKind; label: string } | null {
    const c = this.centres.get(centerId);
    if (!c?.operational) return null;
    const i = c.seatIds.indexOf(seatId);
    return i < 0 ? null : { kind: KINDS[c.seatKinds[i]!]!, label: c.seatLabels[i]! };
  }

  /** A booking changed: a live one blocks its seat, anything else frees it. */
  applyBooking(b: BookingFact): void {
    const centre = this.centres.get(b.centerId);
    if (centre) this.applyTo(centre, b);
  }

  private applyTo(c: Centre, b: BookingFact): void {
    const key = bookingKey(b.bookingId);
    // Any earlier state of this booking goes first (swap-remove: order does not matter).
    for (let j = 0; j < c.n; j++) {
      if (c.bKey[j] !== key) continue;
      this.removeAt(c, j);
      break;
    }
    this.append(c, b, key, c.seatIds.indexOf(b.seatId));
  }

  /** Adds a live booking (`key`, its bookingKey) of an active seat (`seat`, its index; nothing for any other). */
  private append(c: Centre, b: BookingFact, key: number, seat: number): void {
    if (!b.live || seat < 0) return;
    if (c.n === c.bKey.length) {
      const grow = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
        const next = make(a.length * 2);
        next.set(a);
        return next;
      };
      c.bKey = grow(c.bKey, (n) => new Float64Array(n));
      c.bSeat = grow(c.bSeat, (n) => new Int32Array(n));
      c.bStart = grow(c.bStart, (n) => new Float64Array(n));
      c.bEnd = grow(c.bEnd, (n) => new Float64Array(n));
    }
    c.bKey[c.n] = key;
    c.bSeat[c.n] = seat;
    c.bStart[c.n] = b.start;
    c.bEnd[c.n] = b.end;
    c.n += 1;
  }

  private removeAt(c: Centre, j: number): void {
    const last = c.n - 1;
    c.bKey[j] = c.bKey[last]!;
    c.bSeat[j] = c.bSeat[last]!;
    c.bStart[j] = c.bStart[last]!;
    c.bEnd[j] = c.bEnd[last]!;
    c.n = last;
  }

  /** Drops bookings that ended before `beforeMs` (they can no longer clash with a search). */
  prune(beforeMs: number): void {
    for (const c of this.centres.values())
      for (let j = c.n - 1; j >= 0; j--) if (c.bEnd[j]! <= beforeMs) this.removeAt(c, j);
  }

  /** Free seats of a kind for [start, end): active seats not booked and not in a held room. */
  private freeSeats(c: Centre, kind: SeatKind, start: number, end: number): number {
    const code = kindCode(kind);
    const seats = c.seatIds.length;
    if (busyMarks.length < seats) busyMarks = new Uint8Array(seats * 2);
    const busy = busyMarks;
    busy.fill(0, 0, seats);
    // Seats in a room held whole for the window count as busy too.
    for (const h of c.roomHolds) {
      if (!(h.start < end && start < h.end)) continue;
      const sp = c.spaces.indexOf(h.spaceId);
      if (sp >= 0) for (let i = 0; i < seats; i++) if (c.seatSpaces[i] === sp) busy[i] = 1;
    }
    const { bSeat, bStart, bEnd } = c;
    for (let j = 0; j < c.n; j++) if (bStart[j]! < end && start < bEnd[j]!) busy[bSeat[j]!] = 1;
    let free = 0;
    for (let i = 0; i < seats; i++) if (c.seatKinds[i] === code && busy[i] === 0) free += 1;
    return free;
  }

  /** The same answer as the exact query: nearest first, then by id; at most `limit`. */
  search(f: IndexSearch): CenterSearchResponse['items'] {
    const dLat = f.radiusKm / 111.0;
    const dLng = f.radiusKm / (111.32 * Math.max(0.01, Math.cos((f.lat * Math.PI) / 180)));
    const candidates: { c: Centre; d: number }[] = [];
    const lat0 = Math.floor((f.lat - dLat) / CELL);
    const lat1 = Math.floor((f.lat + dLat) / CELL);
    const lng0 = Math.floor((f.lng - dLng) / CELL);
    const lng1 = Math.floor((f.lng + dLng) / CELL);
    for (let i = lat0; i <= lat1; i++) {
      for (let j = lng0; j <= lng1; j++) {
        const cell = this.cells.get(`${i}:${j}`);
        if (!cell) continue;
        for (const id of cell) {
          const c = this.centres.get(id)!;
          if (!c.operational) continue;
          if (Math.abs(c.latitude - f.lat) > dLat || Math.abs(c.longitude - f.lng) > dLng) continue;
          if (f.minInternetMbps !== undefined && !((c.internetMbps ?? -1) >= f.minInternetMbps)) continue;
          if (f.backupPower && !c.backupPower) continue;
          if (f.womenOnlyArea && !c.womenOnlyArea) continue;
          if (f.prayerArea && !c.prayerArea) continue;
          if (f.parking && !c.parking) continue;
          if (f.accessible && !c.accessible) continue;
          if (f.maxPriceMinor !== undefined) {
            const price = c.prices[f.priceColumn];
            if (price === null || price > f.maxPriceMinor) continue;
          }
          const d = distanceKm(f.lat, f.lng, c.latitude, c.longitude);
          if (d <= f.radiusKm) candidates.push({ c, d });
        }
      }
    }
    candidates.sort((a, b) => a.d - b.d || (a.c.centerId < b.c.centerId ? -1 : 1));
    const out: CenterSearchResponse['items'] = [];
    const w = f.window;
    const start = w?.start.getTime() ?? 0;
    const end = w?.end.getTime() ?? 0;
    for (const { c, d } of candidates) {
      if (out.length >= f.limit) break;
      let free: number | null = null;
      if (w) {
        if (!openFor(c, w.date, start, end) || closedDuring(c, start, end)) continue;
        free = this.freeSeats(c, f.kind, start, end);
        if (free <= 0) continue;
      }
      out.push({ center: c.summary, distanceKm: Math.round(d * 10) / 10, freeSeats: free });
    }
    return out;
  }
}

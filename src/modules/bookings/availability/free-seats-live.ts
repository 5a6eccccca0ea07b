/**
 * Keeps this process's free-seat index within a second of the database (decision 0068):
 * - it listens on `markaz_free_seats` first, then loads every operational centre, and applies
 *   what it heard meanwhile in order (a booking's message carries its whole state, so applying
 *   one the load already saw changes nothing);
 * - a booking's message is applied at once; any other change to a centre reloads that centre
 *   (messages for it wait until the reload is in, then apply in order);
 * - while the listener is lost, or before the first load is in, `search` answers null and the
 *   caller runs the exact query; after a lapse the index is loaded afresh;
 * - `a` (after a bulk load, `bulkLoadingBookings`) loads the whole index afresh;
 * - bookings that ended a day ago are dropped every ten minutes; a window that starts before what
 *   the index still holds goes to the exact query.
 * Two processes may disagree only for as long as a NOTIFY takes to arrive and a centre to reload.
 */

import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/database.ts';
import type { Listening } from '../../../db/listen.ts';
import type { Deps } from '../../../deps.ts';
import type { SeatKind } from '../../centers/index.ts';
import { type BookingFact, FreeSeatIndex, type IndexSearch } from './free-seat-index.ts';
import { loadAll, reloadCentres } from './free-seat-loader.ts';

export const FREE_SEATS_CHANNEL = 'markaz_free_seats';

/** Each app's live index by its database handle: for tests and the bench to wait on (caughtUp). */
export const liveFreeSeats = new WeakMap<object, LiveFreeSeats>();
const DAY_MS = 86_400_000;
const PRUNE_EVERY_MS = 10 * 60_000;

type Message =
  | { kind: 'booking'; fact: BookingFact }
  | { kind: 'centre'; centerId: string }
  | { kind: 'all' };

const UUID = /^[0-9a-f-]{36}$/;

/** A message as the triggers send it, or null (anyone who can connect may NOTIFY). */
export function parseFreeSeatMessage(payload: string): Message | null {
  if (payload === 'a') return { kind: 'all' };
  const p = payload.split(',');
  if (p[0] === 'c' && p.length === 2 && UUID.test(p[1]!)) return { kind: 'centre', centerId: p[1]! };
  if (p[0] === 'b' && p.length === 7 && UUID.test(p[1]!) && UUID.test(p[2]!) && UUID.test(p[3]!)) {
    const start = Number(p[4]);
    const end = Number(p[5]);
    if (!Number.isFinite(start) || !Number.isFinite(end) || (p[6] !== '0' && p[6] !== '1')) return null;
    return {
      kind: 'booking',
      fact: { centerId: p[1]!, bookingId: p[2]!, seatId: p[3]!, start, end, live: p[6] === '1' },
    };
  }
  return null;
}

export class LiveFreeSeats {
  private index = new FreeSeatIndex();
  private ready = false;
  /** Earliest window start the index answers for (older bookings may have been dropped). */
  private horizon = Number.POSITIVE_INFINITY;
  /** Messages heard while a full load runs. */
  private held: Message[] | null = null;
  /** Centres waiting for a reload, and messages for centres being reloaded. */
  private toReload = new Set<string>();
  private reloading = new Map<string, Message[]>();
  private reloadRun: Promise<void> | null = null;
  private listening: Listening | null = null;
  private pruneTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private loads = 0;

  constructor(private readonly deps: Deps) {}

  /** Starts listening and loads the index; resolves once the first load is in. */
  async start(): Promise<void> {
    if (!this.deps.listen) return;
    this.held = [];
    this.listening = await this.deps.listen(FREE_SEATS_CHANNEL, 'free-seat index', {
      onMessage: (payload) => {
        const m = parseFreeSeatMessage(payload);
        if (m) this.hear(m);
      },
      onLapse: () => {
        this.ready = false;
        this.held = [];
      },
      onListening: (afterLapse) => {
        if (afterLapse) void this.loadAfresh();
      },
    });
    await this.loadAfresh();
    this.pruneTimer = setInterval(() => this.prune(), PRUNE_EVERY_MS);
    this.pruneTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pruneTimer);
    await this.listening?.close();
    await this.reloadRun?.catch(() => {});
  }

  /** The index's answer, or null when the exact query must answer (not loaded, lapsed, too old). */
  async search(f: IndexSearch): Promise<ReturnType<FreeSeatIndex['search']> | null> {
    if (!this.ready) return null;
    if (f.window && f.window.start.getTime() < this.horizon) return null;
    // A centre's reload in flight (a closure, hours, a suspension) lands before the answer.
    if (this.reloadRun) await this.reloadRun;
    if (!this.ready) return null;
    return this.index.search(f);
  }

  /**
   * A seat's kind and label as the index holds them (within a second of the database), for a
   * booking that the database checks again; null when the index is not answering or has no such seat.
   */
  seat(centerId: string, seatId: string): { kind: SeatKind; label: string } | null {
    return this.ready ? this.index.seat(centerId, seatId) : null;
  }

  /** Resolves once everything committed before the call is in the index (tests, the bench). */
  async caughtUp(): Promise<void> {
    await this.listening?.caughtUp();
    while (this.reloadRun) await this.reloadRun;
  }

  /** How many full loads have run (1 after start; more after lapses). */
  get fullLoads(): number {
    return this.loads;
  }

  private hear(m: Message): void {
    if (this.held) {
      this.held.push(m);
      return;
    }
    this.apply(m);
  }

  private apply(m: Message): void {
    if (m.kind === 'all') {
      void this.loadAfresh();
      return;
    }
    const centre = m.kind === 'centre' ? m.centerId : m.fact.centerId;
    const waiting = this.reloading.get(centre);
    if (waiting) {
      waiting.push(m);
      return;
    }
    if (m.kind === 'booking') this.index.applyBooking(m.fact);
    else {
      this.toReload.add(m.centerId);
      this.reloadRun ??= this.runReloads().finally(() => {
        this.reloadRun = null;
      });
    }
  }

  private async runReloads(): Promise<void> {
    while (this.toReload.size && !this.stopped) {
      const ids = [...this.toReload];
      this.toReload.clear();
      for (const id of ids) this.reloading.set(id, []);
      try {
        await reloadCentres(this.deps.db, this.index, ids, this.since());
      } catch (err) {
        // The index can no longer be trusted for those centres: start afresh.
        this.deps.log.error({ err }, `free-seat index: reloading centres failed: ${(err as Error).message}`);
        this.ready = false;
        for (const id of ids) this.reloading.delete(id);
        void this.loadAfresh();
        return;
      }
      for (const id of ids) {
        const waiting = this.reloading.get(id) ?? [];
        this.reloading.delete(id);
        for (const m of waiting) this.apply(m);
      }
    }
  }

  private since(): number {
    return this.deps.clock.now().getTime() - DAY_MS;
  }

  private async loadAfresh(): Promise<void> {
    if (this.stopped) return;
    this.ready = false;
    this.held = [];
    const since = this.since();
    const fresh = new FreeSeatIndex();
    try {
      await loadAll(this.deps.db, fresh, since);
    } catch (err) {
      this.deps.log.error({ err }, `free-seat index: loading failed: ${(err as Error).message}`);
      return;
    }
    this.index = fresh;
    this.horizon = since;
    this.loads += 1;
    const held = this.held;
    this.held = null;
    for (const m of held) this.apply(m);
    this.ready = true;
  }

  private prune(): void {
    const before = this.since();
    this.index.prune(before);
    this.horizon = Math.max(this.horizon, before);
  }
}

/**
 * A bulk load of bookings (the national generator, the bench's loader) without a message per row:
 * the bookings' feed trigger is off meanwhile (ALTER TABLE: the load holds the table anyway), and
 * one message afterwards makes every listening index load afresh.
 */
export async function bulkLoadingBookings<T>(db: Kysely<Database>, work: () => Promise<T>): Promise<T> {
  await sql`ALTER TABLE bookings DISABLE TRIGGER free_seats_booking`.execute(db);
  try {
    return await work();
  } finally {
    await sql`ALTER TABLE bookings ENABLE TRIGGER free_seats_booking`.execute(db);
    await sql`SELECT pg_notify(${FREE_SEATS_CHANNEL}, 'a')`.execute(db);
  }
}

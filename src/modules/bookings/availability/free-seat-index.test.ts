/**
 * The fast search answers exactly what the exact query answers (issue 21): random sequences of
 * every kind of write that changes availability — bookings made, cancelled, moved and checked in,
 * closures, seats retired, rooms held whole for training, opening hours changed, a centre
 * suspended — written straight into the tables (so a write path added later is covered too), then
 * random searches compared, answer for answer, with `search.repository.ts`.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteListen, postgresListen } from '../../../db/listen.ts';
import { silentLogger } from '../../../deps.ts';
import { makeOperationalCenter } from '../../../testing/centre-fixtures.ts';
import { createTestApp, makeUser, type TestApp } from '../../../testing/test-app.ts';
import { searchCenters } from '../search.repository.ts';
import { FreeSeatIndex, type IndexSearch } from './free-seat-index.ts';
import { loadAll } from './free-seat-loader.ts';
import { LiveFreeSeats } from './free-seats-live.ts';

let t: TestApp;
let booker = '';
const centres: { id: string; seats: { id: string; kind: string; space: string }[]; spaces: string[] }[] = [];
const NOW = Date.parse('2026-11-28T05:00:00Z');
const HOUR = 3_600_000;

/** A small deterministic generator, so a failure reproduces from its seed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  t = await createTestApp();
  const owner = await makeUser(t.deps, 'owner');
  booker = (await makeUser(t.deps, 'freelancer')).id;
  const points = [
    [31.5204, 74.3587],
    [31.4697, 74.2728],
    [31.4805, 74.4007],
    [31.5204, 74.3587],
    [31.56, 74.31],
  ] as const;
  for (const [i, [latitude, longitude]] of points.entries()) {
    const { center } = await makeOperationalCenter(t.deps, owner.id, {
      name: `Centre ${i}`,
      latitude,
      longitude,
      desks: 3,
    });
    const seats = await t.deps.db
      .selectFrom('seats')
      .select(['seat_id as id', 'kind', 'space_id as space'])
      .where('center_id', '=', center.id)
      .execute();
    centres.push({ id: center.id, seats, spaces: [...new Set(seats.map((s) => s.space))] });
  }
});
afterAll(() => t.close());

const iso = (ms: number) => new Date(ms).toISOString();
const range = (a: number, b: number) => `[${iso(a)},${iso(b)})`;

/** One random write of any kind; a write the database refuses (an overlap) changes nothing. */
async function randomWrite(r: () => number): Promise<void> {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const c = pick(centres);
  const start = NOW + Math.floor(r() * 96) * HOUR + 9 * HOUR - 5 * HOUR;
  const end = start + (1 + Math.floor(r() * 8)) * HOUR;
  const kind = r();
  const db = t.deps.db;
  try {
    await db.transaction().execute(async (trx) => {
      if (kind < 0.35) {
        const seat = pick(c.seats);
        await sql`INSERT INTO bookings (center_id, seat_id, booker_id, plan, during, blocked, status, price_minor, created_at)
          VALUES (${c.id}::uuid, ${seat.id}::uuid, ${booker}::uuid, 'hourly', ${range(start, end)}::tstzrange,
                  ${range(start, end + 15 * 60_000)}::tstzrange, 'confirmed', 100, now())
          ON CONFLICT DO NOTHING`.execute(trx);
      } else if (kind < 0.5) {
        await sql`UPDATE bookings SET status = ${pick(['cancelled', 'checked_in', 'released', 'no_show'])}
          WHERE booking_id = (SELECT booking_id FROM bookings WHERE center_id = ${c.id}::uuid
                               ORDER BY booking_id OFFSET ${Math.floor(r() * 5)} LIMIT 1)`.execute(trx);
      } else if (kind < 0.6) {
        const shift = (Math.floor(r() * 5) - 2) * HOUR;
        await sql`UPDATE bookings SET during = tstzrange(lower(during) + ${`${shift / 1000} seconds`}::interval,
                                                         upper(during) + ${`${shift / 1000} seconds`}::interval),
                                      blocked = tstzrange(lower(blocked) + ${`${shift / 1000} seconds`}::interval,
                                                          upper(blocked) + ${`${shift / 1000} seconds`}::interval)
          WHERE booking_id = (SELECT booking_id FROM bookings WHERE center_id = ${c.id}::uuid AND status = 'confirmed'
                               ORDER BY booking_id LIMIT 1)`.execute(trx);
      } else if (kind < 0.68) {
        const day = iso(start).slice(0, 10);
        await sql`INSERT INTO center_closures (center_id, starts_on, ends_on, reason, created_at)
          VALUES (${c.id}::uuid, ${day}::date, ${day}::date, 'test', now())`.execute(trx);
      } else if (kind < 0.74) {
        await sql`DELETE FROM center_closures WHERE center_id = ${c.id}::uuid`.execute(trx);
      } else if (kind < 0.82) {
        await sql`UPDATE seats SET active = NOT active WHERE seat_id = ${pick(c.seats).id}::uuid`.execute(
          trx,
        );
      } else if (kind < 0.9) {
        await sql`INSERT INTO space_holds (center_id, space_id, lane, during, purpose, ref_id, created_at)
          VALUES (${c.id}::uuid, ${pick(c.spaces)}::uuid, '(,)'::uuidrange, ${range(start, end)}::tstzrange,
                  'training_session', gen_random_uuid(), now())
          ON CONFLICT DO NOTHING`.execute(trx);
      } else if (kind < 0.96) {
        const opens = pick(['08:00', '09:00', '12:00', '18:00']);
        const closes = pick(['17:00', '21:00', '23:30', '02:00']);
        await sql`UPDATE center_opening_hours SET opens = ${opens}::time, closes = ${closes}::time
          WHERE center_id = ${c.id}::uuid AND weekday = ${1 + Math.floor(r() * 7)}`.execute(trx);
      } else {
        await sql`UPDATE centers SET status = CASE status WHEN 'operational' THEN 'suspended' ELSE 'operational' END
          WHERE center_id = ${c.id}::uuid`.execute(trx);
      }
    });
  } catch {
    // Refused (an overlap the exclusion constraints caught in a trigger): nothing changed.
  }
}

/** A search with no amenity filter, priced by the hour. */
const NO_FILTERS = {
  backupPower: false,
  womenOnlyArea: false,
  prayerArea: false,
  parking: false,
  accessible: false,
  priceColumn: 'price_hourly_minor',
} as const;

function randomSearch(r: () => number): IndexSearch {
  const day = new Date(NOW + Math.floor(r() * 4) * 24 * HOUR).toISOString().slice(0, 10);
  const fromH = 7 + Math.floor(r() * 16);
  const hours = 1 + Math.floor(r() * 6);
  const start = new Date(Date.parse(`${day}T00:00:00Z`) - 5 * HOUR + fromH * HOUR);
  const withWindow = r() < 0.85;
  return {
    lat: 31.5 + (r() - 0.5) * 0.1,
    lng: 74.33 + (r() - 0.5) * 0.1,
    radiusKm: [2, 5, 10, 30][Math.floor(r() * 4)]!,
    kind: r() < 0.7 ? 'hot_desk' : (['dedicated_desk', 'meeting_room'] as const)[Math.floor(r() * 2)]!,
    window: withWindow ? { date: day, start, end: new Date(start.getTime() + hours * HOUR) } : null,
    minInternetMbps: r() < 0.2 ? 50 : undefined,
    backupPower: r() < 0.2,
    womenOnlyArea: false,
    prayerArea: r() < 0.1,
    parking: false,
    accessible: false,
    priceColumn: 'price_hourly_minor',
    maxPriceMinor: r() < 0.1 ? 20_000 : undefined,
    limit: 1 + Math.floor(r() * 5),
  };
}

describe('the free-seat index', () => {
  it('answers every search as the exact query does, after random writes of every kind', async () => {
    const r = rng(21);
    let compared = 0;
    let withSeats = 0;
    for (let round = 0; round < 12; round++) {
      for (let i = 0; i < 15; i++) await randomWrite(r);
      const index = new FreeSeatIndex();
      await loadAll(t.deps.db, index, NOW - 24 * HOUR);
      for (let q = 0; q < 20; q++) {
        const f = randomSearch(r);
        const exact = await searchCenters(t.deps.db, f);
        const fast = index.search(f);
        expect(fast, JSON.stringify(f)).toEqual(exact);
        compared += 1;
        if (exact.some((x) => (x.freeSeats ?? 0) > 0)) withSeats += 1;
      }
    }
    // The comparison means something only if searches found centres with and without free seats.
    expect(compared).toBe(240);
    expect(withSeats).toBeGreaterThan(20);
    const live = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM bookings WHERE status IN ('confirmed', 'checked_in')`.execute(
      t.deps.db,
    );
    expect(live.rows[0]!.n).toBeGreaterThan(10);
  });
});

describe('the live index (listening to the database)', () => {
  it('follows random writes of every kind through the change feed, with no reload', async () => {
    const listen = t.conn.pglite ? pgliteListen(t.conn.pglite) : postgresListen(t.conn.url!, silentLogger);
    const live = new LiveFreeSeats({ ...t.deps, listen });
    await live.start();
    try {
      const r = rng(2121);
      let compared = 0;
      for (let round = 0; round < 10; round++) {
        for (let i = 0; i < 12; i++) await randomWrite(r);
        await live.caughtUp();
        for (let q = 0; q < 15; q++) {
          const f = randomSearch(r);
          expect(await live.search(f), JSON.stringify(f)).toEqual(await searchCenters(t.deps.db, f));
          compared += 1;
        }
      }
      expect(compared).toBe(150);
      // Loaded once: every change came through the feed.
      expect(live.fullLoads).toBe(1);
    } finally {
      await live.stop();
    }
  });

  it('on PGlite a write is in the index when the write returns (no waiting)', async () => {
    if (!t.conn.pglite) return;
    const live = new LiveFreeSeats({ ...t.deps, listen: pgliteListen(t.conn.pglite) });
    await live.start();
    try {
      const r = rng(7);
      let differentAfter = 0;
      for (let i = 0; i < 60; i++) {
        const f = randomSearch(r);
        const before = await searchCenters(t.deps.db, f);
        await randomWrite(r);
        for (const g of [f, randomSearch(r), randomSearch(r)]) {
          const exact = await searchCenters(t.deps.db, g);
          expect(await live.search(g), JSON.stringify(g)).toEqual(exact);
          if (g === f && JSON.stringify(exact) !== JSON.stringify(before)) differentAfter += 1;
        }
      }
      // Some writes changed an answer, so the index was seen to follow them at once.
      expect(differentAfter).toBeGreaterThanOrEqual(3);
    } finally {
      await live.stop();
    }
  });

  it('the API answers from the index once it is loaded, and says which path answered', async () => {
    if (!t.conn.pglite) return; // on PostgreSQL test apps search with the exact query (test-app.ts)
    const url = `/api/v1/centers/search?lat=31.5204&lng=74.3587&radiusKm=30&date=2026-11-29&from=10:00&to=12:00`;
    let source: unknown;
    for (let i = 0; i < 200 && source !== 'index'; i++) {
      const res = await t.app.inject({ method: 'GET', url });
      source = res.headers['x-search-source'];
      if (source !== 'index') await new Promise((r) => setTimeout(r, 50));
    }
    expect(source).toBe('index');
    const res = await t.app.inject({ method: 'GET', url });
    const exact = await searchCenters(t.deps.db, {
      lat: 31.5204,
      lng: 74.3587,
      radiusKm: 30,
      kind: 'hot_desk',
      window: {
        date: '2026-11-29',
        start: new Date('2026-11-29T05:00:00Z'),
        end: new Date('2026-11-29T07:00:00Z'),
      },
      ...NO_FILTERS,
      limit: 20,
    });
    expect(res.json().items).toEqual(JSON.parse(JSON.stringify(exact)));
  });
});

describe('a booking applied to the index (no database)', () => {
  const day = '2026-12-01';
  const at = (hh: number) => Date.parse(`${day}T00:00:00Z`) - 5 * HOUR + hh * HOUR;
  const centre = (seats: number) => ({
    centerId: 'c1',
    operational: true,
    latitude: 31.5,
    longitude: 74.3,
    internetMbps: 100,
    backupPower: true,
    womenOnlyArea: false,
    prayerArea: false,
    parking: false,
    accessible: false,
    prices: {
      price_hourly_minor: 100,
      price_day_pass_minor: null,
      price_monthly_desk_minor: null,
      price_meeting_room_hourly_minor: null,
    },
    summary: { id: 'c1' } as never,
    hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: 8 * 60, closes: 22 * 60 })),
    closures: [],
    seats: Array.from({ length: seats }, (_, i) => ({
      seatId: `s${i}`,
      kind: 'hot_desk' as const,
      spaceId: i < 2 ? 'room-a' : 'room-b',
      label: `H${i + 1}`,
    })),
    roomHolds: [],
  });
  const free = (index: FreeSeatIndex, from: number, to: number) =>
    index.search({
      lat: 31.5,
      lng: 74.3,
      radiusKm: 5,
      kind: 'hot_desk',
      window: { date: day, start: new Date(at(from)), end: new Date(at(to)) },
      ...NO_FILTERS,
      limit: 5,
    })[0]?.freeSeats ?? 0;
  const booking = (id: string, seat: string, from: number, to: number, live = true) => ({
    centerId: 'c1',
    bookingId: id,
    seatId: seat,
    start: at(from),
    end: at(to),
    live,
  });
  const A = '6f1c2a4e-1b2c-4d3e-8f40-000000000001';
  const B = '6f1c2a4e-1b2c-4d3e-8f40-000000000002';

  it('takes a seat when live, frees it when cancelled, and moves with its booking', () => {
    const index = new FreeSeatIndex();
    index.setCentre(centre(4), [booking(A, 's0', 9, 11)]);
    expect(free(index, 9, 10)).toBe(3);
    index.applyBooking(booking(B, 's1', 10, 12));
    expect(free(index, 10, 11)).toBe(2);
    // The same booking heard twice (the load saw it, then the feed): counted once.
    index.applyBooking(booking(B, 's1', 10, 12));
    expect(free(index, 10, 11)).toBe(2);
    // Moved to the afternoon: the morning is free again.
    index.applyBooking(booking(A, 's0', 14, 15));
    expect(free(index, 9, 10)).toBe(4);
    expect(free(index, 14, 15)).toBe(3);
    // Cancelled: free again.
    index.applyBooking(booking(B, 's1', 10, 12, false));
    expect(free(index, 10, 11)).toBe(4);
    // Pruned: what ended before the cut goes, what ends after it stays.
    index.applyBooking(booking(B, 's1', 17, 19));
    index.prune(at(16));
    expect(free(index, 14, 15)).toBe(4);
    expect(free(index, 17, 18)).toBe(3);
  });

  it('counts only seats of the kind asked, and not a booking of a seat out of service', () => {
    const index = new FreeSeatIndex();
    const c = centre(4);
    const seats = [
      ...c.seats,
      { seatId: 'm0', kind: 'meeting_room' as const, spaceId: 'room-m', label: 'M1' },
      { seatId: 'd0', kind: 'dedicated_desk' as const, spaceId: 'room-b', label: 'D1' },
    ];
    index.setCentre({ ...c, seats }, [booking(A, 'm0', 9, 11)]);
    // A booking learns a seat's kind and label from the index (the database checks them again).
    expect(index.seat('c1', 'm0')).toEqual({ kind: 'meeting_room', label: 'M1' });
    expect(index.seat('c1', 's3')).toEqual({ kind: 'hot_desk', label: 'H4' });
    expect(index.seat('c1', 'gone')).toBeNull();
    expect(index.seat('elsewhere', 's3')).toBeNull();
    index.setCentre({ ...c, seats, operational: false }, []);
    expect(index.seat('c1', 'm0')).toBeNull();
    index.setCentre({ ...c, seats }, [booking(A, 'm0', 9, 11)]);
    // The meeting room's booking takes no hot desk.
    expect(free(index, 9, 10)).toBe(4);
    // A booking of a seat the index does not hold (retired) takes nothing, and is not kept.
    index.applyBooking(booking(B, 'gone', 9, 11));
    expect(free(index, 9, 10)).toBe(4);
    index.applyBooking(booking(B, 's3', 9, 11));
    expect(free(index, 9, 10)).toBe(3);
  });

  it('grows past what it was loaded with, and counts a room held whole as busy', () => {
    const index = new FreeSeatIndex();
    index.setCentre({ ...centre(40), roomHolds: [{ spaceId: 'room-a', start: at(18), end: at(20) }] }, []);
    for (let i = 0; i < 30; i++) index.applyBooking(booking(`${A.slice(0, -3)}${100 + i}`, `s${i}`, 9, 10));
    expect(free(index, 9, 10)).toBe(10);
    expect(free(index, 18, 19)).toBe(38);
  });
});

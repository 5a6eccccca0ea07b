import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areas } from '../../areas.ts';
import { testConfig } from '../../config.ts';
import type { Connection } from '../../db/connect.ts';
import { type Deps, silentLogger } from '../../deps.ts';
import { verifyChain } from '../../modules/audit/index.ts';
import { closeOfBusiness, verifyLedger } from '../../modules/loans/index.ts';
import { buildApp } from '../../server/app.ts';
import { fixedClock } from '../../shared/time.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { nationalOptions } from './national-cli.ts';
import type { NationalOptions } from './national-options.ts';
import { countRows, hasProgrammeData, nationalChecksum, seedNational } from './seed-national.ts';

const clock = fixedClock('2026-11-28T07:00:00Z'); // 12:00 in Karachi, a Saturday
const SIZE: NationalOptions = {
  centers: 12,
  seatsPerCenter: 10,
  freelancers: 240,
  days: 7,
  loans: 30,
  seed: 42,
  today: '2026-11-28',
};

async function loaded(o: NationalOptions): Promise<{ conn: Connection; deps: Deps }> {
  const conn = await createTestDb();
  // On PostgreSQL, as in production (DATABASE_URL set): the bookings load on two connections.
  const config = conn.kind === 'postgres' ? { ...testConfig(), databaseUrl: conn.url } : testConfig();
  const deps: Deps = { areas, db: conn.db, clock, config, log: silentLogger };
  await seedNational(deps, o);
  return { conn, deps };
}

describe('markaz seed --national', () => {
  let a: { conn: Connection; deps: Deps };
  let sum: Record<string, string>;
  beforeAll(async () => {
    a = await loaded(SIZE);
    // Taken before the tests below run the close of business on it.
    sum = await nationalChecksum(a.deps);
  }, 300_000);
  afterAll(async () => {
    await a?.conn.close();
  });

  it('loads the sizes asked for, with data in every table', async () => {
    const rows = await countRows(a.deps);
    expect(rows.centers).toBe(12);
    expect(rows.seats).toBe(120);
    const fl = await a.deps.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'freelancer')
      .executeTakeFirstOrThrow();
    expect(Number(fl.n)).toBe(240);
    expect(rows.freelancer_profiles).toBe(240);
    expect(rows.loans).toBe(30);
    for (const [table, n] of Object.entries(rows)) expect(n, table).toBeGreaterThan(0);
    expect(await hasProgrammeData(a.deps)).toBe(true);
  });

  it('spreads centres over the provinces by quota and keeps bookings to their rhythm', async () => {
    const byProvince = await sql<{ province_code: string; n: number }>`
      SELECT province_code, count(*)::int AS n FROM centers GROUP BY 1 ORDER BY 2 DESC`.execute(a.deps.db);
    expect(byProvince.rows[0]!.province_code).toBe('PB');
    // Sunday is the quietest day, and past bookings have check-ins and no-shows.
    const byDow = await sql<{ dow: number; n: number }>`
      SELECT extract(isodow FROM lower(during) AT TIME ZONE 'Asia/Karachi')::int AS dow, count(*)::int AS n
        FROM bookings WHERE plan <> 'monthly' GROUP BY 1`.execute(a.deps.db);
    const n = Object.fromEntries(byDow.rows.map((r) => [r.dow, r.n]));
    expect(n[7] ?? 0).toBeLessThan(Math.min(n[2]!, n[3]!));
    const statuses = await sql<{ status: string }>`SELECT DISTINCT status FROM bookings`.execute(a.deps.db);
    expect(statuses.rows.map((r) => r.status)).toEqual(
      expect.arrayContaining(['checked_in', 'no_show', 'confirmed', 'cancelled']),
    );
    // Every booking but a monthly desk falls inside the centre's opening hours that day.
    const outside = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM bookings b
       WHERE b.plan <> 'monthly' AND NOT EXISTS (
         SELECT 1 FROM center_opening_hours h
          WHERE h.center_id = b.center_id
            AND h.weekday = extract(isodow FROM lower(b.during) AT TIME ZONE 'Asia/Karachi')
            AND h.opens <= (lower(b.during) AT TIME ZONE 'Asia/Karachi')::time
            AND h.closes >= (upper(b.during) AT TIME ZONE 'Asia/Karachi')::time)`.execute(a.deps.db);
    expect(outside.rows[0]!.n).toBe(0);
    const arrears = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM loans WHERE days_past_due > 0`.execute(a.deps.db);
    expect(arrears.rows[0]!.n).toBeGreaterThan(0);
  });

  it('leaves valid data: no overlapping live bookings, a balanced ledger, a verifiable audit chain', async () => {
    const overlaps = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM bookings x JOIN bookings y
        ON x.center_id = y.center_id AND x.seat_id = y.seat_id AND x.booking_id < y.booking_id AND x.blocked && y.blocked
       WHERE x.status IN ('confirmed', 'checked_in') AND y.status IN ('confirmed', 'checked_in')`.execute(
      a.deps.db,
    );
    expect(overlaps.rows[0]!.n).toBe(0);
    const ledger = await verifyLedger(a.deps);
    expect(ledger.problems).toEqual([]);
    expect(ledger.ok).toBe(true);
    expect((await verifyChain(a.deps)).ok).toBe(true);
  });

  it('the portal, the search and the close of business work on it', async () => {
    const app = await buildApp({ areas, config: a.deps.config, db: a.deps.db, clock, serveWeb: false });
    try {
      const figures = await app.inject({ method: 'GET', url: '/api/v1/public/figures' });
      expect(figures.statusCode).toBe(200);
      const operational = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM centers WHERE status = 'operational'`.execute(a.deps.db);
      const fig = (figures.json() as { key: string; total: number | null }[]).find(
        (f) => f.key === 'centres.operational',
      );
      expect(fig?.total).toBe(operational.rows[0]!.n);
      const c = await a.deps.db
        .selectFrom('centers')
        .select(['latitude', 'longitude'])
        .where('status', '=', 'operational')
        .orderBy('center_id')
        .executeTakeFirstOrThrow();
      const search = await app.inject({
        method: 'GET',
        url: `/api/v1/centers/search?lat=${c.latitude}&lng=${c.longitude}&radiusKm=50&date=2026-11-30&from=10:00&to=12:00`,
      });
      expect(search.statusCode).toBe(200);
      expect(search.json().items.length).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
    const cob = await closeOfBusiness(a.deps, '2026-11-28');
    expect(cob.accruedLoans).toBeGreaterThan(0);
    expect((await verifyLedger(a.deps)).ok).toBe(true);
  });

  it('is deterministic: the same seed gives the same data, another seed other data', async () => {
    // In small chunks, which on PostgreSQL two connections share: the same rows.
    const same = await loaded({ ...SIZE, chunkRows: 100 });
    const other = await loaded({ ...SIZE, seed: 43 });
    try {
      expect(await nationalChecksum(same.deps)).toEqual(sum);
      const o = await nationalChecksum(other.deps);
      expect(o.centers).not.toBe(sum.centers);
      expect(o.bookings).not.toBe(sum.bookings);
    } finally {
      await same.conn.close();
      await other.conn.close();
    }
  }, 300_000);

  it('reads its flags: presets, overrides, and refuses bad sizes', () => {
    expect(nationalOptions({}, false, '2026-11-28').centers).toBe(60);
    expect(nationalOptions({}, true, '2026-11-28').centers).toBe(10_000);
    const o = nationalOptions({ preset: 'medium', centers: '2,000', seed: '7' }, false, '2026-11-28');
    expect(o).toMatchObject({ centers: 2000, seatsPerCenter: 50, seed: 7 });
    expect(() => nationalOptions({ centers: '0' }, false, '2026-11-28')).toThrow(/--centers/);
    expect(() => nationalOptions({ preset: 'huge' }, false, '2026-11-28')).toThrow(/--preset/);
  });
});

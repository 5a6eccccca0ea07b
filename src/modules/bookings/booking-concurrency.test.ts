import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areas } from '../../areas.ts';
import { buildApp } from '../../server/app.ts';
import { digest } from '../../shared/canonical-json.ts';
import { makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { secondConnection } from '../../testing/test-db.ts';
import { findBookingRow, toBooking } from './bookings.repository.ts';

// On PostgreSQL (TEST_DATABASE_URL) the requests run truly in parallel over a pool, and half of
// them through a second app on its own pool, as a second server process would.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());

async function freelancers(n: number, app = t.app) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const u = await makeUser(t.deps, 'freelancer');
    out.push(await loginClient(app, u.email));
  }
  return out;
}

describe('no seat is ever booked twice', () => {
  it('50 concurrent requests for the same seat and slot: exactly one succeeds', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const { center, desks } = await makeOperationalCenter(t.deps, owner.id, { desks: 3 });
    const second = secondConnection(t.conn);
    const app2 = second
      ? await buildApp({ areas, config: t.deps.config, db: second.db, clock: t.clock, serveWeb: false })
      : null;
    const clients = await freelancers(10);
    const clients2 = app2 ? await freelancers(10, app2) : clients;
    try {
      const body = {
        centerId: center.id,
        plan: 'hourly',
        seatId: desks[0]!.id,
        date: '2026-11-30',
        from: '09:00',
        to: '17:00',
      };
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => {
          const pool = i % 2 === 1 ? clients2 : clients;
          const c = pool[Math.floor(i / 2) % pool.length]!;
          return c.post('/api/v1/bookings', body, { 'idempotency-key': `race-${i}` });
        }),
      );
      const won = results.filter((r) => r.statusCode === 201);
      const lost = results.filter((r) => r.statusCode === 409);
      const rows = await t.deps.db
        .selectFrom('bookings')
        .select('booking_id')
        .where('center_id', '=', center.id)
        .where('status', '=', 'confirmed')
        .execute();
      expect(rows).toHaveLength(1);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(49);
      expect(won[0]!.json().bookings[0].id).toBe(rows[0]!.booking_id);
      for (const r of lost) {
        const p = r.json();
        // The winner's own later requests meet the one-seat-at-a-time rule instead.
        if (p.ownBookings) expect(p.ownBookings[0].bookingId).toBe(rows[0]!.booking_id);
        else expect(p.alternatives.length).toBe(2);
      }
    } finally {
      await app2?.close();
      await second?.close();
    }
  });

  it('20 concurrent "any hot desk" requests for 3 desks: exactly 3 succeed, none overlap', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const { center } = await makeOperationalCenter(t.deps, owner.id, { desks: 3 });
    const clients = await freelancers(20);
    const body = { centerId: center.id, plan: 'hourly', date: '2026-12-01', from: '10:00', to: '14:00' };
    const results = await Promise.all(
      clients.map((c, i) => c.post('/api/v1/bookings', body, { 'idempotency-key': `any-${i}` })),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(3);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(17);
    const seats = results
      .filter((r) => r.statusCode === 201)
      .map((r) => r.json().bookings[0].seatLabel)
      .sort();
    expect(seats).toEqual(['H1', 'H2', 'H3']);
  });

  it('the database itself refuses an overlapping insert, whatever the code does', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const f = await makeUser(t.deps, 'freelancer');
    const { center, desks } = await makeOperationalCenter(t.deps, owner.id);
    const row = (start: string, end: string) => ({
      center_id: center.id,
      seat_id: desks[0]!.id,
      booker_id: f.id,
      plan: 'hourly' as const,
      during: `[${start},${end})`,
      blocked: `[${start},${end})`,
      status: 'confirmed' as const,
      price_minor: 0,
      series_id: null,
      created_at: new Date(),
    });
    await t.deps.db.insertInto('bookings').values(row('2026-12-02T04:00Z', '2026-12-02T06:00Z')).execute();
    await expect(
      t.deps.db.insertInto('bookings').values(row('2026-12-02T05:00Z', '2026-12-02T07:00Z')).execute(),
    ).rejects.toMatchObject({ code: '23P01' });
    // A cancelled booking holds nothing.
    await t.deps.db
      .insertInto('bookings')
      .values({
        ...row('2026-12-02T05:00Z', '2026-12-02T07:00Z'),
        status: 'cancelled',
        cancel_reason: 'booker',
      })
      .execute();
  });

  it('eight concurrent taps with one Idempotency-Key: one booking, one audit entry, one answer', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const { center, desks } = await makeOperationalCenter(t.deps, owner.id, { desks: 2 });
    const [c] = await freelancers(1);
    const body = {
      centerId: center.id,
      plan: 'hourly',
      seatId: desks[1]!.id,
      date: '2026-12-03',
      from: '10:00',
      to: '12:00',
    };
    const results = await Promise.all(
      Array.from({ length: 8 }, () => c!.post('/api/v1/bookings', body, { 'idempotency-key': 'double-tap' })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(new Set(results.map((r) => r.body)).size).toBe(1);
    expect(results.filter((r) => r.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
    const id = results[0]!.json().bookings[0].id as string;
    // The audit entry is written in the insert's statement from the row Node predicted: its digest
    // must be that of the booking as stored.
    const audits = await t.deps.db
      .selectFrom('audit_log')
      .select('after_digest')
      .where('entity', '=', 'booking')
      .where('entity_id', '=', id)
      .execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]!.after_digest).toBe(digest(toBooking((await findBookingRow(t.deps.db, id))!)));
    expect(results[0]!.json().bookings[0]).toEqual(toBooking((await findBookingRow(t.deps.db, id))!));
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';

// The test clock stands at Saturday 2026-11-28 10:00 in Karachi (05:00 UTC).
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());

async function setup() {
  const owner = await makeUser(t.deps, 'owner');
  const one = await makeOperationalCenter(t.deps, owner.id, { desks: 3, name: 'Gulberg Hub' });
  const two = await makeOperationalCenter(t.deps, owner.id, { desks: 3, name: 'Johar Town Hub' });
  const f = await makeUser(t.deps, 'freelancer');
  return { one, two, owner: await loginClient(t.app, owner.email), a: await loginClient(t.app, f.email), f };
}

const hourly = (centerId: string, date: string, from: string, to: string) => ({
  centerId,
  plan: 'hourly',
  date,
  from,
  to,
});

describe('one person, one seat at a time', () => {
  it('a second overlapping booking anywhere is a 409 naming the one in the way; back to back is fine', async () => {
    const s = await setup();
    const first = await s.a.post('/api/v1/bookings', hourly(s.one.center.id, '2026-12-01', '10:00', '12:00'));
    expect(first.statusCode, first.body).toBe(201);
    const clash = await s.a.post('/api/v1/bookings', hourly(s.two.center.id, '2026-12-01', '11:00', '13:00'));
    expect(clash.statusCode).toBe(409);
    expect(clash.json().detail).toContain('Gulberg Hub, 2026-12-01 10:00–12:00');
    expect(clash.json().ownBookings[0].bookingId).toBe(first.json().bookings[0].id);
    // The same centre, another seat: still one person.
    const sameCentre = await s.a.post('/api/v1/bookings', {
      ...hourly(s.one.center.id, '2026-12-01', '09:00', '10:30'),
      seatId: s.one.desks[2]!.id,
    });
    expect(sameCentre.statusCode).toBe(409);
    const after = await s.a.post('/api/v1/bookings', hourly(s.two.center.id, '2026-12-01', '12:00', '14:00'));
    expect(after.statusCode, after.body).toBe(201);
    // A cancelled booking is in nobody's way.
    await s.a.post(`/api/v1/bookings/${first.json().bookings[0].id}/cancel`);
    const again = await s.a.post('/api/v1/bookings', hourly(s.two.center.id, '2026-12-01', '10:00', '12:00'));
    expect(again.statusCode, again.body).toBe(201);
  });

  it('recurring requests respect it: all or nothing refuses, free ones skips the clashing day', async () => {
    const s = await setup();
    await s.a.post('/api/v1/bookings', hourly(s.one.center.id, '2026-12-02', '10:00', '12:00'));
    const series = {
      ...hourly(s.two.center.id, '2026-11-30', '09:00', '11:00'),
      recurrence: { weekdays: [1, 2, 3, 4, 5], count: 4 },
    };
    const all = await s.a.post('/api/v1/bookings', series);
    expect(all.statusCode).toBe(409);
    expect(all.json().dates).toEqual(['2026-12-02']);
    const some = await s.a.post('/api/v1/bookings', { ...series, mode: 'free_ones' });
    expect(some.statusCode, some.body).toBe(201);
    expect(some.json().bookings).toHaveLength(3);
    expect(some.json().skipped).toEqual([
      { date: '2026-12-02', reason: expect.stringContaining('you already hold a booking then (Gulberg Hub') },
    ]);
  });

  it('a centre may allow more at once (e.g. a desk and a meeting room), still counting every centre', async () => {
    const s = await setup();
    await s.a.post('/api/v1/bookings', hourly(s.one.center.id, '2026-12-01', '10:00', '12:00'));
    const room = {
      centerId: s.two.center.id,
      plan: 'meeting_room',
      date: '2026-12-01',
      from: '10:00',
      to: '11:00',
    };
    expect((await s.a.post('/api/v1/bookings', room)).statusCode).toBe(409);
    const rules = await s.owner.request('PUT', `/api/v1/centers/${s.two.center.id}/rules`, {
      maxDaysAhead: 30,
      minNoticeMinutes: 0,
      cancellationWindowHours: 2,
      noShowGraceMinutes: 30,
      meetingBufferMinutes: 0,
      maxBookingHours: 12,
      maxConcurrentPerFreelancer: 2,
    });
    expect(rules.json().rules.maxConcurrentPerFreelancer).toBe(2);
    expect((await s.a.post('/api/v1/bookings', room)).statusCode).toBe(201);
    // A third at once is over the cap of 2.
    const third = await s.a.post('/api/v1/bookings', hourly(s.two.center.id, '2026-12-01', '10:00', '11:00'));
    expect(third.statusCode).toBe(409);
  });

  it('ten concurrent requests by one freelancer for ten different seats: exactly one succeeds', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const big = await makeOperationalCenter(t.deps, owner.id, { desks: 10 });
    const f = await makeUser(t.deps, 'freelancer');
    const a = await loginClient(t.app, f.email);
    const results = await Promise.all(
      big.desks.map((d, i) =>
        a.post(
          '/api/v1/bookings',
          { ...hourly(big.center.id, '2026-12-03', '10:00', '12:00'), seatId: d.id },
          { 'idempotency-key': `cap-${i}` },
        ),
      ),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(9);
    const held = await t.deps.db
      .selectFrom('bookings')
      .select('booking_id')
      .where('booker_id', '=', f.id)
      .where('status', '=', 'confirmed')
      .execute();
    expect(held).toHaveLength(1);
  });
});

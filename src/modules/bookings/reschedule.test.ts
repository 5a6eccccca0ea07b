import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';

// The test clock stands at Saturday 2026-11-28 10:00 in Karachi; the centre opens 09:00–21:00.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());

describe('changing a booking’s time', () => {
  it('moves to a free time, keeping the seat; a taken time is 409 with nearby free times and changes nothing', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const { center } = await makeOperationalCenter(t.deps, owner.id, { desks: 1, latitude: 31.4 });
    const a = await loginClient(t.app, (await makeUser(t.deps, 'freelancer')).email);
    const b = await loginClient(t.app, (await makeUser(t.deps, 'freelancer')).email);
    const book = (c: typeof a, from: string, to: string) =>
      c.post('/api/v1/bookings', { centerId: center.id, plan: 'hourly', date: '2026-12-01', from, to });
    const mine = (await book(a, '10:00', '12:00')).json().bookings[0];
    expect((await book(b, '14:00', '16:00')).statusCode).toBe(201);

    const moved = await a.post(`/api/v1/bookings/${mine.id}/reschedule`, {
      date: '2026-12-01',
      from: '12:00',
      to: '14:00',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const now = moved.json().bookings[0];
    expect(now).toMatchObject({
      seatId: mine.seatId,
      start: '2026-12-01T07:00:00.000Z',
      status: 'confirmed',
    });
    expect((await a.get(`/api/v1/bookings/${mine.id}`)).json().status).toBe('cancelled');

    // 15:00–17:00 overlaps b's 14:00–16:00 on the only desk.
    const clash = await a.post(`/api/v1/bookings/${now.id}/reschedule`, {
      date: '2026-12-01',
      from: '15:00',
      to: '17:00',
    });
    expect(clash.statusCode, clash.body).toBe(409);
    expect(clash.headers['content-type']).toContain('application/problem+json');
    expect(clash.json().alternativeTimes).toEqual([
      { date: '2026-12-01', from: '16:00', to: '18:00' },
      { date: '2026-12-01', from: '17:00', to: '19:00' },
      { date: '2026-12-01', from: '18:00', to: '20:00' },
    ]);
    expect((await a.get(`/api/v1/bookings/${now.id}`)).json().status).toBe('confirmed');
  });

  it('refuses bad input by field, and others’ bookings, changing nothing', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const { center } = await makeOperationalCenter(t.deps, owner.id, { desks: 2, latitude: 31.41 });
    const a = await loginClient(t.app, (await makeUser(t.deps, 'freelancer')).email);
    const b = await loginClient(t.app, (await makeUser(t.deps, 'freelancer')).email);
    const made = await a.post('/api/v1/bookings', {
      centerId: center.id,
      plan: 'hourly',
      date: '2026-12-02',
      from: '10:00',
      to: '11:00',
    });
    const id = made.json().bookings[0].id;
    const bad = await a.post(`/api/v1/bookings/${id}/reschedule`, {
      date: '2026-12-02',
      from: '10:07',
      to: '11:00',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('from');
    const closed = await a.post(`/api/v1/bookings/${id}/reschedule`, {
      date: '2026-12-02',
      from: '21:00',
      to: '22:00',
    });
    expect(closed.statusCode, closed.body).toBe(400);
    const other = await b.post(`/api/v1/bookings/${id}/reschedule`, {
      date: '2026-12-02',
      from: '12:00',
      to: '13:00',
    });
    expect(other.statusCode).toBe(404);
    expect((await a.get(`/api/v1/bookings/${id}`)).json()).toMatchObject({
      status: 'confirmed',
      start: '2026-12-02T05:00:00.000Z',
    });
  });
});

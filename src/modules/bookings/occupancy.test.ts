import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { releaseNoShows } from './no-show.job.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());

describe('occupancy', () => {
  it('seat-hours booked and used, no-shows and late cancellations, by day and by hour', async () => {
    t.clock.set('2026-12-01T03:00:00Z'); // 08:00 in Karachi
    const ownerUser = await makeUser(t.deps, 'owner');
    const { center } = await makeOperationalCenter(t.deps, ownerUser.id, { desks: 3 });
    const owner = await loginClient(t.app, ownerUser.email);
    const f = await loginClient(t.app, (await makeUser(t.deps, 'freelancer')).email);
    const g = await loginClient(t.app, (await makeUser(t.deps, 'freelancer')).email);
    const book = async (c: typeof f, from: string, to: string) =>
      (
        await c.post('/api/v1/bookings', {
          centerId: center.id,
          plan: 'hourly',
          date: '2026-12-01',
          from,
          to,
        })
      ).json().bookings[0].id as string;
    const a = await book(f, '09:00', '11:00');
    await book(g, '10:00', '12:00');
    const c = await book(g, '15:00', '16:00');
    t.clock.set('2026-12-01T03:55:00Z'); // 08:55
    const code = (await f.get(`/api/v1/bookings/${a}/check-in-token`)).json().token;
    expect((await owner.post(`/api/v1/centers/${center.id}/check-ins`, { token: code })).statusCode).toBe(
      200,
    );
    t.clock.set('2026-12-01T09:30:00Z'); // 14:30: the 10:00 booking is long past its grace
    await releaseNoShows(t.deps);
    expect((await g.post(`/api/v1/bookings/${c}/cancel`)).json().lateCancellation).toBe(true);

    const byDay = await owner.get(`/api/v1/occupancy?from=2026-12-01&to=2026-12-01&centerId=${center.id}`);
    expect(byDay.statusCode, byDay.body).toBe(200);
    expect(byDay.json().rows).toEqual([
      {
        key: '2026-12-01',
        bookedSeatHours: 4,
        usedSeatHours: 2,
        bookings: 2,
        checkedIn: 1,
        noShows: 1,
        noShowRate: 0.5,
        lateCancellations: 1,
      },
    ]);
    const byHour = await owner.get(
      `/api/v1/occupancy?from=2026-12-01&to=2026-12-01&centerId=${center.id}&groupBy=hour`,
    );
    expect(
      byHour
        .json()
        .rows.map((r: { key: string; bookedSeatHours: number; usedSeatHours: number }) => [
          r.key,
          r.bookedSeatHours,
          r.usedSeatHours,
        ]),
    ).toEqual([
      ['09', 1, 1],
      ['10', 2, 1],
      ['11', 1, 0],
      ['15', 0, 0],
    ]);
    expect(byHour.json().totals).toMatchObject({ bookedSeatHours: 4, usedSeatHours: 2, noShows: 1 });

    const admin = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
    const byProvince = await admin.get('/api/v1/occupancy?from=2026-12-01&to=2026-12-01&groupBy=province');
    expect(byProvince.json().rows).toEqual([expect.objectContaining({ key: 'PB', bookedSeatHours: 4 })]);
    const byCity = await admin.get('/api/v1/occupancy?from=2026-12-01&to=2026-12-01&groupBy=city');
    expect(byCity.json().rows[0].key).toBe('Lahore');
  });

  it('owners see only their own centres; freelancers and the public none', async () => {
    const o = await makeUser(t.deps, 'owner');
    const { center } = await makeOperationalCenter(t.deps, (await makeUser(t.deps, 'owner')).id);
    const other = await loginClient(t.app, o.email);
    expect(
      (await other.get(`/api/v1/occupancy?from=2026-12-01&to=2026-12-01&centerId=${center.id}`)).statusCode,
    ).toBe(403);
    expect((await other.get('/api/v1/occupancy?from=2026-12-01&to=2026-12-01')).statusCode).toBe(400);
    const f = await loginClient(t.app, (await makeUser(t.deps, 'freelancer')).email);
    expect((await f.get('/api/v1/occupancy?from=2026-12-01&to=2026-12-01')).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/occupancy?from=2026-12-01&to=2026-12-01' }))
        .statusCode,
    ).toBe(401);
    const admin = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
    expect((await admin.get('/api/v1/occupancy?from=2026-12-02&to=2026-12-01')).statusCode).toBe(400);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';

// The test clock stands at Saturday 2026-11-28 10:00 in Karachi (05:00 UTC).
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());

describe('free seats follow the same rules as booking', () => {
  it('a centre open 14:00–02:00: seats at 23:00–01:00, none at 09:00–17:00, with the rule named', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const fx = await makeOperationalCenter(t.deps, owner.id, { desks: 2, latitude: 31.47, longitude: 74.35 });
    const o = await loginClient(t.app, owner.email);
    const hours = await o.request('PUT', `/api/v1/centers/${fx.center.id}/hours`, {
      days: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '14:00', closes: '02:00' })),
    });
    expect(hours.statusCode, hours.body).toBe(200);
    const f = await loginClient(t.app, (await makeUser(t.deps, 'freelancer')).email);
    const free = (from: string, to: string) =>
      f.get(`/api/v1/centers/${fx.center.id}/free-seats?plan=hourly&date=2026-12-01&from=${from}&to=${to}`);

    const night = await free('23:00', '01:00');
    expect(night.statusCode, night.body).toBe(200);
    expect(night.json()).toHaveLength(2);

    const morning = await free('09:00', '17:00');
    expect(morning.statusCode).toBe(400);
    expect(morning.json().fields[0]).toMatchObject({
      path: 'from',
      rule: 'outside_hours',
      params: { date: '2026-12-01', opens: '14:00', closes: '02:00' },
    });

    // Booking says the same, by the same rule.
    const book = await f.post('/api/v1/bookings', {
      centerId: fx.center.id,
      plan: 'hourly',
      date: '2026-12-01',
      from: '09:00',
      to: '17:00',
    });
    expect(book.statusCode).toBe(400);
    expect(book.json().fields[0]).toMatchObject({ path: 'from', rule: 'outside_hours' });

    const past = await f.get(
      `/api/v1/centers/${fx.center.id}/free-seats?plan=hourly&date=2026-11-27&from=15:00&to=16:00`,
    );
    expect(past.statusCode).toBe(400);
    expect(past.json().fields[0]).toMatchObject({ path: 'date', rule: 'start_in_past' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { seedIdentityDemo } from '../identity/identity.demo.ts';
import { seedCentresDemo } from './bookings.demo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-28T07:00:00Z'); // 12:00 in Karachi
});
afterAll(() => t.close());

describe('demo centres and bookings', () => {
  it('seeds six operational centres in six cities with seats, and the demo freelancers’ bookings', async () => {
    await seedIdentityDemo(t.deps);
    await seedCentresDemo(t.deps);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/centers' });
    const items = list.json().items as { cityName: string; seatCount: number }[];
    expect(items.map((c) => c.cityName).sort()).toEqual([
      'Islamabad',
      'Karachi',
      'Lahore',
      'Multan',
      'Peshawar',
      'Quetta',
    ]);
    expect(items.every((c) => c.seatCount >= 10)).toBe(true);
    const statuses = await t.deps.db.selectFrom('bookings').select(['status', 'cancel_reason']).execute();
    const count = (s: string) => statuses.filter((x) => x.status === s).length;
    expect(count('checked_in')).toBe(2);
    expect(count('cancelled')).toBe(2);
    expect(statuses.filter((x) => x.cancel_reason === 'centre_closed')).toHaveLength(1);
    expect(count('confirmed')).toBeGreaterThanOrEqual(7);
    const near = await t.app.inject({
      method: 'GET',
      url: '/api/v1/centers/search?lat=31.52&lng=74.35&radiusKm=10',
    });
    expect(near.json().items[0].center.nameEn).toBe('Gulberg e-Rozgar Centre');
  });
});

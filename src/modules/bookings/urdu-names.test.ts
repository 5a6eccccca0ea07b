import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/actor.ts';
import { makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { updateCenter } from '../centers/index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());

describe('Urdu names of centres and cities', () => {
  it('centre, search, booking and waitlist responses carry them where the data has them', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const fx = await makeOperationalCenter(t.deps, owner.id, { desks: 1 });
    await updateCenter(t.deps, systemActor('test'), fx.center.id, { nameUr: 'گلبرگ مرکز' });
    const f = await makeUser(t.deps, 'freelancer');
    const a = await loginClient(t.app, f.email);

    const centre = (await a.get(`/api/v1/centers/${fx.center.id}`)).json();
    expect(centre).toMatchObject({ nameUr: 'گلبرگ مرکز', cityName: 'Lahore', cityNameUr: 'لاہور' });
    const found = (await a.get('/api/v1/centers/search?lat=31.52&lng=74.35&radiusKm=5')).json();
    expect(found.items[0].center).toMatchObject({ nameUr: 'گلبرگ مرکز', cityNameUr: 'لاہور' });

    const made = await a.post('/api/v1/bookings', {
      centerId: fx.center.id,
      plan: 'hourly',
      date: '2026-12-01',
      from: '10:00',
      to: '12:00',
    });
    expect(made.json().bookings[0]).toMatchObject({
      centerName: 'Test Centre',
      centerNameUr: 'گلبرگ مرکز',
      cityName: 'Lahore',
      cityNameUr: 'لاہور',
    });
    const other = await loginClient(t.app, (await makeUser(t.deps, 'freelancer')).email);
    const q = await other.post('/api/v1/waitlist', {
      centerId: fx.center.id,
      plan: 'hourly',
      date: '2026-12-01',
      from: '10:00',
      to: '12:00',
    });
    expect(q.statusCode, q.body).toBe(201);
    expect(q.json().centerNameUr).toBe('گلبرگ مرکز');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityId } from '../../testing/centre-fixtures.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

// Unmet demand: an availability search that finds no free seat is kept as a place and an hour,
// nothing about the person; a search without a date, or one that finds a seat, is not.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  t.clock.set('2026-11-28T05:00:00Z');
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('unmet demand', () => {
  it('records empty availability searches by place and hour, and shows them by district or city', async () => {
    const quetta = await cityId(t.deps, 'Quetta');
    const miss = await get(`/api/v1/centers/search?cityId=${quetta}&date=2026-11-30&from=18:00&to=21:00`);
    expect(miss.statusCode).toBe(200);
    expect(miss.json().items).toEqual([]);
    // By a point near Peshawar: the nearest city, no coordinates kept.
    await get('/api/v1/centers/search?lat=34.01&lng=71.58&date=2026-11-30&from=09:00&to=12:00');
    await t.app.inject({
      method: 'GET',
      url: '/api/v1/centers/search?lat=34.01&lng=71.58&date=2026-11-30&from=09:30&to=12:00',
      remoteAddress: '203.0.113.7', // another person: the same person's repeat would not count
    });
    // Without a date and hours it is not an availability search: not counted.
    await get(`/api/v1/centers/search?cityId=${quetta}`);
    const rows = await t.deps.db.selectFrom('unmet_searches').selectAll().execute();
    expect(rows).toHaveLength(3);
    expect(Object.keys(rows[0]!).sort()).toEqual([
      'city_id',
      'district_id',
      'id',
      'recorded_on',
      'seat_kind',
      'wanted_hour',
    ]);

    const demand = (await get('/api/v1/unmet-demand?days=30')).json();
    expect(demand.total).toBe(3);
    expect(demand.places[0]).toMatchObject({ nameEn: 'Peshawar', kind: 'city', searches: 2, peakHour: 9 });
    expect(demand.places[1]).toMatchObject({
      nameEn: 'Quetta',
      kind: 'district',
      provinceCode: 'BA',
      searches: 1,
      peakHour: 18,
    });
    expect(demand.provinces).toEqual([
      { code: 'KP', searches: 2 },
      { code: 'BA', searches: 1 },
    ]);
    // Repeats from one address add nothing; filtered, past or far-off searches are not unmet demand.
    await get(`/api/v1/centers/search?cityId=${quetta}&date=2026-11-30&from=18:00&to=21:00`);
    await get(`/api/v1/centers/search?cityId=${quetta}&date=2026-12-01&from=10:00&to=12:00&maxPriceMinor=0`);
    await get(`/api/v1/centers/search?cityId=${quetta}&date=2026-12-01&from=10:00&to=12:00&parking=true`);
    await get(`/api/v1/centers/search?cityId=${quetta}&date=2020-01-01&from=10:00&to=12:00`);
    await get(`/api/v1/centers/search?cityId=${quetta}&date=2027-06-01&from=10:00&to=12:00`);
    await get(`/api/v1/centers/search?cityId=${quetta}&date=2026-12-01&from=10:00&to=12:00&radiusKm=500`);
    expect(await t.deps.db.selectFrom('unmet_searches').selectAll().execute()).toHaveLength(3);
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/v1/centers/search?cityId=${quetta}&date=2026-11-30&from=18:00&to=21:00`,
      remoteAddress: '203.0.113.20',
    });
    expect(other.statusCode).toBe(200);
    expect(await t.deps.db.selectFrom('unmet_searches').selectAll().execute()).toHaveLength(4);
    const bad = await get('/api/v1/unmet-demand?days=0');
    expect(bad.statusCode).toBe(400);
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginClient, type TestApp } from '../../testing/test-app.ts';
import { DEMO_PASSWORD, seedIdentityDemo } from '../identity/index.ts';
import { seedCentresDemo } from './bookings.demo.ts';
import { bookingsFigures } from './bookings.figures.ts';
import { HISTORY_FREELANCERS, seedBookingHistory } from './bookings-history.demo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  // Any day will do: the history is dated from the clock, not from fixed dates.
  t.clock.set('2027-03-10T07:00:00Z');
  await seedIdentityDemo(t.deps);
  await seedCentresDemo(t.deps);
  await seedBookingHistory(t.deps);
});
afterAll(() => t.close());

const figure = async (key: string) =>
  (await bookingsFigures.find((f) => f.key === key)!.compute!(t.deps.db, t.deps.clock.now())).total;

describe('the demo’s month of use, relative to today', () => {
  it('fills the portal’s 30-day figures whatever the date', async () => {
    expect(await figure('freelancers.active_30d')).toBeGreaterThanOrEqual(HISTORY_FREELANCERS / 2);
    expect(await figure('bookings.last_30d')).toBeGreaterThan(1000);
    const occupancy = await figure('occupancy.last_30d');
    expect(occupancy).toBeGreaterThan(1000); // over 10%
    expect(occupancy).toBeLessThan(10_000);
  });

  it('spreads the freelancers over every province and many districts', async () => {
    const rows = await t.deps.db
      .selectFrom('freelancer_profiles as p')
      .innerJoin('cities as c', 'c.id', 'p.home_city_id')
      .select(['c.province_code', 'c.district_id', 'c.id'])
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(HISTORY_FREELANCERS);
    expect(new Set(rows.map((r) => r.province_code)).size).toBe(7);
    expect(new Set(rows.map((r) => r.id)).size).toBeGreaterThan(100);
  });

  it('keeps every booking inside the last 30 days and its centre’s opening hours', async () => {
    const { rows } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM bookings b
        JOIN users u ON u.id = b.booker_id AND u.email LIKE 'demo.freelancer%'
        LEFT JOIN center_opening_hours h ON h.center_id = b.center_id
          AND h.weekday = extract(isodow FROM (lower(b.during) AT TIME ZONE 'Asia/Karachi'))
        WHERE h.center_id IS NULL
           OR (h.closes > h.opens AND (upper(b.during) AT TIME ZONE 'Asia/Karachi')::time > h.closes)
           OR (lower(b.during) AT TIME ZONE 'Asia/Karachi')::time < h.opens
           OR lower(b.during) < ${new Date('2027-02-08T00:00:00Z')}
           OR upper(b.during) > ${t.deps.clock.now()}`.execute(t.deps.db);
    expect(rows[0]!.n).toBe(0);
  });

  it('lets a demo freelancer sign in with the demo password', async () => {
    const c = await loginClient(t.app, 'demo.freelancer001@markaz.pk', DEMO_PASSWORD);
    const mine = await c.get('/api/v1/me/bookings');
    expect(mine.statusCode, mine.body).toBe(200);
  });
});

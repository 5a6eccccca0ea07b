import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/actor.ts';
import { LAHORE, makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { submitMonthlyReport } from '../centers/index.ts';
import { refreshFigures } from './figures.service.ts';
import { occupancyBand } from './public-centres.service.ts';
import { takeSnapshot } from './snapshot.service.ts';

let t: TestApp;
let owner: { id: string; email: string; name: string };
let busyId: string;
let quietId: string;
let busySeats: string[];
let freelancerId: string;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const get = (url: string) => t.app.inject({ method: 'GET', url });

/** Checked-in bookings 09:00–21:00 PKT (04:00–16:00 UTC) on `seats`, for each of the `days` days before now. */
async function checkedIn(centerId: string, seats: string[], days: number, offsetDays = 1) {
  const today = Date.parse('2026-11-28T04:00:00Z');
  for (let d = offsetDays; d < offsetDays + days; d++) {
    for (const seat of seats) {
      const start = new Date(today - d * DAY);
      const end = new Date(start.getTime() + 12 * HOUR);
      const range = `[${start.toISOString()},${end.toISOString()})`;
      await t.deps.db
        .insertInto('bookings')
        .values({
          center_id: centerId,
          seat_id: seat,
          booker_id: freelancerId,
          plan: 'hourly',
          during: range,
          blocked: range,
          status: 'checked_in',
          price_minor: 0,
          created_at: start,
          checked_in_at: start,
        })
        .execute();
    }
  }
}

beforeAll(async () => {
  t = await createTestApp();
  owner = (await makeUser(t.deps, 'owner')) as typeof owner;
  freelancerId = (await makeUser(t.deps, 'freelancer')).id;
  // 6 active seats, open 12 hours a day: 30 days = 2,160 open seat-hours. Registered in
  // September, so October's monthly report can be filed.
  t.clock.set('2026-09-01T05:00:00Z');
  const busy = await makeOperationalCenter(t.deps, owner.id, { name: 'Busy Centre' });
  busyId = busy.center.id;
  busySeats = [busy.desks[0]!.id, busy.desks[1]!.id];
  const quiet = await makeOperationalCenter(t.deps, owner.id, {
    name: 'Quiet Centre',
    latitude: LAHORE.latitude + 0.01,
  });
  quietId = quiet.center.id;
  t.clock.set('2026-11-28T05:00:00Z');
  // Two seats used all day for the last 20 days: 480 of 2,160 seat-hours = 22.2%.
  await checkedIn(busyId, busySeats, 20);
  await submitMonthlyReport(t.deps, systemActor('test'), busyId, '2026-10', {
    internetUptimePercent: 99.5,
    powerUptimePercent: 97,
    trainerName: 'Trainer Private Name',
    trainingSessions: 4,
    peopleTrained: 12,
    notes: 'call the owner on 0300-1234567',
  });
  await refreshFigures(t.deps);
});
afterAll(() => t.close());

describe('public centre directory', () => {
  it('bands occupancy by the published rule', () => {
    expect([null, 0, 2499, 2500, 4999, 5000, 7499, 7500, 12000].map(occupancyBand)).toEqual([
      null,
      'under_25',
      'under_25',
      '25_50',
      '25_50',
      '50_75',
      '50_75',
      'over_75',
      'over_75',
    ]);
  });

  it('lists operational centres with seats, prices, amenities, occupancy band and reported uptime', async () => {
    const res = await get('/api/v1/public/centres');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('max-age');
    const body = res.json();
    expect(body.total).toBe(2);
    const busy = body.items.find((c: { id: string }) => c.id === busyId);
    expect(busy).toMatchObject({
      nameEn: 'Busy Centre',
      cityName: 'Lahore',
      provinceCode: 'PB',
      seatCount: 6,
      occupancyBand: 'under_25',
      uptime: { month: '2026-10', internetPercent: 99.5, powerPercent: 97 },
      prices: { dayPassMinor: 30_000 },
      amenities: { internetMbps: 100, womenOnlyArea: true },
    });
    const quiet = body.items.find((c: { id: string }) => c.id === quietId);
    expect(quiet).toMatchObject({ occupancyBand: 'under_25', uptime: null });
  });

  it('answers from the rollup: new check-ins show after the background refresh, not before', async () => {
    // Two more seats for the same 20 days: 960 of 2,160 = 44.4%.
    const more = (await t.deps.db
      .selectFrom('seats')
      .select('seat_id')
      .where('center_id', '=', busyId)
      .where('seat_id', 'not in', busySeats)
      .where('kind', '=', 'dedicated_desk')
      .execute()) as { seat_id: string }[];
    await checkedIn(
      busyId,
      more.map((s) => s.seat_id),
      20,
    );
    const before = (await get(`/api/v1/public/centres/${busyId}`)).json();
    expect(before.occupancyBand).toBe('under_25');
    await refreshFigures(t.deps);
    const after = (await get(`/api/v1/public/centres/${busyId}`)).json();
    expect(after.occupancyBand).toBe('25_50');
    expect(after.seatsByKind).toEqual({ hot_desk: 3, dedicated_desk: 2, meeting_room: 1 });
    expect(after.openingHours).toHaveLength(7);
    expect(after.openingHours[0]).toEqual({ weekday: 1, opens: '09:00', closes: '21:00' });
  });

  it('a centre that is not operational has no public page', async () => {
    await t.deps.db
      .updateTable('centers')
      .set({ status: 'suspended' })
      .where('center_id', '=', quietId)
      .execute();
    await refreshFigures(t.deps);
    expect((await get(`/api/v1/public/centres/${quietId}`)).statusCode).toBe(404);
    expect((await get('/api/v1/public/centres')).json().total).toBe(1);
    await t.deps.db
      .updateTable('centers')
      .set({ status: 'operational' })
      .where('center_id', '=', quietId)
      .execute();
    await refreshFigures(t.deps);
  });
});

describe('no owner or person in public centre JSON', () => {
  const PERSONAL_KEY =
    /owner|person|user|booker|freelancer|email|mobile|phone|cnic|trainer|submitted|applicationId|statusReason|notes/i;
  // Names that match the pattern but carry no one's data: a booking rule, not a person.
  // A centre's `phone` is the centre's own public number, given by its owner to be shown (decision 48).
  const NOT_PERSONAL = new Set(['maxConcurrentPerFreelancer', 'phone']);

  function keysOf(v: unknown, out: string[] = []): string[] {
    if (Array.isArray(v)) for (const x of v) keysOf(x, out);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        out.push(k);
        keysOf(x, out);
      }
    return out;
  }

  it('public endpoints carry no owner/person fields and no personal values', async () => {
    const urls = [
      '/api/v1/public/centres',
      `/api/v1/public/centres/${busyId}`,
      '/api/v1/centers',
      `/api/v1/centers/${busyId}`,
      `/api/v1/centers/search?lat=${LAHORE.latitude}&lng=${LAHORE.longitude}`,
    ];
    for (const url of urls) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      const text = res.body;
      expect(
        keysOf(res.json()).filter((k) => PERSONAL_KEY.test(k) && !NOT_PERSONAL.has(k)),
        url,
      ).toEqual([]);
      for (const secret of [
        owner.id,
        owner.email,
        owner.name,
        freelancerId,
        'Trainer Private Name',
        '1234567',
      ])
        expect(text.includes(secret), `${url} contains ${secret}`).toBe(false);
    }
  });

  it('a logged-in freelancer sees the public view too; staff and the owner keep the owner', async () => {
    const freelancer = await makeUser(t.deps, 'freelancer');
    const fc = await loginClient(t.app, freelancer.email);
    const asFreelancer = (await fc.request('GET', `/api/v1/centers/${busyId}`)).json();
    expect(asFreelancer.ownerId).toBeUndefined();
    const admin = await makeUser(t.deps, 'program_admin');
    const ac = await loginClient(t.app, admin.email);
    expect((await ac.request('GET', `/api/v1/centers/${busyId}`)).json().ownerId).toBe(owner.id);
    expect((await ac.request('GET', '/api/v1/centers')).json().items[0].ownerId).toBe(owner.id);
    const oc = await loginClient(t.app, owner.email);
    expect((await oc.request('GET', `/api/v1/centers/${busyId}`)).json().ownerId).toBe(owner.id);
  });
});

describe('open data for the directory and the charts', () => {
  it('the centres dataset lists buildings, no people', async () => {
    const csv = (await get('/api/v1/open-data/centres.csv')).body;
    expect(csv.split('\r\n')[0]).toContain('occupancy_band');
    expect(csv).toContain('Busy Centre');
    expect(csv).not.toContain(owner.email);
    expect(csv).not.toContain(owner.id);
  });

  it('serves every figure as a monthly series, and one figure as CSV', async () => {
    t.clock.set('2026-11-01T00:30:00Z');
    await takeSnapshot(t.deps, '2026-10-31');
    t.clock.set('2026-11-28T05:00:00Z');
    await takeSnapshot(t.deps, '2026-11-27');
    const series = (await get('/api/v1/public/series')).json() as {
      month: string;
      totals: Record<string, number | null>;
    }[];
    expect(series.map((m) => m.month)).toEqual(['2026-10', '2026-11']);
    expect(series[1]!.totals['seats.total']).toBe(12);
    expect(series[0]!.totals['startup.grants_pkr']).toBe(0);
    const csv = (await get('/api/v1/open-data/monthly-series.csv?key=seats.total')).body.split('\r\n');
    expect(csv).toEqual(['key,month,total', 'seats.total,2026-10,12', 'seats.total,2026-11,12', '']);
  });
});

describe('headline figures the issue lists', () => {
  it('are all published, and training says "not yet" rather than zero', async () => {
    const figures = (await get('/api/v1/public/figures')).json() as {
      key: string;
      available: boolean;
      unit: string;
    }[];
    const byKey = new Map(figures.map((f) => [f.key, f]));
    const expected: [string, string][] = [
      ['centres.applied', 'applications'],
      ['centres.shortlisted', 'centres'],
      ['centres.loan_sanctioned', 'centres'],
      ['centres.disbursed', 'centres'],
      ['centres.under_setup', 'centres'],
      ['centres.operational', 'centres'],
      ['centres.closed', 'centres'],
      ['seats.total', 'seats'],
      ['freelancers.registered', 'people'],
      ['freelancers.active_30d', 'people'],
      ['bookings.last_30d', 'bookings'],
      ['occupancy.last_30d', 'basis_points'],
      ['loans.sanctioned_pkr', 'pkr_paisa'],
      ['loans.disbursed_pkr', 'pkr_paisa'],
      ['loans.repaid_pkr', 'pkr_paisa'],
      ['loans.par30_pkr', 'pkr_paisa'],
      ['subsidy.paid_pkr', 'pkr_paisa'],
      ['earnings.usd_declared_12m', 'usd_cents'],
    ];
    for (const [key, unit] of expected) expect(byKey.get(key), key).toMatchObject({ available: true, unit });
    expect(byKey.get('startup.grants_pkr')).toMatchObject({ available: true, unit: 'pkr_paisa' });
  });
});

describe('a centre open past midnight (14:00–02:00)', () => {
  it('counts twelve open hours a day, so its occupancy shows and the portal’s is not inflated', async () => {
    await t.deps.db
      .updateTable('center_opening_hours')
      .set({ opens: '14:00', closes: '02:00' })
      .where('center_id', '=', quietId)
      .execute();
    const quietSeats = (await t.deps.db
      .selectFrom('seats')
      .select('seat_id')
      .where('center_id', '=', quietId)
      .where('active', '=', true)
      .limit(2)
      .execute()) as { seat_id: string }[];
    // Two of six seats twelve hours a day for 20 days: 480 of 2,160 open seat-hours.
    await checkedIn(
      quietId,
      quietSeats.map((s) => s.seat_id),
      20,
    );
    await refreshFigures(t.deps);
    const quiet = (await get(`/api/v1/public/centres/${quietId}`)).json();
    expect(quiet.openingHours[0]).toEqual({ weekday: 1, opens: '14:00', closes: '02:00' });
    expect(quiet.occupancyBand).toBe('under_25');
    // Busy: 960 of 2,160; quiet: 480 of 2,160 → 1,440 of 4,320 = 33.33%.
    const figures = (await get('/api/v1/public/figures')).json() as { key: string; total: number }[];
    expect(figures.find((f) => f.key === 'occupancy.last_30d')?.total).toBe(3333);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';

// The test clock stands at Saturday 2026-11-28 10:00 in Karachi (05:00 UTC).
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());

async function nightCentre(opens: string, closes: string, latitude: number) {
  const owner = await makeUser(t.deps, 'owner');
  const fx = await makeOperationalCenter(t.deps, owner.id, { desks: 2, latitude, longitude: 74.3587 });
  const o = await loginClient(t.app, owner.email);
  const res = await o.request('PUT', `/api/v1/centers/${fx.center.id}/hours`, {
    days: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens, closes })),
  });
  expect(res.statusCode, res.body).toBe(200);
  return { ...fx, owner: o };
}

describe('centres open past midnight', () => {
  it('18:00–02:00: book 23:00–01:00 and the small hours; search finds it then; a closure next day refuses it', async () => {
    const s = await nightCentre('18:00', '02:00', 31.45);
    expect(s.center.id).toBeTruthy();
    const a = await loginClient(t.app, (await makeUser(t.deps, 'freelancer')).email);
    const b = await loginClient(t.app, (await makeUser(t.deps, 'freelancer')).email);
    const book = (c: typeof a, date: string, from: string, to: string) =>
      c.post('/api/v1/bookings', { centerId: s.center.id, plan: 'hourly', date, from, to });
    const late = await book(a, '2026-12-01', '23:00', '01:00');
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json().bookings[0]).toMatchObject({
      start: '2026-12-01T18:00:00.000Z',
      end: '2026-12-01T20:00:00.000Z',
      price: { amountMinor: 20_000 },
    });
    const small = await book(b, '2026-12-03', '00:30', '01:45');
    expect(small.statusCode, small.body).toBe(201);
    expect(small.json().bookings[0].start).toBe('2026-12-02T19:30:00.000Z');
    const after = await book(b, '2026-12-03', '01:00', '03:00');
    expect(after.statusCode).toBe(400);
    expect(after.json().fields[0].path).toBe('from');

    const day = await a.post('/api/v1/bookings', {
      centerId: s.center.id,
      plan: 'day_pass',
      date: '2026-12-05',
    });
    expect(day.json().bookings[0]).toMatchObject({
      start: '2026-12-05T13:00:00.000Z',
      end: '2026-12-05T21:00:00.000Z',
    });

    const search = (from: string, to: string) =>
      a.get(`/api/v1/centers/search?lat=31.45&lng=74.3587&radiusKm=2&date=2026-12-02&from=${from}&to=${to}`);
    const ids = async (from: string, to: string) =>
      (await search(from, to)).json().items.map((i: { center: { id: string } }) => i.center.id);
    expect(await ids('22:00', '01:00')).toContain(s.center.id);
    expect(await ids('22:00', '03:00')).not.toContain(s.center.id);
    expect(await ids('10:00', '12:00')).not.toContain(s.center.id);

    const closure = await s.owner.post(`/api/v1/centers/${s.center.id}/closures`, {
      startsOn: '2026-12-09',
      endsOn: '2026-12-09',
      reason: 'Eid holiday',
    });
    expect(closure.statusCode, closure.body).toBe(201);
    const into = await book(a, '2026-12-08', '23:00', '01:00');
    expect(into.statusCode).toBe(400);
    expect(into.body).toContain('Eid holiday');
    expect(
      await (async () => {
        const r = await a.get(
          `/api/v1/centers/search?lat=31.45&lng=74.3587&radiusKm=2&date=2026-12-08&from=23:00&to=01:00`,
        );
        return r.json().items.map((i: { center: { id: string } }) => i.center.id);
      })(),
    ).not.toContain(s.center.id);
  });

  it('open 24 hours (00:00–00:00): a night slot across midnight; hours are shown as set', async () => {
    const s = await nightCentre('00:00', '00:00', 31.6);
    const centre = (await s.owner.get(`/api/v1/centers/${s.center.id}`)).json();
    expect(centre.openingHours[0]).toEqual({ weekday: 1, opens: '00:00', closes: '00:00' });
    const a = await loginClient(t.app, (await makeUser(t.deps, 'freelancer')).email);
    const r = await a.post('/api/v1/bookings', {
      centerId: s.center.id,
      plan: 'hourly',
      date: '2026-12-01',
      from: '22:00',
      to: '06:00',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().bookings[0]).toMatchObject({
      start: '2026-12-01T17:00:00.000Z',
      end: '2026-12-02T01:00:00.000Z',
    });
    const found = await a.get(
      '/api/v1/centers/search?lat=31.6&lng=74.3587&radiusKm=2&date=2026-12-01&from=22:00&to=06:00',
    );
    expect(found.json().items.map((i: { center: { id: string } }) => i.center.id)).toContain(s.center.id);
  });
});

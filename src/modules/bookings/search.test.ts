import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/actor.ts';
import { cityId, makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { addClosure, changeCenterStatus, setAmenities } from '../centers/index.ts';

let t: TestApp;
const ids = {} as Record<'gulberg' | 'johar' | 'dha' | 'karachi' | 'closed', string>;
let lahoreCity = 0;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  const owner = await makeUser(t.deps, 'owner');
  const mk = async (name: string, latitude: number, longitude: number, city = 'Lahore', desks = 2) =>
    (await makeOperationalCenter(t.deps, owner.id, { name, latitude, longitude, city, desks })).center.id;
  ids.gulberg = await mk('Gulberg', 31.5204, 74.3587);
  ids.johar = await mk('Johar Town', 31.4697, 74.2728, 'Lahore', 1);
  ids.dha = await mk('DHA', 31.4805, 74.4007);
  ids.karachi = await mk('Clifton', 24.8138, 67.0299, 'Karachi');
  ids.closed = await mk('Model Town', 31.4834, 74.3256);
  await changeCenterStatus(t.deps, systemActor('t'), ids.closed, { status: 'suspended', reason: 'x' });
  await setAmenities(t.deps, systemActor('t'), ids.dha, {
    internetMbps: 20,
    backupPowerHours: 0,
    hasUps: false,
    womenOnlyArea: false,
    prayerArea: true,
    parking: true,
    accessible: false,
  });
  lahoreCity = await cityId(t.deps, 'Lahore');
});
afterAll(() => t.close());

const search = async (qs: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/centers/search?${qs}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    items: { center: { id: string; nameEn: string }; distanceKm: number; freeSeats: number | null }[];
  };
};
const names = (r: Awaited<ReturnType<typeof search>>) => r.items.map((i) => i.center.nameEn);

describe('searching for a centre', () => {
  it('near a point, within a radius, sorted by distance; only operational centres', async () => {
    const r = await search('lat=31.5204&lng=74.3587&radiusKm=20');
    expect(names(r)).toEqual(['Gulberg', 'DHA', 'Johar Town']);
    expect(r.items[0]!.distanceKm).toBe(0);
    expect(r.items.every((i, k) => k === 0 || i.distanceKm >= r.items[k - 1]!.distanceKm)).toBe(true);
    expect(names(await search('lat=31.5204&lng=74.3587&radiusKm=2'))).toEqual(['Gulberg']);
  });

  it('around a city', async () => {
    const r = await search(`cityId=${lahoreCity}&radiusKm=30`);
    expect(names(r).sort()).toEqual(['DHA', 'Gulberg', 'Johar Town']);
  });

  it('by amenities and price', async () => {
    expect(names(await search('lat=31.5&lng=74.35&radiusKm=30&minInternetMbps=50'))).not.toContain('DHA');
    expect(names(await search('lat=31.5&lng=74.35&radiusKm=30&parking=true'))).toEqual(['DHA']);
    expect(names(await search('lat=31.5&lng=74.35&radiusKm=30&backupPower=true'))).not.toContain('DHA');
    expect(names(await search('lat=31.5&lng=74.35&radiusKm=30&plan=day_pass&maxPriceMinor=20000'))).toEqual(
      [],
    );
    expect(
      names(await search('lat=31.5&lng=74.35&radiusKm=30&plan=day_pass&maxPriceMinor=30000')),
    ).toHaveLength(3);
  });

  it('with a free seat of a kind in a window, open then and not closed that day', async () => {
    const f = await makeUser(t.deps, 'freelancer');
    const c = await loginClient(t.app, f.email);
    const booked = await c.post('/api/v1/bookings', {
      centerId: ids.johar,
      plan: 'hourly',
      date: '2026-12-01',
      from: '10:00',
      to: '12:00',
    });
    expect(booked.statusCode).toBe(201);
    await addClosure(t.deps, systemActor('t'), ids.dha!, {
      startsOn: '2026-12-01',
      endsOn: '2026-12-01',
      reason: 'Outage',
    });
    const r = await search('lat=31.5204&lng=74.3587&radiusKm=20&date=2026-12-01&from=11:00&to=13:00');
    expect(names(r)).toEqual(['Gulberg']);
    expect(r.items[0]!.freeSeats).toBe(2);
    expect(
      names(await search('lat=31.5204&lng=74.3587&radiusKm=20&date=2026-12-01&from=12:00&to=13:00')),
    ).toEqual(['Gulberg', 'Johar Town']);
    expect(
      names(await search('lat=31.5204&lng=74.3587&radiusKm=20&date=2026-12-01&from=06:00&to=08:00')),
    ).toEqual([]);
    expect(
      names(
        await search(
          'lat=31.5204&lng=74.3587&radiusKm=20&kind=meeting_room&date=2026-12-02&from=10:00&to=11:00',
        ),
      ),
    ).toEqual(['Gulberg', 'DHA', 'Johar Town']);
  });

  it('bad queries are 400s naming the field', async () => {
    for (const [qs, field] of [
      ['lat=31.5', 'lng'],
      ['radiusKm=5', 'lat'],
      ['lat=31.5&lng=74.3&date=2026-12-01', 'date'],
      ['lat=31.5&lng=74.3&date=2026-12-01&from=12:00&to=12:00', 'to'],
      ['lat=abc&lng=74', 'lat'],
      ['cityId=99999999', 'cityId'],
    ] as const) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/centers/search?${qs}` });
      expect(res.statusCode, qs).toBe(400);
      expect(
        res
          .json()
          .fields.map((x: { path: string }) => x.path)
          .join(' '),
        qs,
      ).toContain(field);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { assertInPakistan } from './geo.service.ts';
import { distanceKm, isInPakistan } from './pakistan-boundary.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });

type City = { id: number; nameEn: string; provinceCode: string; latitude: number; longitude: number };
const cities = async (query: string): Promise<City[]> => {
  const res = await get(`/api/v1/geo/cities${query}`);
  expect(res.statusCode).toBe(200);
  return res.json();
};

describe('provinces', () => {
  it('lists the seven provinces and territories with Urdu names, in order', async () => {
    const res = await get('/api/v1/geo/provinces');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
    const list = res.json() as {
      code: string;
      nameEn: string;
      nameUr: string;
      kind: string;
      cityCount: number;
    }[];
    expect(list.map((p) => p.code)).toEqual(['PB', 'SD', 'KP', 'ICT', 'BA', 'AJK', 'GB']);
    expect(list.find((p) => p.code === 'ICT')).toMatchObject({
      nameEn: 'Islamabad Capital Territory',
      nameUr: 'اسلام آباد وفاقی دارالحکومت',
      kind: 'territory',
    });
    expect(list.find((p) => p.code === 'PB')).toMatchObject({ nameUr: 'پنجاب', kind: 'province' });
    for (const p of list) {
      expect(p.nameUr).toMatch(/[\u0600-\u06FF]/);
      expect(p.cityCount).toBeGreaterThan(0);
    }
    const total = list.reduce((n, p) => n + p.cityCount, 0);
    expect((await cities('?limit=500')).length).toBe(Math.min(total, 500));
  });

  it('files the former FATA under Khyber Pakhtunkhwa', async () => {
    const kp = await cities('?province=KP');
    for (const name of ['Landi Kotal', 'Miran Shah', 'Wana']) {
      expect(kp.map((c) => c.nameEn)).toContain(name);
    }
    const all = await cities('?q=miran shah');
    expect(all.map((c) => c.provinceCode)).toEqual(['KP']);
  });

  it('lists districts of a province, and 404s an unknown province', async () => {
    const ba = await get('/api/v1/geo/provinces/BA/districts');
    expect(ba.statusCode).toBe(200);
    expect(ba.json().length).toBeGreaterThan(10);
    expect(ba.json().every((d: { provinceCode: string }) => d.provinceCode === 'BA')).toBe(true);
    const nope = await get('/api/v1/geo/provinces/XX/districts');
    expect(nope.statusCode).toBe(404);
    expect(nope.headers['content-type']).toContain('application/problem+json');
  });
});

describe('cities', () => {
  it('filters by province and searches by name, case-insensitively', async () => {
    const gb = await cities('?province=GB');
    expect(gb.length).toBeGreaterThan(0);
    expect(gb.every((c) => c.provinceCode === 'GB')).toBe(true);
    expect(gb.map((c) => c.nameEn)).toContain('Gilgit');
    const lah = await cities('?q=LAHO');
    expect(lah.map((c) => c.nameEn)).toContain('Lahore');
    expect(lah.every((c) => c.nameEn.toLowerCase().includes('laho'))).toBe(true);
    expect((await cities('?q=kar&province=SD')).map((c) => c.nameEn)).toContain('Karachi');
    expect(await cities('?q=karachi&province=PB')).toEqual([]);
  });

  it('finds names written with diacritics when searched without them (Muzaffarābād)', async () => {
    const found = await cities('?q=muzaffarabad');
    expect(found.map((c) => c.provinceCode)).toEqual(['AJK']);
    expect((await cities('?q=Muzaffarābād')).map((c) => c.provinceCode)).toEqual(['AJK']);
    expect((await cities("?q=khairpur mir's")).length).toBeGreaterThan(0);
  });

  it('finds by Urdu name', async () => {
    expect((await cities('?q=لاہور')).map((c) => c.nameEn)).toEqual(['Lahore']);
  });

  it('treats % and _ as literal characters, and honours limit', async () => {
    expect(await cities('?q=%25')).toEqual([]);
    expect(await cities('?q=_')).toEqual([]);
    expect(await cities('?limit=3')).toHaveLength(3);
    const bad = await get('/api/v1/geo/cities?limit=0');
    expect(bad.statusCode).toBe(400);
  });

  it('gets one city by id; 404 for a missing one, 400 for a malformed one', async () => {
    const [lahore] = await cities('?q=lahore');
    const one = await get(`/api/v1/geo/cities/${lahore!.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ nameEn: 'Lahore', provinceCode: 'PB', nameUr: 'لاہور' });
    expect((await get('/api/v1/geo/cities/999999')).statusCode).toBe(404);
    expect((await get('/api/v1/geo/cities/abc')).statusCode).toBe(400);
  });

  it('an id beyond the integer column’s range is a 400 problem naming it, not a 500', async () => {
    for (const url of ['/api/v1/geo/cities/99999999999', '/api/v1/centers?cityId=99999999999']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().fields.map((f: { path: string }) => f.path)).toEqual([
        url.includes('cityId') ? 'querystring.cityId' : 'params.id',
      ]);
    }
    expect((await get('/api/v1/geo/cities/2147483647')).statusCode).toBe(404);
  });
});

describe('points', () => {
  const point = (lat: number | string, lng: number | string) =>
    get(`/api/v1/geo/point?lat=${lat}&lng=${lng}`);

  it.each([
    ['Lahore', 31.558, 74.3507],
    ['Karachi', 24.8608, 67.0104],
    ['Gilgit', 35.9187, 74.3125],
    ['Muzaffarābād', 34.37, 73.4708],
    ['Gwadar', 25.1264, 62.3225],
    ['Quetta', 30.1798, 66.975],
    ['Islamabad', 33.7215, 73.0433],
  ])('%s is inside Pakistan', async (name, lat, lng) => {
    expect(isInPakistan(lat, lng)).toBe(true);
    const res = await point(lat, lng);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ inPakistan: true, nearestCity: { nameEn: name } });
    expect(res.json().distanceKm).toBeLessThan(5);
  });

  it.each([
    ['the Arabian Sea', 23.5, 66.0],
    ['Delhi', 28.6139, 77.209],
    ['Kabul', 34.5553, 69.2075],
    ['Zahedan', 29.4963, 60.8629],
    ['Amritsar', 31.634, 74.8723],
    ['null island', 0, 0],
  ])('%s is outside', async (_name, lat, lng) => {
    const res = await point(lat, lng);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ inPakistan: false, nearestCity: null, distanceKm: null });
  });

  it("the nearest city to Lahore's coordinates is Lahore, and a point near Rawalpindi is Rawalpindi", async () => {
    const res = await point(31.558, 74.35071);
    expect(res.json().nearestCity.nameEn).toBe('Lahore');
    expect(res.json().distanceKm).toBe(0);
    expect((await point(33.6, 73.05)).json().nearestCity.nameEn).toBe('Rawalpindi');
  });

  it.each([
    ['lat=abc&lng=74', 'lat'],
    ['lat=95&lng=74', 'lat'],
    ['lat=31&lng=-181', 'lng'],
    ['lat=31', 'lng'],
    ['lng=74', 'lat'],
  ])('a bad query (%s) is a 400 problem naming %s', async (query, field) => {
    const res = await get(`/api/v1/geo/point?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body.code).toBe('validation_failed');
    expect(body.fields.map((f: { path: string }) => f.path)).toEqual([`querystring.${field}`]);
    expect(res.headers['cache-control']).not.toBe('public, max-age=86400');
  });
});

describe('helpers for other areas', () => {
  it('distanceKm: Lahore to Karachi is about 1,030 km', () => {
    expect(distanceKm(31.558, 74.3507, 24.8608, 67.0104)).toBeGreaterThan(1000);
    expect(distanceKm(31.558, 74.3507, 24.8608, 67.0104)).toBeLessThan(1060);
    expect(distanceKm(30, 70, 30, 70)).toBe(0);
  });

  it('assertInPakistan names the field', () => {
    expect(() => assertInPakistan(28.6139, 77.209, 'building.location')).toThrow(
      expect.objectContaining({
        code: 'validation_failed',
        details: { fields: [{ path: 'building.location', message: 'must lie inside Pakistan' }] },
      }),
    );
    expect(() => assertInPakistan(31.558, 74.3507)).not.toThrow();
    expect(isInPakistan(Number.NaN, 70)).toBe(false);
  });
});

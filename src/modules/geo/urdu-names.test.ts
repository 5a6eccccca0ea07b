import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const URDU = /^[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF ]+$/;

describe('Urdu place names', () => {
  it('every district and every city has an Urdu name, in Urdu script', async () => {
    const districts = await t.deps.db.selectFrom('districts').select(['name_en', 'name_ur']).execute();
    const cities = await t.deps.db.selectFrom('cities').select(['name_en', 'name_ur']).execute();
    expect(districts.length).toBeGreaterThanOrEqual(30);
    expect(cities.length).toBeGreaterThanOrEqual(400);
    const bad = [...districts, ...cities].filter((p) => !p.name_ur || !URDU.test(p.name_ur));
    expect(bad).toEqual([]);
  });

  it('search finds a small town by its Urdu name, and answers with it', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/geo/cities?q=${encodeURIComponent('چیچہ وطنی')}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([expect.objectContaining({ nameEn: 'Chichawatni', nameUr: 'چیچہ وطنی' })]);
  });

  it('districts list their Urdu names', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/geo/provinces/BA/districts' });
    expect(res.statusCode, res.body).toBe(200);
    const ziarat = (res.json() as { nameEn: string; nameUr: string | null }[]).find(
      (d) => d.nameEn === 'Ziārat',
    );
    expect(ziarat?.nameUr).toBe('زیارت');
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginClient, type TestApp } from '../../testing/test-app.ts';
import { DEMO_PASSWORD, seedIdentityDemo } from '../identity/index.ts';
import { seedCentresDemo } from './bookings.demo.ts';
import { seedCentrePhotos } from './centre-photos.demo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ uploadDir: mkdtempSync(join(tmpdir(), 'markaz-demo-photos-')) });
  t.clock.set('2026-11-28T07:00:00Z'); // 12:00 in Karachi
});
afterAll(() => t.close());

const items = (res: { json(): unknown }) =>
  (res.json() as { items: { id: string; cityName: string }[] }).items;

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
    expect(count('cancelled')).toBe(3);
    expect(statuses.filter((x) => x.cancel_reason === 'centre_closed')).toHaveLength(2);
    expect(count('confirmed')).toBeGreaterThanOrEqual(7);
    const near = await t.app.inject({
      method: 'GET',
      url: '/api/v1/centers/search?lat=31.52&lng=74.35&radiusKm=10',
    });
    expect(near.json().items[0].center.nameEn).toBe('Gulberg e-Rozgar Centre');
  });

  it('the Lahore outage left one paid booking refunded and one refund still due', async () => {
    const closed = await t.deps.db
      .selectFrom('bookings')
      .select(['booking_id', 'plan', 'paid', 'refunded_at'])
      .where('cancel_reason', '=', 'centre_closed')
      .orderBy('plan')
      .execute();
    expect(closed.map((b) => [b.plan, b.paid, b.refunded_at !== null])).toEqual([
      ['hourly', true, false],
      ['meeting_room', true, true],
    ]);
    const owner = await loginClient(t.app, 'owner1@markaz.pk', DEMO_PASSWORD);
    const lahore = items(await t.app.inject({ method: 'GET', url: '/api/v1/centers' })).find(
      (c) => c.cityName === 'Lahore',
    )!;
    const due = await owner.get(`/api/v1/centers/${lahore.id}/refunds-due`);
    expect(due.statusCode, due.body).toBe(200);
    expect(due.json()).toMatchObject([
      { id: closed[0]!.booking_id, refundDue: true, price: { amountMinor: 80_000 } },
    ]);
    const f1 = await loginClient(t.app, 'freelancer1@markaz.pk', DEMO_PASSWORD);
    const mine = (await f1.get('/api/v1/me/bookings?scope=all')).json() as {
      id: string;
      refundDue: boolean;
      refundedAt: string | null;
    }[];
    expect(mine.find((b) => b.id === closed[0]!.booking_id)).toMatchObject({
      refundDue: true,
      refundedAt: null,
    });
    expect(mine.find((b) => b.id === closed[1]!.booking_id)?.refundedAt).not.toBeNull();
  });

  it('the Gulberg centre shows two published pictures, described in both languages, to anyone', async () => {
    await seedCentrePhotos(t.deps);
    const gulberg = items(await t.app.inject({ method: 'GET', url: '/api/v1/centers' })).find(
      (c) => c.cityName === 'Lahore',
    )!;
    const photos = await t.app.inject({ method: 'GET', url: `/api/v1/centers/${gulberg.id}/photos` });
    expect(photos.statusCode, photos.body).toBe(200);
    const list = photos.json() as {
      id: string;
      altEn: string;
      altUr: string;
      renditions: { width: number; sizeBytes: number }[];
    }[];
    expect(list).toHaveLength(2);
    expect(list.every((p) => p.altEn.startsWith('Drawing of') && p.altUr.length > 10)).toBe(true);
    // The drawings are 480 px wide: one copy each, not enlarged.
    expect(list.map((p) => p.renditions.map((r) => r.width))).toEqual([[480], [480]]);
    const img = await t.app.inject({
      method: 'GET',
      url: `/api/v1/centers/${gulberg.id}/photos/${list[0]!.id}/480`,
    });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/webp');
  });
});

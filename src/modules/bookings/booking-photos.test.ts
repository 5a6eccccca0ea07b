import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    uploadDir: mkdtempSync(join(tmpdir(), 'markaz-photos-')),
    rateLimitPerMinute: 100_000,
  });
});
afterAll(() => t.close());

// A real image: the upload makes the public page's copies from it (decision 0078).
const PNG = await sharp({ create: { width: 12, height: 8, channels: 3, background: '#0b6e4f' } })
  .png()
  .toBuffer();
const B = '----markazphotos';
const form = Buffer.concat([
  Buffer.from(
    `--${B}\r\nContent-Disposition: form-data; name="file"; filename="hall.png"\r\nContent-Type: image/png\r\n\r\n`,
  ),
  PNG,
  Buffer.from(`\r\n--${B}--\r\n`),
]);

describe('the centre’s photos on a booking', () => {
  it('its booker sees the latest passed inspection’s photos; someone else gets 404; a failed inspection’s stay hidden', async () => {
    const admin = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
    const owner = await makeUser(t.deps, 'owner');
    const { center } = await makeOperationalCenter(t.deps, owner.id);
    const inspect = async (passed: boolean) => {
      const insp = await admin.post(`/api/v1/centers/${center.id}/inspections`, {
        internetMbpsMeasured: 50,
        backupPowerTested: true,
        seatsCounted: 10,
        passed,
      });
      expect(insp.statusCode, insp.body).toBe(201);
      const up = await admin.request(
        'POST',
        `/api/v1/centers/${center.id}/inspections/${insp.json().id}/photos`,
        form,
        {
          'content-type': `multipart/form-data; boundary=${B}`,
        },
      );
      expect(up.statusCode, up.body).toBe(201);
      return up.json().id as string;
    };
    const shown = await inspect(true);
    t.clock.advance(60_000);
    const failed = await inspect(false);

    const f = await loginClient(t.app, (await makeUser(t.deps, 'freelancer')).email);
    const made = await f.post('/api/v1/bookings', {
      centerId: center.id,
      plan: 'hourly',
      date: '2026-12-01',
      from: '10:00',
      to: '11:00',
    });
    const id = made.json().bookings[0].id;
    const list = await f.get(`/api/v1/bookings/${id}/photos`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().map((p: { id: string }) => p.id)).toEqual([shown]);
    const img = await f.get(`/api/v1/bookings/${id}/photos/${shown}`);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect((await f.get(`/api/v1/bookings/${id}/photos/${failed}`)).statusCode).toBe(404);

    const other = await loginClient(t.app, (await makeUser(t.deps, 'freelancer')).email);
    expect((await other.get(`/api/v1/bookings/${id}/photos`)).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/bookings/${id}/photos/${shown}` })).statusCode,
    ).not.toBe(200);
  });
});

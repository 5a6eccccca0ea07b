import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { type Client, createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { MAX_PUBLIC_PHOTO_BYTES } from './public-photos.service.ts';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp({
    uploadDir: mkdtempSync(join(tmpdir(), 'markaz-public-photos-')),
    rateLimitPerMinute: 100_000,
  });
  admin = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
});
afterAll(() => t.close());

const B = '----markazpublic';
const pngForm = (bytes: number) =>
  Buffer.concat([
    Buffer.from(
      `--${B}\r\nContent-Disposition: form-data; name="file"; filename="hall.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(bytes, 2),
    Buffer.from(`\r\n--${B}--\r\n`),
  ]);
const anon = (url: string) => t.app.inject({ method: 'GET', url });
const publish = { altEn: 'The hot-desk hall', altUr: 'ہاٹ ڈیسک ہال', noPeopleShown: true, ownerAgreed: true };

async function inspectWithPhotos(centerId: string, passed: boolean, sizes: number[]) {
  const insp = await admin.post(`/api/v1/centers/${centerId}/inspections`, {
    internetMbpsMeasured: 50,
    backupPowerTested: true,
    seatsCounted: 10,
    passed,
  });
  expect(insp.statusCode, insp.body).toBe(201);
  const ids: string[] = [];
  for (const size of sizes) {
    const up = await admin.request(
      'POST',
      `/api/v1/centers/${centerId}/inspections/${insp.json().id}/photos`,
      pngForm(size),
      {
        'content-type': `multipart/form-data; boundary=${B}`,
      },
    );
    expect(up.statusCode, up.body).toBe(201);
    ids.push(up.json().id);
  }
  return { inspectionId: insp.json().id as string, ids };
}

describe("a centre's photos on its public page", () => {
  it('serves only the photos staff made public; a private one is 404 to the public, and withdrawing hides it again', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const { center } = await makeOperationalCenter(t.deps, owner.id);
    const { inspectionId, ids } = await inspectWithPhotos(center.id, true, [300, 300]);
    const [shown, hidden] = ids as [string, string];

    expect((await anon(`/api/v1/centers/${center.id}/photos`)).json()).toEqual([]);
    expect((await anon(`/api/v1/centers/${center.id}/photos/${shown}`)).statusCode).toBe(404);

    const url = (id: string) =>
      `/api/v1/centers/${center.id}/inspections/${inspectionId}/photos/${id}/public`;
    const made = await admin.request('PUT', url(shown), publish);
    expect(made.statusCode, made.body).toBe(200);
    expect(made.json()).toMatchObject({ id: shown, altEn: 'The hot-desk hall', altUr: 'ہاٹ ڈیسک ہال' });
    expect(made.json().publicAt).not.toBeNull();

    const list = await anon(`/api/v1/centers/${center.id}/photos`);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([
      {
        id: shown,
        contentType: 'image/png',
        sizeBytes: 308,
        altEn: 'The hot-desk hall',
        altUr: 'ہاٹ ڈیسک ہال',
      },
    ]);
    const img = await anon(`/api/v1/centers/${center.id}/photos/${shown}`);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.headers['cache-control']).toBe('public, max-age=3600');
    expect(img.rawPayload.length).toBe(308);
    // The photo that was not made public is not served publicly, nor under another centre's id.
    expect((await anon(`/api/v1/centers/${center.id}/photos/${hidden}`)).statusCode).toBe(404);
    const other = await makeOperationalCenter(t.deps, owner.id);
    expect((await anon(`/api/v1/centers/${other.center.id}/photos/${shown}`)).statusCode).toBe(404);

    const off = await admin.request('DELETE', url(shown));
    expect(off.statusCode, off.body).toBe(204);
    expect((await anon(`/api/v1/centers/${center.id}/photos`)).json()).toEqual([]);
    expect((await anon(`/api/v1/centers/${center.id}/photos/${shown}`)).statusCode).toBe(404);
  });

  it('refuses to publish without both checks, a failed inspection’s photo, a large one, or for anyone but a programme admin', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const { center } = await makeOperationalCenter(t.deps, owner.id);
    const passed = await inspectWithPhotos(center.id, true, [300, MAX_PUBLIC_PHOTO_BYTES + 1]);
    const failed = await inspectWithPhotos(center.id, false, [300]);
    const url = (inspectionId: string, id: string) =>
      `/api/v1/centers/${center.id}/inspections/${inspectionId}/photos/${id}/public`;
    const small = url(passed.inspectionId, passed.ids[0]!);

    const noConsent = await admin.request('PUT', small, { ...publish, ownerAgreed: false });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.body).toContain('ownerAgreed');
    const noAlt = await admin.request('PUT', small, { ...publish, altUr: '' });
    expect(noAlt.statusCode).toBe(400);
    expect(noAlt.body).toContain('altUr');
    expect((await admin.request('PUT', url(failed.inspectionId, failed.ids[0]!), publish)).statusCode).toBe(
      409,
    );
    expect((await admin.request('PUT', url(passed.inspectionId, passed.ids[1]!), publish)).statusCode).toBe(
      409,
    );

    const asOwner = await loginClient(t.app, owner.email);
    expect((await asOwner.request('PUT', small, publish)).statusCode).toBe(403);
    expect((await anon(`/api/v1/centers/${center.id}/photos`)).json()).toEqual([]);
  });
});

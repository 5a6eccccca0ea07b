import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDiskStore } from '../../platform/uploads/upload-store.ts';
import { makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { type Client, createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
let admin: Client;
const uploadDir = mkdtempSync(join(tmpdir(), 'markaz-public-photos-'));
beforeAll(async () => {
  t = await createTestApp({ uploadDir, rateLimitPerMinute: 100_000 });
  admin = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
});
afterAll(() => t.close());

const B = '----markazpublic';
const form = (image: Buffer, name = 'hall.jpg', type = 'image/jpeg') =>
  Buffer.concat([
    Buffer.from(
      `--${B}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    image,
    Buffer.from(`\r\n--${B}--\r\n`),
  ]);
const image = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#b08d69' } })
    .jpeg()
    .toBuffer();
const anon = (url: string) => t.app.inject({ method: 'GET', url });
const publish = { altEn: 'The hot-desk hall', altUr: 'ہاٹ ڈیسک ہال', noPeopleShown: true };

async function inspect(centerId: string, passed: boolean) {
  const insp = await admin.post(`/api/v1/centers/${centerId}/inspections`, {
    internetMbpsMeasured: 50,
    backupPowerTested: true,
    seatsCounted: 10,
    passed,
  });
  expect(insp.statusCode, insp.body).toBe(201);
  return insp.json().id as string;
}
const upload = (centerId: string, inspectionId: string, body: Buffer) =>
  admin.request('POST', `/api/v1/centers/${centerId}/inspections/${inspectionId}/photos`, body, {
    'content-type': `multipart/form-data; boundary=${B}`,
  });
async function inspectWithPhotos(centerId: string, passed: boolean, count: number) {
  const inspectionId = await inspect(centerId, passed);
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    const up = await upload(centerId, inspectionId, form(await image(1600, 1200)));
    expect(up.statusCode, up.body).toBe(201);
    ids.push(up.json().id);
  }
  return { inspectionId, ids };
}
const auditCount = async (action: string, photoId: string) =>
  (await t.deps.db.selectFrom('audit_log').select('details').where('action', '=', action).execute()).filter(
    (r) => JSON.stringify(r.details).includes(photoId),
  ).length;

describe("a centre's photos on its public page", () => {
  it('serves only the smaller copies of photos the owner consented to and staff made public; withdrawing hides them again', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const asOwner = await loginClient(t.app, owner.email);
    const { center } = await makeOperationalCenter(t.deps, owner.id);
    const { inspectionId, ids } = await inspectWithPhotos(center.id, true, 2);
    const [shown, hidden] = ids as [string, string];
    const url = (id: string, what: 'public' | 'consent') =>
      `/api/v1/centers/${center.id}/inspections/${inspectionId}/photos/${id}/${what}`;

    expect((await anon(`/api/v1/centers/${center.id}/photos`)).json()).toEqual([]);
    // No consent from the owner yet: staff may not publish.
    expect((await admin.request('PUT', url(shown, 'public'), publish)).statusCode).toBe(409);
    const consent = await asOwner.request('PUT', url(shown, 'consent'), { given: true });
    expect(consent.statusCode, consent.body).toBe(200);
    expect(consent.json()).toMatchObject({ id: shown, ownerConsent: true });
    expect(consent.json().ownerConsentAt).not.toBeNull();
    expect(await auditCount('center.photo_consent_given', shown)).toBe(1);

    const made = await admin.request('PUT', url(shown, 'public'), publish);
    expect(made.statusCode, made.body).toBe(200);
    expect(made.json()).toMatchObject({ id: shown, altEn: 'The hot-desk hall', altUr: 'ہاٹ ڈیسک ہال' });
    expect(made.json().publicAt).not.toBeNull();

    const list = await anon(`/api/v1/centers/${center.id}/photos`);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toHaveLength(1);
    expect(list.json()[0]).toMatchObject({ id: shown, altEn: 'The hot-desk hall', altUr: 'ہاٹ ڈیسک ہال' });
    expect(
      list.json()[0].renditions.map((r: { width: number; height: number }) => [r.width, r.height]),
    ).toEqual([
      [480, 360],
      [1024, 768],
    ]);
    const img = await anon(`/api/v1/centers/${center.id}/photos/${shown}/480`);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/webp');
    expect(img.headers['cache-control']).toBe('public, max-age=3600');
    expect((await sharp(img.rawPayload).metadata()).width).toBe(480);
    // The original is never public; nor a width that was not made; nor the photo not published,
    // nor under another centre's id.
    expect((await anon(`/api/v1/centers/${center.id}/photos/${shown}`)).statusCode).toBe(404);
    expect((await anon(`/api/v1/centers/${center.id}/photos/${shown}/800`)).statusCode).toBe(404);
    expect((await anon(`/api/v1/centers/${center.id}/photos/${hidden}/480`)).statusCode).toBe(404);
    const other = await makeOperationalCenter(t.deps, owner.id);
    expect((await anon(`/api/v1/centers/${other.center.id}/photos/${shown}/480`)).statusCode).toBe(404);

    const off = await admin.request('DELETE', url(shown, 'public'));
    expect(off.statusCode, off.body).toBe(204);
    expect((await anon(`/api/v1/centers/${center.id}/photos`)).json()).toEqual([]);
    expect((await anon(`/api/v1/centers/${center.id}/photos/${shown}/480`)).statusCode).toBe(404);
    expect(await auditCount('center.photo_withdrawn', shown)).toBe(1);
    // Withdrawing a photo that is not public is refused, and leaves no audit entry.
    const again = await admin.request('DELETE', url(shown, 'public'));
    expect(again.statusCode).toBe(409);
    expect((await admin.request('DELETE', url(hidden, 'public'))).statusCode).toBe(409);
    expect(await auditCount('center.photo_withdrawn', shown)).toBe(1);
    expect(await auditCount('center.photo_withdrawn', hidden)).toBe(0);
  });

  it("the owner's withdrawn consent takes the photo off at once; only the owner speaks for it", async () => {
    const owner = await makeUser(t.deps, 'owner');
    const asOwner = await loginClient(t.app, owner.email);
    const stranger = await loginClient(t.app, (await makeUser(t.deps, 'owner')).email);
    const { center } = await makeOperationalCenter(t.deps, owner.id);
    const { inspectionId, ids } = await inspectWithPhotos(center.id, true, 1);
    const photo = ids[0]!;
    const url = (what: 'public' | 'consent') =>
      `/api/v1/centers/${center.id}/inspections/${inspectionId}/photos/${photo}/${what}`;

    expect((await admin.request('PUT', url('consent'), { given: true })).statusCode).toBe(403);
    expect((await stranger.request('PUT', url('consent'), { given: true })).statusCode).toBe(403);
    const bad = await asOwner.request('PUT', url('consent'), { given: 'yes' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('given');

    expect((await asOwner.request('PUT', url('consent'), { given: true })).statusCode).toBe(200);
    // Asking again changes nothing and audits nothing.
    expect((await asOwner.request('PUT', url('consent'), { given: true })).json().ownerConsent).toBe(true);
    expect(await auditCount('center.photo_consent_given', photo)).toBe(1);
    expect((await admin.request('PUT', url('public'), publish)).statusCode).toBe(200);
    expect((await anon(`/api/v1/centers/${center.id}/photos`)).json()).toHaveLength(1);

    const withdrawn = await asOwner.request('PUT', url('consent'), { given: false });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ ownerConsent: false, publicAt: null });
    expect((await anon(`/api/v1/centers/${center.id}/photos`)).json()).toEqual([]);
    expect((await anon(`/api/v1/centers/${center.id}/photos/${photo}/480`)).statusCode).toBe(404);
    const log = await t.deps.db
      .selectFrom('audit_log')
      .select(['details', 'occurred_at'])
      .where('action', '=', 'center.photo_consent_withdrawn')
      .execute();
    const mine = log.filter((r) => JSON.stringify(r.details).includes(photo));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.details).toMatchObject({ photoId: photo, wasPublic: true });
    expect((await admin.request('PUT', url('public'), publish)).statusCode).toBe(409);
  });

  it('refuses to publish without the check, a failed inspection’s photo, or for anyone but a programme admin', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const asOwner = await loginClient(t.app, owner.email);
    const { center } = await makeOperationalCenter(t.deps, owner.id);
    const passed = await inspectWithPhotos(center.id, true, 1);
    const failed = await inspectWithPhotos(center.id, false, 1);
    const url = (inspectionId: string, id: string, what = 'public') =>
      `/api/v1/centers/${center.id}/inspections/${inspectionId}/photos/${id}/${what}`;
    const ok = url(passed.inspectionId, passed.ids[0]!);
    for (const p of [passed, failed])
      expect(
        (await asOwner.request('PUT', url(p.inspectionId, p.ids[0]!, 'consent'), { given: true })).statusCode,
      ).toBe(200);

    const unchecked = await admin.request('PUT', ok, { ...publish, noPeopleShown: false });
    expect(unchecked.statusCode).toBe(400);
    expect(unchecked.body).toContain('noPeopleShown');
    const noAlt = await admin.request('PUT', ok, { ...publish, altUr: '' });
    expect(noAlt.statusCode).toBe(400);
    expect(noAlt.body).toContain('altUr');
    expect((await admin.request('PUT', url(failed.inspectionId, failed.ids[0]!), publish)).statusCode).toBe(
      409,
    );
    expect((await asOwner.request('PUT', ok, publish)).statusCode).toBe(403);
    expect((await anon(`/api/v1/centers/${center.id}/photos`)).json()).toEqual([]);
  });
});

describe('the public copies of a photo', () => {
  it('carry no metadata (no EXIF, no GPS) and are 480 and 1024 px wide; the original keeps its own', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const { center } = await makeOperationalCenter(t.deps, owner.id);
    const inspectionId = await inspect(center.id, true);
    const phone = await sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#aaccee' } })
      .withExif({
        IFD0: { Make: 'MarkazTestPhone', Artist: 'Inspector Name' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '31/1 31/1 0/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '74/1 21/1 0/1',
        },
      })
      .jpeg()
      .toBuffer();
    const inMeta = await sharp(phone).metadata();
    expect(inMeta.exif?.includes('MarkazTestPhone')).toBe(true);
    expect(
      inMeta.exif?.includes('GPS') ||
        inMeta.exif?.includes(Buffer.from([0x88, 0x25])) ||
        inMeta.exif?.includes(Buffer.from([0x25, 0x88])),
    ).toBe(true);

    const up = await upload(center.id, inspectionId, form(phone));
    expect(up.statusCode, up.body).toBe(201);
    const photoId = up.json().id as string;
    const copies = await t.deps.db
      .selectFrom('center_photo_renditions')
      .selectAll()
      .where('photo_id', '=', photoId)
      .orderBy('width')
      .execute();
    expect(copies.map((c) => [c.width, c.height, c.content_type])).toEqual([
      [480, 360, 'image/webp'],
      [1024, 768, 'image/webp'],
    ]);
    for (const c of copies) {
      const { stream } = await localDiskStore(uploadDir, t.deps).open(c.storage_key);
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
      const bytes = Buffer.concat(chunks);
      const meta = await sharp(bytes).metadata();
      expect(meta.format).toBe('webp');
      expect(meta.width).toBe(c.width);
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      expect(bytes.includes('MarkazTestPhone')).toBe(false);
      expect(bytes.includes('Inspector Name')).toBe(false);
    }
    // The original, kept for staff and the owner, is the file as uploaded.
    const original = await admin.get(
      `/api/v1/centers/${center.id}/inspections/${inspectionId}/photos/${photoId}`,
    );
    expect(original.rawPayload.equals(phone)).toBe(true);
  });

  it('a small photo gives one copy at its own width; a damaged one is refused naming the file field', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const { center } = await makeOperationalCenter(t.deps, owner.id);
    const inspectionId = await inspect(center.id, true);
    const small = await upload(center.id, inspectionId, form(await image(300, 200)));
    expect(small.statusCode, small.body).toBe(201);
    const widths = await t.deps.db
      .selectFrom('center_photo_renditions')
      .select('width')
      .where('photo_id', '=', small.json().id)
      .execute();
    expect(widths.map((w) => w.width)).toEqual([300]);

    const good = await image(1600, 1200);
    // A JPEG's first bytes (so it passes the type check) and then nothing an image is made of.
    const damaged = Buffer.concat([good.subarray(0, 3), Buffer.alloc(4000, 0x41)]);
    const before = await t.deps.db.selectFrom('center_inspection_photos').select('photo_id').execute();
    const res = await upload(center.id, inspectionId, form(damaged));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().fields).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'file' })]));
    const after = await t.deps.db.selectFrom('center_inspection_photos').select('photo_id').execute();
    expect(after.length).toBe(before.length);
  });
});

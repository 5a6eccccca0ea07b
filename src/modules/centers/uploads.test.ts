import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.ts';
import { cityId, LAHORE } from '../../testing/centre-fixtures.ts';
import { type Client, createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { declareEarnings } from '../freelancers/index.ts';

// Inspection photos (centres) and earnings statements (freelancers) share the calls area's
// upload store: content-checked, size-limited, sha256 recorded, never public.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    uploadDir: mkdtempSync(join(tmpdir(), 'markaz-uploads-')),
    rateLimitPerMinute: 100_000,
  });
});
afterAll(() => t.close());

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 'a'), Buffer.from('\n%%EOF\n')]);
// A real image: the upload makes the public page's copies from it (decision 0078).
const PNG = await sharp({ create: { width: 12, height: 8, channels: 3, background: '#0b6e4f' } })
  .png()
  .toBuffer();
const B = '----markazboundary';
const form = (fileName: string, type: string, content: Buffer) =>
  Buffer.concat([
    Buffer.from(
      `--${B}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${B}--\r\n`),
  ]);
const upload = (c: Client, url: string, body: Buffer) =>
  c.request('POST', url, body, { 'content-type': `multipart/form-data; boundary=${B}` });
const asFreelancer = (id: string) =>
  ({ kind: 'user', userId: id, role: 'freelancer', organizationId: null }) as unknown as Actor;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('inspection photos', () => {
  it('the admin attaches images only; staff and the owner see them on the inspection; others get 404', async () => {
    const admin = await makeUser(t.deps, 'program_admin');
    const owner = await makeUser(t.deps, 'owner');
    const a = await loginClient(t.app, admin.email);
    const o = await loginClient(t.app, owner.email);
    const stranger = await loginClient(t.app, (await makeUser(t.deps, 'owner')).email);
    const c = await a.post('/api/v1/centers', {
      ownerId: owner.id,
      nameEn: 'Photo Centre',
      address: '3 Canal Road',
      cityId: await cityId(t.deps, 'Lahore'),
      ...LAHORE,
    });
    const id = c.json().id;
    await a.post(`/api/v1/centers/${id}/status`, { status: 'under_setup', reason: 'Fit-out' });
    const insp = await a.post(`/api/v1/centers/${id}/inspections`, {
      internetMbpsMeasured: 50,
      backupPowerTested: true,
      seatsCounted: 10,
      passed: true,
    });
    const url = `/api/v1/centers/${id}/inspections/${insp.json().id}/photos`;

    expect((await upload(o, url, form('hall.png', 'image/png', PNG))).statusCode).toBe(403);
    const pdf = await upload(a, url, form('report.pdf', 'application/pdf', PDF));
    expect(pdf.statusCode).toBe(415);
    const fake = await upload(a, url, form('hall.png', 'image/png', Buffer.from('not really a png at all')));
    expect(fake.statusCode).toBe(415);
    const ok = await upload(a, url, form('hall.png', 'image/png', PNG));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ contentType: 'image/png', sizeBytes: PNG.length, sha256: sha(PNG) });

    const list = (await o.get(`/api/v1/centers/${id}/inspections`)).json();
    expect(list[0].photos).toHaveLength(1);
    const got = await o.get(`${url}/${ok.json().id}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(sha(got.rawPayload)).toBe(sha(PNG));
    expect((await stranger.get(`${url}/${ok.json().id}`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `${url}/${ok.json().id}` })).statusCode).toBe(404);
  });
});

describe('earnings statements', () => {
  it('a freelancer attaches a PDF to a declared month; only they and staff can download it', async () => {
    const f = await makeUser(t.deps, 'freelancer');
    const me = await loginClient(t.app, f.email);
    const other = await loginClient(t.app, (await makeUser(t.deps, 'freelancer')).email);
    const auditor = await loginClient(t.app, (await makeUser(t.deps, 'auditor')).email);
    const url = '/api/v1/me/earnings/2026-10/statement';
    const undeclared = await upload(me, url, form('oct.pdf', 'application/pdf', PDF));
    expect(undeclared.statusCode).toBe(400);
    expect(undeclared.json().fields[0].path).toBe('month');
    await declareEarnings(t.deps, asFreelancer(f.id), {
      month: '2026-10',
      platform: 'upwork',
      amountMinor: 120_000,
    });

    const exe = await upload(
      me,
      url,
      form('oct.pdf', 'application/pdf', Buffer.from('MZ\x90\x00 an exe file')),
    );
    expect(exe.statusCode).toBe(415);
    const first = await upload(me, url, form('oct.png', 'image/png', PNG));
    expect(first.statusCode, first.body).toBe(201);
    const second = await upload(me, url, form('oct.pdf', 'application/pdf', PDF));
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toMatchObject({
      month: '2026-10',
      contentType: 'application/pdf',
      sha256: sha(PDF),
    });
    // One per month: the second replaced the first.
    const mine = (await me.get('/api/v1/me/earnings-statements')).json();
    expect(mine.map((s: { id: string }) => s.id)).toEqual([second.json().id]);

    const dl = `/api/v1/earnings-statements/${second.json().id}`;
    const got = await me.get(dl);
    expect(got.statusCode).toBe(200);
    expect(sha(got.rawPayload)).toBe(sha(PDF));
    expect((await auditor.get(dl)).statusCode).toBe(200);
    expect((await other.get(dl)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: dl })).statusCode).toBe(404);
    expect((await other.get(`/api/v1/freelancers/${f.id}/earnings-statements`)).statusCode).toBe(403);
    expect((await auditor.get(`/api/v1/freelancers/${f.id}/earnings-statements`)).json()).toHaveLength(1);
    // Too large: refused from its declared length, nothing kept.
    const big = await me.request('POST', url, form('big.pdf', 'application/pdf', PDF), {
      'content-type': `multipart/form-data; boundary=${B}`,
      'content-length': String(20 * 1024 * 1024),
    });
    expect([413, 400]).toContain(big.statusCode);
  });
});

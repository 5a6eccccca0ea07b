import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';

/** Evidence for a correction request as an uploaded file (decision 0077). */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    rateLimitPerMinute: 100_000,
    uploadDir: mkdtempSync(join(tmpdir(), 'markaz-evidence-')),
  });
}, 120_000);
afterAll(() => t.close());

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(800, 'CNIC-FRONT-PAGE'),
]);
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(600, 'b'), Buffer.from('\n%%EOF\n')]);
const B = '----evidence';
const form = (fileName: string, content: Buffer) =>
  Buffer.concat([
    Buffer.from(
      `--${B}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${B}--\r\n`),
  ]);
const upload = (c: Client, id: string, name: string, body: Buffer) =>
  c.request('POST', `/api/v1/me/corrections/${id}/evidence`, form(name, body), {
    'content-type': `multipart/form-data; boundary=${B}`,
  });
const keyOf = async (id: string) =>
  (
    await t.deps.db
      .selectFrom('correction_requests')
      .select('evidence_file_key')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).evidence_file_key!;

async function askedCorrection() {
  const person = await makeUser(t.deps, 'freelancer');
  const c = await loginClient(t.app, person.email);
  const asked = await c.post('/api/v1/me/corrections', {
    field: 'name',
    value: 'Ayesha Siddiqa',
    reason: 'My name is spelt wrong',
  });
  expect(asked.statusCode, asked.body).toBe(201);
  return { person, c, id: asked.json().id as string };
}

describe('evidence files on correction requests', () => {
  it('the person uploads a PNG, kept encrypted; staff open it only with a purpose, recorded', async () => {
    const { person, c, id } = await askedCorrection();
    const up = await upload(c, id, 'cnic front.png', PNG);
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toEqual({
      fileName: 'cnic front.png',
      contentType: 'image/png',
      sizeBytes: PNG.length,
      sha256: createHash('sha256').update(PNG).digest('hex'),
    });
    expect((await c.get('/api/v1/me/corrections')).json().items[0].evidenceFile).toMatchObject({
      contentType: 'image/png',
    });
    // On disk: encrypted, not the picture.
    const onDisk = readFileSync(join(t.deps.config.uploadDir, await keyOf(id)));
    expect(onDisk.includes(Buffer.from('CNIC-FRONT-PAGE'))).toBe(false);

    const mine = await c.get(`/api/v1/corrections/${id}/evidence`);
    expect(mine.statusCode).toBe(200);
    expect(mine.rawPayload.equals(PNG)).toBe(true);

    const admin = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
    const noPurpose = await admin.get(`/api/v1/corrections/${id}/evidence`);
    expect(noPurpose.statusCode).toBe(400);
    expect(noPurpose.json().fields[0].path).toBe('purpose');
    const staff = await admin.get(`/api/v1/corrections/${id}/evidence?purpose=complaint`);
    expect(staff.statusCode).toBe(200);
    expect(staff.headers['x-content-sha256']).toBe(up.json().sha256);
    const looks = await t.deps.db
      .selectFrom('personal_data_access')
      .select(['fields', 'purpose'])
      .where('subject_user_id', '=', person.id)
      .execute();
    expect(looks).toContainEqual(expect.objectContaining({ purpose: 'complaint' }));
    expect(JSON.stringify(looks)).toContain('correction_evidence');

    // Someone else: as if it did not exist.
    const other = await loginClient(t.app, (await makeUser(t.deps, 'freelancer')).email);
    expect((await other.get(`/api/v1/corrections/${id}/evidence`)).statusCode).toBe(404);
    expect((await upload(other, id, 'x.png', PNG)).statusCode).toBe(404);
  });

  it('refuses what is not a PDF, JPEG or PNG; a new file replaces the old; none after the decision', async () => {
    const { c, id } = await askedCorrection();
    const text = await upload(c, id, 'notes.txt', Buffer.from('just some words, not a document'));
    expect(text.statusCode).toBe(415);
    expect(await keyOf(id).catch(() => null)).toBeNull();
    expect((await upload(c, id, 'a.png', PNG)).statusCode).toBe(201);
    const first = await keyOf(id);
    expect((await upload(c, id, 'b.pdf', PDF)).statusCode).toBe(201);
    const second = await keyOf(id);
    expect(second).not.toBe(first);
    expect(existsSync(join(t.deps.config.uploadDir, first))).toBe(false);
    expect((await c.get(`/api/v1/corrections/${id}/evidence`)).rawPayload.equals(PDF)).toBe(true);

    const admin = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
    const decided = await admin.post(`/api/v1/corrections/${id}/decision`, {
      decision: 'rejected',
      reason: 'the CNIC shows the old spelling',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect((await upload(c, id, 'c.png', PNG)).statusCode).toBe(409);
  });
});

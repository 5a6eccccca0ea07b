import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/tx.ts';
import { canonicalJson } from '../../shared/canonical-json.ts';
import { leafHash } from '../../shared/merkle.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { chainAll } from '../audit/index.ts';
import { issueCertificate } from './certificates.service.ts';

// scripts/verify-certificate.mjs, run as a person outside would: files saved from the public API,
// no server, no database; a real issued certificate, a tampered one, a revoked one, a stranger's key.
let t: TestApp;
let freelancerId: string;
let freelancerEmail: string;
let adminEmail: string;
const dir = mkdtempSync(join(tmpdir(), 'verify-cert-'));

const run = async (...args: string[]) => {
  try {
    const { stdout } = await promisify(execFile)('node', ['scripts/verify-certificate.mjs', ...args]);
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, out: err.stdout };
  }
};
const save = (name: string, value: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
};
const get = async (url: string) => (await t.app.inject({ url })).json();

beforeAll(async () => {
  t = await createTestApp({ dataDir: mkdtempSync(join(tmpdir(), 'markaz-vc-')), port: 8080 });
  const f = await makeUser(t.deps, 'freelancer');
  freelancerId = f.id;
  freelancerEmail = f.email;
  adminEmail = (await makeUser(t.deps, 'program_admin')).email;
}, 60_000);
afterAll(() => t.close());

describe('scripts/verify-certificate.mjs', () => {
  it('VALID for an issued certificate; a tampered one, a revoked one and an unpublished key are NOT VALID', async () => {
    const cert = await inTransaction(t.deps.db, (trx) =>
      issueCertificate(t.deps, trx, {
        enrolmentId: 'enr-script',
        userId: freelancerId,
        displayName: 'Sana Iqbal',
        courseId: 'course-web',
        courseTitleEn: 'Web development basics',
        courseTitleUr: 'ویب ڈویلپمنٹ کی بنیادی باتیں',
        hours: 60,
        skills: ['HTML'],
        centreId: 'centre-1',
        centreName: 'Gulberg e-Rozgar Centre',
        cohortStart: '2026-09-01',
        cohortEnd: '2026-10-24',
        completedOn: '2026-10-24',
        score: 82,
      }),
    );
    const vc = await get(`/api/v1/public/credentials/${cert.code}/credential.json`);
    const credential = save('credential.json', vc);
    const status = save('status.json', await get('/api/v1/public/credential-status/1'));
    const keys = save('keys.json', await get('/api/v1/keys'));

    const ok = await run(credential, '--status', status, '--keys', keys);
    expect(ok.out).toContain('signature: valid');
    expect(ok.out).toContain('not revoked');
    expect(ok.out).toContain('VALID: signed by Markaz and not revoked');
    expect(ok.code).toBe(0);
    expect((await run(credential, '--status', status, '--did', vc.issuer.id)).code).toBe(0);

    const missing = await run(join(dir, 'no-such-file.json'), '--status', status, '--keys', keys);
    expect(missing.code).toBe(2);

    const forged = structuredClone(vc);
    forged.credentialSubject.identifier[0].identityHash = 'Someone Else';
    const bad = await run(save('forged.json', forged), '--status', status, '--keys', keys);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/PROBLEM: certificate: the signature does not verify/);
    expect(bad.out).toContain('NOT VALID');

    const stranger = await run(
      credential,
      '--status',
      status,
      '--did',
      'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
    );
    expect(stranger.code).toBe(1);
    expect(stranger.out).toMatch(/is not a trusted Markaz credentials key/);

    const staff = await loginClient(t.app, adminEmail);
    const revoked = await staff.post(`/api/v1/certificates/${cert.code}/revoke`, {
      reason: 'Completion found to be false',
    });
    expect(revoked.statusCode).toBe(200);
    const later = save('status-later.json', await get('/api/v1/public/credential-status/1'));
    const after = await run(credential, '--status', later, '--keys', keys);
    expect(after.code).toBe(1);
    expect(after.out).toContain('REVOKED');
    // The snapshot saved before the revocation still says what it said then.
    expect((await run(credential, '--status', status, '--keys', keys)).code).toBe(0);

    // The holder's receipts for their certificate: issued and revoked, each with the whole entry
    // whose canonical JSON hashes to the receipt; nobody else's to read.
    await chainAll(t.deps);
    const url = `/api/v1/audit/receipts?entity=certificate&entityId=${cert.id}`;
    const mine = await (await loginClient(t.app, freelancerEmail)).get(url);
    expect(mine.statusCode).toBe(200);
    const receipts = mine.json() as { leafHash: string; action: string; entry: Record<string, unknown> }[];
    expect(receipts.length).toBeGreaterThanOrEqual(2);
    for (const r of receipts) {
      expect(r.entry).toMatchObject({ entity: 'certificate', entityId: cert.id });
      expect(leafHash(canonicalJson(r.entry)).toString('hex')).toBe(r.leafHash);
    }
    const other = await makeUser(t.deps, 'freelancer');
    expect((await (await loginClient(t.app, other.email)).get(url)).statusCode).toBe(403);
  });
});

import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/tx.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { issueCertificate } from './certificates.service.ts';
import type { EnrolmentCompletion } from './credentials.schema.ts';
import { signDocument, verifyDocument } from './data-integrity.ts';
import { verifyIndependently } from './independent-verifier.testkit.ts';
import { ed25519Multibase } from './multibase.ts';
import { openBadgeSchemaProblems } from './ob-schema.ts';
import { isBitSet } from './status-list.ts';

let t: TestApp;
let freelancer: { id: string; email: string };
let adminEmail: string;
const dataDir = mkdtempSync(join(tmpdir(), 'markaz-credentials-'));
const STATUS_URL = 'http://localhost:8080/api/v1/public/credential-status/1';

const completion = (over: Partial<EnrolmentCompletion> = {}): EnrolmentCompletion => ({
  enrolmentId: `enr-${Math.random().toString(36).slice(2)}`,
  userId: freelancer.id,
  displayName: 'Ali Raza',
  courseId: 'course-web',
  courseTitleEn: 'Web development basics',
  courseTitleUr: 'ویب ڈویلپمنٹ کی بنیادی باتیں',
  hours: 60,
  skills: ['HTML', 'CSS'],
  centreId: 'centre-1',
  centreName: 'Gulberg e-Rozgar Centre',
  cohortStart: '2026-09-01',
  cohortEnd: '2026-10-24',
  completedOn: '2026-10-24',
  score: 82,
  ...over,
});

const issue = (c: EnrolmentCompletion) => inTransaction(t.deps.db, (trx) => issueCertificate(t.deps, trx, c));

beforeAll(async () => {
  t = await createTestApp({ dataDir, port: 8080 });
  freelancer = await makeUser(t.deps, 'freelancer');
  adminEmail = (await makeUser(t.deps, 'program_admin')).email;
}, 60_000);
afterAll(() => t.close());

describe('issuing a certificate', () => {
  it('issues a signed Open Badges 3.0 credential that the OB schema and an independent verifier accept', async () => {
    const cert = await issue(completion());
    expect(cert.code).toMatch(/^MKZ-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const res = await t.app.inject({ url: `/api/v1/public/credentials/${cert.code}/credential.json` });
    expect(res.statusCode).toBe(200);
    const vc = res.json();
    expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(vc.credentialSubject.achievement.name).toBe('Web development basics');
    expect(openBadgeSchemaProblems(vc)).toEqual([]);
    const statusList = (await t.app.inject({ url: STATUS_URL.replace('http://localhost:8080', '') })).json();
    const result = await verifyIndependently(vc, new Map([[STATUS_URL, statusList]]));
    expect(result.verified, JSON.stringify(result.error ?? null)).toBe(true);
    expect(result.statusResult).toMatchObject({
      verified: true,
      results: [{ verified: true, status: false }],
    });
    // The issuer key is the platform's named key `credentials`, in the keys folder, owner-only.
    expect(statSync(join(t.deps.config.keysDir, 'credentials.ed25519.pem')).mode & 0o777).toBe(0o600);
    const issuer = (await t.app.inject({ url: '/api/v1/public/credentials/issuer' })).json();
    expect(vc.issuer.id).toBe(issuer.id);
    expect(vc.proof[0].verificationMethod).toBe(issuer.verificationMethod[0].id);
  });

  it('a tampered credential fails both verifiers and the schema still names the change', async () => {
    const cert = await issue(completion());
    const vc = (
      await t.app.inject({ url: `/api/v1/public/credentials/${cert.code}/credential.json` })
    ).json();
    const forged = structuredClone(vc);
    forged.credentialSubject.achievement.name = 'Advanced machine learning';
    expect(await verifyDocument(forged)).toBe(false);
    const statusList = (await t.app.inject({ url: '/api/v1/public/credential-status/1' })).json();
    expect((await verifyIndependently(forged, new Map([[STATUS_URL, statusList]]))).verified).toBe(false);
    expect(await verifyDocument(vc)).toBe(true);
  });

  it("a copy re-signed with someone else's key fails: the proof's key must be the issuer's", async () => {
    const cert = await issue(completion());
    const vc = (
      await t.app.inject({ url: `/api/v1/public/credentials/${cert.code}/credential.json` })
    ).json();
    const { proof: _, ...unsecured } = vc;
    unsecured.credentialSubject.achievement.name = 'Advanced machine learning';
    const pair = generateKeyPairSync('ed25519');
    const mb = ed25519Multibase(Buffer.from(pair.publicKey.export({ format: 'jwk' }).x!, 'base64url'));
    const forger = {
      did: `did:key:${mb}`,
      keyId: `did:key:${mb}#${mb}`,
      publicKeyMultibase: mb,
      sign: async (b: Uint8Array) => new Uint8Array(sign(null, b, pair.privateKey)),
    };
    const resigned = await signDocument(unsecured, forger, new Date());
    expect(resigned.issuer.id).toBe(vc.issuer.id);
    expect(await verifyDocument(resigned)).toBe(false);
    // Signed by the forger as themself, it verifies only as theirs, never as the programme's.
    const asThemself = await signDocument(
      { ...unsecured, issuer: { ...vc.issuer, id: forger.did } },
      forger,
      new Date(),
    );
    expect(await verifyDocument(asThemself)).toBe(true);
    expect(await verifyDocument(asThemself, vc.issuer.id)).toBe(false);
  });

  it('is idempotent by enrolment: a redelivered completion issues nothing new', async () => {
    const c = completion();
    const first = await issue(c);
    const again = await issue({ ...c, displayName: 'Someone else' });
    expect(again.code).toBe(first.code);
    expect(again.earnerName).toBe('Ali Raza');
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const c = completion({ cohortEnd: '2026-08-01' });
    await expect(issue(c)).rejects.toMatchObject({
      code: 'validation_failed',
      details: { fields: [expect.objectContaining({ path: 'cohortEnd' })] },
    });
    await expect(issue({ ...completion(), hours: -1 })).rejects.toMatchObject({
      details: { fields: [expect.objectContaining({ path: 'hours' })] },
    });
    const rows = await t.deps.db
      .selectFrom('certificates')
      .select('id')
      .where('enrolment_id', '=', c.enrolmentId)
      .execute();
    expect(rows).toEqual([]);
  });
});

describe('verifying and revoking', () => {
  it('shows who earned what and when; staff revoke with a reason, and the signed status list says so', async () => {
    const cert = await issue(completion({ displayName: 'Mehwish Khan' }));
    const before = (await t.app.inject({ url: `/api/v1/public/credentials/${cert.code}` })).json();
    expect(before).toMatchObject({
      status: 'valid',
      earnerName: 'Mehwish Khan',
      courseTitleUr: 'ویب ڈویلپمنٹ کی بنیادی باتیں',
      completedOn: '2026-10-24',
      signatureValid: true,
    });

    const admin = await loginClient(t.app, adminEmail);
    const noReason = await admin.post(`/api/v1/certificates/${cert.code}/revoke`, { reason: 'no' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fields[0].path).toBe('reason');
    const stranger = await loginClient(t.app, freelancer.email);
    expect(
      (await stranger.post(`/api/v1/certificates/${cert.code}/revoke`, { reason: 'I do not like it' }))
        .statusCode,
    ).toBe(403);

    const revoked = await admin.post(`/api/v1/certificates/${cert.code}/revoke`, {
      reason: 'Attendance was falsified',
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'revoked', revokeReason: 'Attendance was falsified' });
    expect(
      (await admin.post(`/api/v1/certificates/${cert.code}/revoke`, { reason: 'Again, twice' })).statusCode,
    ).toBe(409);

    const after = (await t.app.inject({ url: `/api/v1/public/credentials/${cert.code}` })).json();
    expect(after.status).toBe('revoked');
    expect(after.revokedAt).not.toBeNull();

    const statusList = (await t.app.inject({ url: '/api/v1/public/credential-status/1' })).json();
    expect(await verifyDocument(statusList)).toBe(true);
    const vc = (
      await t.app.inject({ url: `/api/v1/public/credentials/${cert.code}/credential.json` })
    ).json();
    expect(
      isBitSet(statusList.credentialSubject.encodedList, Number(vc.credentialStatus.statusListIndex)),
    ).toBe(true);
    // The independent verifier reads the same list and refuses the revoked credential.
    // (Its `status: true` is the revocation bit, read from the signed list it also verified.)
    const result = await verifyIndependently(vc, new Map([[STATUS_URL, statusList]]));
    expect(result.statusResult).toMatchObject({
      verified: true,
      results: [{ verified: true, status: true }],
    });

    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'credentials.certificate_revoked')
      .where('entity_id', '=', cert.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ reason: 'Attendance was falsified' });
  });

  it('answers a malformed code with problem+json naming it, and an unknown code with 404', async () => {
    const bad = await t.app.inject({ url: '/api/v1/public/credentials/not-a-code' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(bad.json().fields[0].path).toBe('params.code');
    expect((await t.app.inject({ url: '/api/v1/public/credentials/MKZ-0000-0000' })).statusCode).toBe(404);
  });

  it('lists a freelancer’s own certificates and serves the PDF', async () => {
    const cert = await issue(completion());
    const me = await loginClient(t.app, freelancer.email);
    const mine = (await me.get('/api/v1/me/certificates')).json() as { code: string }[];
    expect(mine.map((c) => c.code)).toContain(cert.code);
    expect((await me.get('/api/v1/certificates')).statusCode).toBe(403);
    const pdf = await t.app.inject({ url: `/api/v1/public/credentials/${cert.code}/certificate.pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

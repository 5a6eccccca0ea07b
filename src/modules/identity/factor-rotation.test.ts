import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetPii, rotateDataKeys, rotatePiiKey, sweepPersonalData } from '../../platform/keys/index.ts';
import { createTestApp, makeUser, TEST_PASSWORD, type TestApp } from '../../testing/test-app.ts';
import { codeAt, factorResealJob, STEP_SECONDS, sealLegacySecret } from './factor-secret.ts';

/**
 * Authenticators' secrets are sealed as personal data (decision 0077): when the keys rotate they are
 * re-sealed or re-wrapped like every other personal column, and enrolled apps keep working; secrets
 * sealed the old way (under the `tokens` secret) are moved onto the data keys by a background job.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ keysDir: mkdtempSync(join(tmpdir(), 'markaz-factor-rotate-')) });
}, 120_000);
afterAll(() => t.close());

const nextStep = () => t.clock.advance(STEP_SECONDS * 1000);

async function password(email: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { login: email, password: TEST_PASSWORD },
  });
  const cookie = res.cookies.find((c) => c.name === 'markaz_session')!.value;
  const csrf = res.json().csrfToken as string;
  const call = (url: string, body?: object) =>
    t.app.inject({
      method: 'POST',
      url,
      cookies: { markaz_session: cookie },
      headers: { 'x-csrf-token': csrf },
      ...(body ? { payload: body } : {}),
    });
  return { stage: res.json().secondFactor as string | undefined, call };
}

async function enrolled() {
  const u = await makeUser(t.deps, 'auditor');
  const s = await password(u.email);
  const { secret } = (await s.call('/api/v1/auth/factor/enrolment')).json();
  const done = await s.call('/api/v1/auth/factor/enrolment/confirm', { code: codeAt(secret, t.clock.now()) });
  expect(done.statusCode, done.body).toBe(200);
  nextStep();
  return { id: u.id, email: u.email, secret };
}

/** A full sign-in with a code from the app: the status of the code step. */
async function signsIn(who: { email: string; secret: string }): Promise<number> {
  const s = await password(who.email);
  expect(s.stage).toBe('code');
  const r = await s.call('/api/v1/auth/factor/verify', { code: codeAt(who.secret, t.clock.now()) });
  nextStep();
  return r.statusCode;
}

const sealed = async (userId: string) =>
  (
    await t.deps.db
      .selectFrom('user_factors')
      .select('secret_sealed')
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow()
  ).secret_sealed;

describe('authenticator secrets through key rotation', () => {
  it('rotate-data re-seals them in the background; the old data key is drained and no longer needed', async () => {
    const who = await enrolled();
    const before = await sealed(who.id);
    expect(before).toMatch(/^pii1\.identity-\d+\./);
    expect(before).not.toContain(who.secret);
    const [rotated] = await rotateDataKeys(t.deps, ['identity']);
    // What the job personal-data-rekey does, once another process can no longer seal with the old key.
    t.clock.advance(2 * 60_000);
    const swept = await sweepPersonalData(t.deps);
    expect(swept.rewritten.user_factors).toBeGreaterThanOrEqual(1);
    expect(swept.drained).toContain(rotated!.previousKeyId);
    expect(await sealed(who.id)).toMatch(new RegExp(`^pii1\\.${rotated!.keyId}\\.`));
    // The old data key's material is gone from the ring: the app's codes still open.
    await t.deps.db.deleteFrom('pii_keys').where('id', '=', rotated!.previousKeyId).execute();
    forgetPii(t.deps.db);
    expect(await signsIn(who)).toBe(200);
  });

  it('rotate-pii re-wraps the data keys; enrolled apps keep working', async () => {
    const who = await enrolled();
    const before = await sealed(who.id);
    await rotatePiiKey(t.deps);
    expect(await sealed(who.id)).toBe(before);
    expect(await signsIn(who)).toBe(200);
  });

  it('secrets sealed under the tokens secret before 0077 still work and are moved onto the data keys', async () => {
    const plain = await enrolled();
    const wrapped = await enrolled();
    for (const w of [plain, wrapped])
      await t.deps.db
        .updateTable('user_factors')
        .set({ secret_sealed: await sealLegacySecret(t.deps, w.secret) })
        .where('user_id', '=', w.id)
        .execute();
    expect(await signsIn(plain)).toBe(200);
    // A sweep that ran before the job seals the old text as it finds it: still opens.
    await rotateDataKeys(t.deps, ['identity']);
    await sweepPersonalData(t.deps);
    expect(await sealed(wrapped.id)).toMatch(/^pii1\./);
    expect(await signsIn(wrapped)).toBe(200);
    await t.deps.db
      .updateTable('user_factors')
      .set({ secret_sealed: await sealLegacySecret(t.deps, plain.secret) })
      .where('user_id', '=', plain.id)
      .execute();

    expect(await factorResealJob.run(t.deps)).toEqual({ moved: 2 });
    expect(await factorResealJob.run(t.deps)).toEqual({ moved: 0 });
    expect(await factorResealJob.run(t.deps)).toBeNull();
    for (const w of [plain, wrapped]) {
      expect(await sealed(w.id)).toMatch(/^pii1\./);
      expect(await signsIn(w)).toBe(200);
    }
  });
});

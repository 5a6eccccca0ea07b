import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../platform/actor.ts';
import { createTestApp, loginClient, makeUser, TEST_PASSWORD, type TestApp } from '../../testing/test-app.ts';
import { codeAt, STEP_SECONDS } from './factor-secret.ts';

/**
 * The second factor through HTTP, as a browser would drive it: the password opens a session that
 * reaches only the code step (or enrolment), a code from the app completes it.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const IP = '198.51.100.10';
type Step = {
  res: LightMyRequestResponse;
  cookie: string;
  csrf: string;
  call(method: 'GET' | 'POST', url: string, body?: object, ip?: string): Promise<LightMyRequestResponse>;
};

async function password(email: string, ip = IP): Promise<Step> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { login: email, password: TEST_PASSWORD },
    remoteAddress: ip,
  });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'markaz_session')!.value;
  const csrf = res.json().csrfToken as string;
  const call = (method: 'GET' | 'POST', url: string, body?: object, from = ip) =>
    t.app.inject({
      method,
      url,
      cookies: { markaz_session: cookie },
      headers: { 'x-csrf-token': csrf },
      remoteAddress: from,
      ...(body ? { payload: body } : {}),
    });
  return { res, cookie, csrf, call };
}

const nextStep = () => t.clock.advance(STEP_SECONDS * 1000);

/** Enrols a fresh privileged account through the pages' calls; returns its secret and codes. */
async function enrol(email: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const s = await password(email);
  expect(s.res.json().secondFactor).toBe('enrol');
  const started = await s.call('POST', '/api/v1/auth/factor/enrolment');
  expect(started.statusCode, started.body).toBe(200);
  const { secret, otpauthUri } = started.json();
  expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Markaz:.+secret=/);
  const done = await s.call('POST', '/api/v1/auth/factor/enrolment/confirm', {
    code: codeAt(secret, t.clock.now()),
  });
  expect(done.statusCode, done.body).toBe(200);
  nextStep();
  return { secret, recoveryCodes: done.json().recoveryCodes };
}

/** A fresh account of a privileged role; a bank officer gets a bank of their own first. */
async function privileged(role: Role) {
  if (role !== 'bank_officer') return makeUser(t.deps, role);
  const admin = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
  const bank = await admin.post('/api/v1/organizations', {
    kind: 'bank',
    code: `B${(Date.now() + Math.floor(Math.random() * 1e5)) % 1e6}`,
    name: 'A bank',
  });
  expect(bank.statusCode, bank.body).toBe(201);
  return makeUser(t.deps, role, { organizationId: bank.json().id });
}
const PRIVILEGED: Role[] = ['program_admin', 'evaluator', 'auditor', 'bank_officer'];

describe('second factor at sign-in', () => {
  it.each(['program_admin', 'evaluator', 'auditor', 'bank_officer'] as Role[])(
    '%s: the password alone reaches nothing; enrolment, then a code each time, opens the session',
    async (role) => {
      const org =
        role === 'bank_officer'
          ? await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email)
          : null;
      const organizationId = org
        ? (
            await org.post('/api/v1/organizations', {
              kind: 'bank',
              code: `B${Date.now() % 1e6}`,
              name: 'A bank',
            })
          ).json().id
        : undefined;
      const user = await makeUser(t.deps, role, organizationId ? { organizationId } : {});

      const first = await password(user.email);
      expect(first.res.json().secondFactor).toBe('enrol');
      expect((await first.call('GET', '/api/v1/me')).statusCode).toBe(401);
      expect((await first.call('GET', '/api/v1/auth/factor')).json()).toMatchObject({ stage: 'enrol' });
      // Before enrolling, the code step is closed to it.
      expect((await first.call('POST', '/api/v1/auth/factor/verify', { code: '123456' })).statusCode).toBe(
        409,
      );

      const { secret, recoveryCodes } = await enrol(user.email);
      expect(recoveryCodes).toHaveLength(10);
      expect(new Set(recoveryCodes).size).toBe(10);

      const second = await password(user.email);
      expect(second.res.json().secondFactor).toBe('code');
      expect((await second.call('GET', '/api/v1/me')).statusCode).toBe(401);
      const ok = await second.call('POST', '/api/v1/auth/factor/verify', {
        code: codeAt(secret, t.clock.now()),
      });
      expect(ok.statusCode, ok.body).toBe(200);
      const full = ok.cookies.find((c) => c.name === 'markaz_session')!.value;
      expect(full).not.toBe(second.cookie);
      const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { markaz_session: full } });
      expect(me.statusCode).toBe(200);
      expect(me.json().user.role).toBe(role);
      // The password-only session is gone once used.
      expect((await second.call('GET', '/api/v1/auth/factor')).statusCode).toBe(401);
      nextStep();
    },
  );

  it('keeps the authenticator secret sealed and the recovery codes hashed, never in clear', async () => {
    const u = await makeUser(t.deps, 'auditor');
    const { secret, recoveryCodes } = await enrol(u.email);
    const stored = JSON.stringify([
      await t.deps.db.selectFrom('user_factors').selectAll().where('user_id', '=', u.id).execute(),
      await t.deps.db.selectFrom('recovery_codes').selectAll().where('user_id', '=', u.id).execute(),
    ]);
    expect(stored).not.toContain(secret);
    for (const c of recoveryCodes) {
      expect(stored).not.toContain(c);
      expect(stored).not.toContain(c.replace('-', ''));
    }
  });

  it('freelancers and owners sign in with the password alone', async () => {
    const f = await makeUser(t.deps, 'freelancer');
    const s = await password(f.email);
    expect(s.res.json().secondFactor).toBeUndefined();
    expect((await s.call('GET', '/api/v1/me')).statusCode).toBe(200);
  });

  it('refuses a code used once already (same time step), and an old one', async () => {
    const u = await makeUser(t.deps, 'auditor');
    const { secret } = await enrol(u.email);
    const code = codeAt(secret, t.clock.now());
    const a = await password(u.email);
    expect((await a.call('POST', '/api/v1/auth/factor/verify', { code })).statusCode).toBe(200);
    const b = await password(u.email);
    const replay = await b.call('POST', '/api/v1/auth/factor/verify', { code });
    expect(replay.statusCode).toBe(400);
    expect(replay.headers['content-type']).toMatch(/problem\+json/);
    expect(replay.json()).toMatchObject({ code: 'invalid_code', fields: [{ path: 'code' }] });
    // A code from two steps ago is outside the window.
    const old = codeAt(secret, new Date(t.clock.now().getTime() - 2 * STEP_SECONDS * 1000));
    expect((await b.call('POST', '/api/v1/auth/factor/verify', { code: old })).statusCode).toBe(400);
    nextStep();
    expect(
      (await b.call('POST', '/api/v1/auth/factor/verify', { code: codeAt(secret, t.clock.now()) }))
        .statusCode,
    ).toBe(200);
  });

  it.each(PRIVILEGED)(
    '%s: locks wrong codes per (account, address) with a growing delay; the owner elsewhere still gets in',
    async (role) => {
      const u = await privileged(role);
      const { secret } = await enrol(u.email);
      const stranger = await password(u.email, '203.0.113.66');
      const wrong = () =>
        stranger.call('POST', '/api/v1/auth/factor/verify', {
          code: codeAt(secret, t.clock.now()) === '000000' ? '111111' : '000000',
        });
      const max = t.deps.config.loginMaxFailures;
      for (let i = 1; i < max; i++) expect((await wrong()).statusCode).toBe(400);
      const locked = await wrong();
      expect(locked.statusCode).toBe(423);
      const firstWait = locked.json().retryAfterSeconds as number;
      // Locked, even the right code is not looked at from there.
      expect(
        (await stranger.call('POST', '/api/v1/auth/factor/verify', { code: codeAt(secret, t.clock.now()) }))
          .statusCode,
      ).toBe(423);

      // The owner, from their own address, is not locked out.
      const owner = await password(u.email);
      expect(
        (await owner.call('POST', '/api/v1/auth/factor/verify', { code: codeAt(secret, t.clock.now()) }))
          .statusCode,
      ).toBe(200);

      // After the lock, the next run of wrong codes locks for longer.
      t.clock.advance(firstWait * 1000 + 1000);
      const again = await password(u.email, '203.0.113.66');
      let last: LightMyRequestResponse | undefined;
      for (let i = 0; i < max; i++)
        last = await again.call('POST', '/api/v1/auth/factor/verify', { code: '000000' });
      expect(last!.statusCode).toBe(423);
      expect(last!.json().retryAfterSeconds).toBeGreaterThan(firstWait);
    },
  );

  it.each(PRIVILEGED)(
    '%s: takes each recovery code once, tells the owner, and regenerating ends the old ones',
    async (role) => {
      const u = await privileged(role);
      const { secret, recoveryCodes } = await enrol(u.email);
      const a = await password(u.email);
      const used = await a.call('POST', '/api/v1/auth/factor/verify', {
        recoveryCode: recoveryCodes[0]!.toUpperCase(),
      });
      expect(used.statusCode, used.body).toBe(200);
      const b = await password(u.email);
      expect(
        (await b.call('POST', '/api/v1/auth/factor/verify', { recoveryCode: recoveryCodes[0]! })).statusCode,
      ).toBe(400);
      const told = await t.messages(u.email);
      expect(
        told.some((m) => /recovery code was used/.test(m.text) && /Recovery codes left: 9/.test(m.text)),
      ).toBe(true);

      const ok = await b.call('POST', '/api/v1/auth/factor/verify', { recoveryCode: recoveryCodes[1]! });
      const full = ok.cookies.find((c) => c.name === 'markaz_session')!.value;
      const csrf = ok.json().csrfToken as string;
      const asMe = (method: 'GET' | 'POST', url: string, payload?: object) =>
        t.app.inject({
          method,
          url,
          cookies: { markaz_session: full },
          headers: { 'x-csrf-token': csrf },
          remoteAddress: IP,
          ...(payload ? { payload } : {}),
        });
      expect((await asMe('GET', '/api/v1/me/factor')).json()).toMatchObject({
        required: true,
        enrolled: true,
        recoveryCodesLeft: 8,
      });
      expect((await asMe('POST', '/api/v1/me/factor/recovery-codes', { code: '12' })).json()).toMatchObject({
        code: 'validation_failed',
        fields: [{ path: 'code' }],
      });
      const fresh = await asMe('POST', '/api/v1/me/factor/recovery-codes', {
        code: codeAt(secret, t.clock.now()),
      });
      expect(fresh.statusCode, fresh.body).toBe(200);
      const codes = fresh.json().recoveryCodes as string[];
      expect(codes).toHaveLength(10);
      const c = await password(u.email);
      expect(
        (await c.call('POST', '/api/v1/auth/factor/verify', { recoveryCode: recoveryCodes[2]! })).statusCode,
      ).toBe(400);
      expect(
        (await c.call('POST', '/api/v1/auth/factor/verify', { recoveryCode: codes[0]! })).statusCode,
      ).toBe(200);
    },
  );

  it('refuses a code step without its CSRF token, and bad input names the field', async () => {
    const u = await makeUser(t.deps, 'auditor');
    await enrol(u.email);
    const s = await password(u.email);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/factor/verify',
      cookies: { markaz_session: s.cookie },
      payload: { code: '123456' },
    });
    expect(noCsrf.statusCode).toBe(403);
    const both = await s.call('POST', '/api/v1/auth/factor/verify', {
      code: '123456',
      recoveryCode: 'abcde-fghjk',
    });
    expect(both.statusCode).toBe(400);
    expect(both.json().fields[0].path).toBe('code');
    const none = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/factor/verify',
      payload: { code: '123456' },
    });
    expect(none.statusCode).toBe(401);
  });
});

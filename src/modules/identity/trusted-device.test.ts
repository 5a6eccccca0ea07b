import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../platform/actor.ts';
import { createTestApp, loginClient, makeUser, TEST_PASSWORD, type TestApp } from '../../testing/test-app.ts';
import { codeAt, STEP_SECONDS } from './factor-secret.ts';
import { canTrustDevices } from './trusted-device.service.ts';

/**
 * Remembered devices for the second factor (decision 0077): a browser trusted at the code step
 * skips the code until it expires, for the roles allowed to (evaluators and auditors by default).
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());

const IP = '198.51.100.20';
const CHROME = 'Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/131.0 Safari/537.36';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const nextStep = () => t.clock.advance(STEP_SECONDS * 1000);

type Browser = { device?: string | undefined; agent?: string };

async function password(email: string, browser: Browser = {}, pw = TEST_PASSWORD) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { login: email, password: pw },
    remoteAddress: IP,
    headers: { 'user-agent': browser.agent ?? CHROME },
    cookies: browser.device ? { markaz_device: browser.device } : {},
  });
  const cookie = res.cookies.find((c) => c.name === 'markaz_session')?.value ?? '';
  const csrf = res.json().csrfToken as string;
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, body?: object) =>
    t.app.inject({
      method,
      url,
      cookies: { markaz_session: cookie },
      headers: { 'x-csrf-token': csrf, 'user-agent': browser.agent ?? CHROME },
      remoteAddress: IP,
      ...(body ? { payload: body } : {}),
    });
  return { res, stage: res.json().secondFactor as string | undefined, call };
}

/** An enrolled account of a role; returns its email and authenticator secret. */
async function enrolled(role: Role): Promise<{ id: string; email: string; secret: string }> {
  const u = await makeUser(t.deps, role);
  const s = await password(u.email);
  const { secret } = (await s.call('POST', '/api/v1/auth/factor/enrolment')).json();
  const done = await s.call('POST', '/api/v1/auth/factor/enrolment/confirm', {
    code: codeAt(secret, t.clock.now()),
  });
  expect(done.statusCode, done.body).toBe(200);
  nextStep();
  return { id: u.id, email: u.email, secret };
}

/** Password, then a code asking to trust this browser; returns the device cookie (if any) and the answer. */
async function trust(who: { email: string; secret: string }, agent = CHROME) {
  const s = await password(who.email, { agent });
  expect(s.stage).toBe('code');
  const ok = await s.call('POST', '/api/v1/auth/factor/verify', {
    code: codeAt(who.secret, t.clock.now()),
    rememberDevice: true,
  });
  expect(ok.statusCode, ok.body).toBe(200);
  nextStep();
  const device = ok.cookies.find((c) => c.name === 'markaz_device');
  return { ok, device, session: ok.cookies.find((c) => c.name === 'markaz_session')!.value };
}

const me = (session: string) =>
  t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { markaz_session: session } });
const deviceRows = (userId: string) =>
  t.deps.db.selectFrom('trusted_devices').selectAll().where('user_id', '=', userId).execute();

describe('trusted devices', () => {
  it('a trusted browser skips the code until it expires; only a keyed hash of its token is kept', async () => {
    const ev = await enrolled('evaluator');
    const step = await password(ev.email);
    expect((await step.call('GET', '/api/v1/auth/factor')).json()).toMatchObject({ rememberDeviceDays: 30 });
    const { device } = await trust(ev);
    expect(device).toMatchObject({ httpOnly: true, path: '/api/v1/auth', sameSite: 'Strict' });
    const rows = await deviceRows(ev.id);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(device!.value);

    const skipped = await password(ev.email, { device: device!.value });
    expect(skipped.res.statusCode).toBe(200);
    expect(skipped.stage).toBeUndefined();
    const session = skipped.res.cookies.find((c) => c.name === 'markaz_session')!.value;
    expect((await me(session)).statusCode).toBe(200);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('entity_id', '=', ev.id)
      .where('action', '=', 'session.created')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.details)).toContain(rows[0]!.id);

    // Another browser (no cookie) still asks; the password is still needed with the cookie.
    expect((await password(ev.email)).stage).toBe('code');
    expect((await password(ev.email, { device: device!.value }, 'wrong-password-here')).res.statusCode).toBe(
      401,
    );

    t.clock.advance(30 * 86400_000 + 1000);
    expect((await password(ev.email, { device: device!.value })).stage).toBe('code');
  });

  it('the sign-in cookie (decision 0081) is set when the code completes the sign-in, not at the password', async () => {
    const ev = await enrolled('evaluator');
    const s = await password(ev.email);
    expect(s.stage).toBe('code');
    expect(s.res.cookies.find((c) => c.name === 'markaz_browser')).toBeUndefined();
    const ok = await s.call('POST', '/api/v1/auth/factor/verify', { code: codeAt(ev.secret, t.clock.now()) });
    expect(ok.statusCode, ok.body).toBe(200);
    nextStep();
    expect(ok.cookies.find((c) => c.name === 'markaz_browser')?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const kept = await t.deps.db
      .selectFrom('sign_in_browsers')
      .select('user_id')
      .where('user_id', '=', ev.id)
      .execute();
    // Enrolment completed one sign-in, this code step another: a new browser cookie each time
    // (neither request carried one), each recorded.
    expect(kept).toHaveLength(2);
  });

  it('a token is bound to its account: another account with the same cookie is asked for its code', async () => {
    const a = await enrolled('auditor');
    const b = await enrolled('auditor');
    const { device } = await trust(a);
    expect((await password(b.email, { device: device!.value })).stage).toBe('code');
    expect((await password(a.email, { device: device!.value })).stage).toBeUndefined();
  });

  it('is never offered to programme admins or bank officers; a request to trust is ignored', async () => {
    const who = await enrolled('program_admin');
    const step = await password(who.email);
    expect((await step.call('GET', '/api/v1/auth/factor')).json()).toMatchObject({
      rememberDeviceDays: null,
    });
    const { device } = await trust(who);
    expect(device).toBeUndefined();
    expect(await deviceRows(who.id)).toHaveLength(0);
    // The default setting (MARKAZ_TRUSTED_DEVICE_ROLES) per role; password-only roles have no code to skip.
    const allowed = (['program_admin', 'bank_officer', 'evaluator', 'auditor', 'freelancer'] as const).filter(
      (r) => canTrustDevices(t.deps.config, r),
    );
    expect(allowed).toEqual(['evaluator', 'auditor']);
  });

  it('the person lists their devices and forgets one or all', async () => {
    const ev = await enrolled('evaluator');
    const chrome = (await trust(ev, CHROME)).device!.value;
    const { device: fx, session } = await trust(ev, FIREFOX);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/trusted-devices',
      cookies: { markaz_session: session },
    });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().offeredDays).toBe(30);
    const devices = list.json().devices as { id: string; device: string }[];
    expect(devices.map((d) => d.device).sort()).toEqual([
      expect.stringMatching(/Chrome/),
      expect.stringMatching(/Firefox/),
    ]);

    const client = await loginClient(t.app, ev.email);
    const firefoxId = devices.find((d) => /Firefox/.test(d.device))!.id;
    expect((await client.request('DELETE', `/api/v1/me/trusted-devices/${firefoxId}`)).statusCode).toBe(204);
    expect((await password(ev.email, { device: fx!.value, agent: FIREFOX })).stage).toBe('code');
    expect((await password(ev.email, { device: chrome })).stage).toBeUndefined();
    // Someone else's device id is not theirs to forget.
    const other = await enrolled('evaluator');
    await trust(other);
    const otherId = (await deviceRows(other.id))[0]!.id;
    expect((await client.request('DELETE', `/api/v1/me/trusted-devices/${otherId}`)).statusCode).toBe(404);
    expect(await deviceRows(other.id)).toHaveLength(1);

    expect((await client.request('DELETE', '/api/v1/me/trusted-devices')).statusCode).toBe(204);
    expect((await password(ev.email, { device: chrome })).stage).toBe('code');
    expect(await deviceRows(ev.id)).toHaveLength(0);
  });

  it('a password change ends them', async () => {
    const ev = await enrolled('evaluator');
    const { device } = await trust(ev);
    const client = await loginClient(t.app, ev.email);
    const changed = await client.post('/api/v1/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'another-long-passphrase',
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expect(await deviceRows(ev.id)).toHaveLength(0);
    expect((await password(ev.email, { device: device!.value }, 'another-long-passphrase')).stage).toBe(
      'code',
    );
  });

  it('a factor reset ends them', async () => {
    const ev = await enrolled('evaluator');
    await trust(ev);
    const maker = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
    const checker = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
    const asked = await maker.post(`/api/v1/users/${ev.id}/factor-reset`, {
      reason: 'phone lost, called back',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const approved = await checker.post(`/api/v1/factor-resets/${asked.json().id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(await deviceRows(ev.id)).toHaveLength(0);
  });

  it('answers an unknown account exactly as a wrong password, with or without a device cookie', async () => {
    const ev = await enrolled('evaluator');
    const { device } = await trust(ev);
    const wrong = await password(ev.email, { device: device!.value }, 'wrong-password-here');
    const unknown = await password('nobody-here@example.pk', { device: device!.value });
    const plain = await password('nobody-else@example.pk');
    for (const r of [wrong, unknown, plain]) expect(r.res.statusCode).toBe(401);
    const shape = (r: LightMyRequestResponse) => {
      const { code, detail, status, title } = r.json();
      return { code, detail, status, title, cookies: r.cookies.map((c) => c.name) };
    };
    expect(shape(unknown.res)).toEqual(shape(wrong.res));
    expect(shape(plain.res)).toEqual(shape(wrong.res));
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginClient, makeUser, TEST_PASSWORD, type TestApp } from '../../testing/test-app.ts';
import { emailIndex } from './identity.pii.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const register = (payload: unknown) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: payload as object });

const valid = {
  role: 'freelancer',
  name: 'Sana Javed',
  email: 'Sana@Example.pk',
  mobile: '0321 5550001',
  cnic: '3520212345671',
  password: 'a-long-enough-pass',
};

describe('registration and login', () => {
  it('registers a freelancer with the code sent to the mobile, normalises identity fields, and logs them in', async () => {
    const res = await register(valid);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ mobile: '+923215550001', minutes: 15 });
    // Nothing exists until the code is entered.
    expect(
      await t.deps.db
        .selectFrom('users')
        .where('email_bidx', '=', await emailIndex(t.deps, 'sana@example.pk'))
        .select('id')
        .execute(),
    ).toEqual([]);
    const code = await t.messages.code('+923215550001');
    const done = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register/verify',
      payload: { mobile: '0321 5550001', code },
    });
    expect(done.statusCode).toBe(201);
    const body = done.json();
    expect(body.user).toMatchObject({
      email: 'sana@example.pk',
      mobile: '+923215550001',
      cnic: '35202-1234567-1',
      role: 'freelancer',
      mobileVerified: true,
      emailVerified: false,
    });
    expect(body.csrfToken).toBeTruthy();
    const cookie = done.cookies.find((c) => c.name === 'markaz_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      cookies: { markaz_session: cookie!.value },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe('sana@example.pk');
  });

  it('answers a second registration with the same CNIC exactly like a new one, and tells the owner instead', async () => {
    const res = await register({ ...valid, email: 'other@example.pk', mobile: '0321 5550009' });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ mobile: '+923215550009', minutes: 15 });
    expect(await t.messages('+923215550009')).toEqual([]);
    const told = await t.messages('+923215550001');
    expect(told.some((m) => /someone tried to register with your details/.test(m.text))).toBe(true);
  });

  it('only freelancers and owners may self-register', async () => {
    const res = await register({ ...valid, email: 'x@example.pk', role: 'program_admin' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].path).toBe('role');
  });

  it('rejects a wrong password with 401 and locks sign-in from that address after repeated failures', async () => {
    const user = await makeUser(t.deps, 'owner');
    for (let i = 0; i < t.deps.config.loginMaxFailures - 1; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: user.email, password: 'wrong-password-x' },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('invalid_credentials');
    }
    const locking = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: 'wrong-password-x' },
    });
    expect(locking.statusCode).toBe(423);
    // Even the right password is refused while locked…
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    expect(locked.statusCode).toBe(423);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // …and accepted once the lock has passed.
    t.clock.advance((t.deps.config.loginLockMinutes + 1) * 60_000);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('does not reveal whether an email is registered', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@nowhere.pk', password: 'whatever-123' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toBe('The email, mobile, CNIC or password is wrong');
  });
});

describe('sessions and CSRF', () => {
  it('refuses a cookie-authenticated write without the CSRF token, and accepts it with the token', async () => {
    const user = await makeUser(t.deps, 'freelancer');
    const client = await loginClient(t.app, user.email);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    const cookie = login.cookies.find((c) => c.name === 'markaz_session')!.value;
    const noToken = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      cookies: { markaz_session: cookie },
      payload: { name: 'Changed' },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('csrf_failed');
    const crossSite = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      cookies: { markaz_session: cookie },
      headers: { 'x-csrf-token': login.json().csrfToken, origin: 'https://evil.example' },
      payload: { name: 'Changed' },
    });
    expect(crossSite.statusCode).toBe(403);
    const ok = await client.patch('/api/v1/me', { name: 'Changed Name', locale: 'ur' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: 'Changed Name', locale: 'ur' });
  });

  it('logs out: the session cookie stops working', async () => {
    const user = await makeUser(t.deps, 'freelancer');
    const client = await loginClient(t.app, user.email);
    expect((await client.get('/api/v1/me')).statusCode).toBe(200);
    expect((await client.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await client.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('expires sessions', async () => {
    const user = await makeUser(t.deps, 'owner');
    const client = await loginClient(t.app, user.email);
    t.clock.advance((t.deps.config.sessionHours + 1) * 3600_000);
    expect((await client.get('/api/v1/me')).statusCode).toBe(401);
  });
});

describe('admin-created accounts and permissions', () => {
  it('an admin creates a bank officer in a bank; others may not create accounts', async () => {
    const admin = await makeUser(t.deps, 'program_admin');
    const adminClient = await loginClient(t.app, admin.email);
    const bank = await adminClient.post('/api/v1/organizations', {
      kind: 'bank',
      code: 'MEEZAN',
      name: 'Meezan Bank',
    });
    expect(bank.statusCode).toBe(201);
    const noBank = await adminClient.post('/api/v1/users', {
      role: 'bank_officer',
      name: 'Officer',
      email: 'officer@meezan.pk',
    });
    expect(noBank.statusCode).toBe(400);
    expect(noBank.json().fields[0].path).toBe('organizationId');
    const created = await adminClient.post('/api/v1/users', {
      role: 'bank_officer',
      name: 'Officer',
      email: 'officer@meezan.pk',
      organizationId: bank.json().id,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().initialPassword).toMatch(/.{12,}/);
    expect(created.json().user).toMatchObject({ role: 'bank_officer', organizationName: 'Meezan Bank' });
    const officer = await loginClient(t.app, 'officer@meezan.pk', created.json().initialPassword);
    expect((await officer.get('/api/v1/me')).json().user.role).toBe('bank_officer');

    const freelancer = await makeUser(t.deps, 'freelancer');
    const fc = await loginClient(t.app, freelancer.email);
    const denied = await fc.post('/api/v1/users', {
      role: 'program_admin',
      name: 'Evil',
      email: 'evil@x.pk',
      password: 'a-long-enough-pass',
    });
    expect(denied.statusCode).toBe(403);
    expect((await fc.get('/api/v1/users')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(401);
  });

  it('API keys: a bank system authenticates by bearer key; a revoked key stops working', async () => {
    const admin = await makeUser(t.deps, 'program_admin');
    const ac = await loginClient(t.app, admin.email);
    const bank = (
      await ac.post('/api/v1/organizations', { kind: 'bank', code: 'ABL', name: 'Allied Bank' })
    ).json();
    const created = await ac.post('/api/v1/api-keys', { organizationId: bank.id, name: 'ABL core banking' });
    expect(created.statusCode).toBe(201);
    const { secret, apiKey } = created.json();
    expect(secret).toMatch(/^mkz_/);
    const stored = await t.deps.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', apiKey.id)
      .executeTakeFirstOrThrow();
    // The secret part is everything after `mkz_<prefix>_` (base64url may itself hold '_').
    expect(stored.secret_hash).not.toContain(secret.slice('mkz_'.length + 12 + 1));
    // A key is not a person: /me needs a user, but authentication itself works (401 vs 403 below).
    const asBank = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(asBank.statusCode).toBe(403);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { authorization: 'Bearer mkz_nope' },
    });
    expect(bad.statusCode).toBe(401);
    expect((await ac.post(`/api/v1/api-keys/${apiKey.id}/revoke`)).statusCode).toBe(200);
    const revoked = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(revoked.statusCode).toBe(401);
  });
});

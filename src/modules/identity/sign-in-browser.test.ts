import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeUser, TEST_PASSWORD, type TestApp } from '../../testing/test-app.ts';
import { BROWSER_DAYS } from './sign-in-browser.ts';

// Decision 0081: every completed sign-in leaves the browser a long-lived random cookie, and the
// account keeps only a keyed hash of it.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ secureCookies: true });
});
afterAll(() => t.close());

const login = (email: string, browser?: string, password = TEST_PASSWORD) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { login: email, password },
    remoteAddress: '10.30.0.1',
    cookies: browser ? { markaz_browser: browser } : {},
  });
const cookieOf = (res: Awaited<ReturnType<typeof login>>) =>
  res.cookies.find((c) => c.name === 'markaz_browser');
const rows = (userId: string) =>
  t.deps.db.selectFrom('sign_in_browsers').selectAll().where('user_id', '=', userId).execute();

describe('the sign-in cookie', () => {
  it('is set at sign-in: random, HttpOnly, Secure over https, SameSite=Lax, path /, about a year', async () => {
    const u = await makeUser(t.deps, 'owner');
    const res = await login(u.email);
    expect(res.statusCode).toBe(200);
    const c = cookieOf(res)!;
    expect(c.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(c).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    const days = ((c.expires as Date).getTime() - t.clock.now().getTime()) / 86400_000;
    expect(Math.round(days)).toBe(BROWSER_DAYS);
    // The account keeps a keyed hash of it, never the value.
    const kept = await rows(u.id);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.token_hash).not.toContain(c.value);
    expect(kept[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is not replaced when the browser already has one, for the same account or another', async () => {
    const u = await makeUser(t.deps, 'owner');
    const v = await makeUser(t.deps, 'freelancer');
    const first = cookieOf(await login(u.email))!.value;
    t.clock.advance(3600_000);
    expect(cookieOf(await login(u.email, first))!.value).toBe(first);
    expect(await rows(u.id)).toHaveLength(1);
    // The same browser signing in to a second account: one cookie, a hash per account, not equal.
    expect(cookieOf(await login(v.email, first))!.value).toBe(first);
    const [a, b] = [(await rows(u.id))[0]!, (await rows(v.id))[0]!];
    expect(a.token_hash).not.toBe(b.token_hash);
    expect(a.last_seen_at.getTime()).toBe(t.clock.now().getTime());
  });

  it('a malformed cookie is replaced by one the app made; a failed sign-in sets none', async () => {
    const u = await makeUser(t.deps, 'owner');
    const replaced = cookieOf(await login(u.email, 'chosen-by-someone'))!.value;
    expect(replaced).not.toBe('chosen-by-someone');
    expect(replaced).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const wrong = await login(u.email, undefined, 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(cookieOf(wrong)).toBeUndefined();
  });

  it('is set when a registration ends signed in', async () => {
    const body = {
      role: 'freelancer',
      name: 'New Person',
      email: 'browser.cookie@example.pk',
      mobile: '0333 7720001',
      cnic: '61101-7720001-1',
      password: 'a-long-enough-pass',
    };
    const post = (url: string, payload: object) =>
      t.app.inject({ method: 'POST', url, payload, remoteAddress: '10.30.0.2' });
    expect((await post('/api/v1/auth/register', body)).statusCode).toBe(202);
    const code = await t.messages.code('+923337720001');
    const done = await post('/api/v1/auth/register/verify', { mobile: body.mobile, code });
    expect(done.statusCode).toBe(201);
    expect(cookieOf(done)?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await rows(done.json().user.id)).toHaveLength(1);
  });

  it('a password change forgets the account’s browsers', async () => {
    const u = await makeUser(t.deps, 'owner');
    const res = await login(u.email);
    const session = res.cookies.find((c) => c.name === 'markaz_session')!.value;
    expect(await rows(u.id)).toHaveLength(1);
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'another-long-secret-9' },
      remoteAddress: '10.30.0.1',
      cookies: { markaz_session: session, markaz_browser: cookieOf(res)!.value },
      headers: { 'x-csrf-token': res.json().csrfToken },
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expect(await rows(u.id)).toHaveLength(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginClient, makeUser, TEST_PASSWORD, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const login = (body: object, from = '10.0.0.1', userAgent = 'test-agent') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: body,
    remoteAddress: from,
    headers: { 'user-agent': userAgent },
  });
const answer = (r: { statusCode: number; body: string; headers: Record<string, unknown> }) => {
  const { instance: _instance, requestId: _requestId, ...rest } = JSON.parse(r.body);
  return { status: r.statusCode, retryAfter: r.headers['retry-after'], ...rest };
};
const max = () => t.deps.config.loginMaxFailures;
const lockMinutes = () => t.deps.config.loginLockMinutes;

describe('one sign-in for email, mobile and CNIC', () => {
  it('signs in with the email, the mobile in any spelling, or the CNIC', async () => {
    const u = await makeUser(t.deps, 'freelancer');
    for (const name of [u.email, u.mobile!, `0${u.mobile!.slice(3)}`, u.cnic!, u.cnic!.replaceAll('-', '')]) {
      const r = await login({ login: name, password: TEST_PASSWORD }, '10.1.0.1');
      expect(r.statusCode, name).toBe(200);
    }
  });
});

describe('no account enumeration on sign-in', () => {
  it('a wrong password and an unknown account get the same answer, and lock after the same failures', async () => {
    const u = await makeUser(t.deps, 'owner');
    const known: ReturnType<typeof answer>[] = [];
    const unknown: ReturnType<typeof answer>[] = [];
    for (let i = 0; i < max() + 1; i++) {
      known.push(answer(await login({ login: u.email, password: 'wrong-password-1' }, '10.2.0.1')));
      unknown.push(
        answer(await login({ login: 'ghost@nowhere.pk', password: 'wrong-password-1' }, '10.2.0.1')),
      );
    }
    expect(known).toEqual(unknown);
    expect(known.map((a) => a.status)).toEqual([...Array(max() - 1).fill(401), 423, 423]);
    expect(known.at(-1)!.detail).toMatch(/reset your password/);
  });
});

describe('lock per (account, address) with a growing delay', () => {
  it('locks only the address the failures came from; the owner elsewhere still signs in', async () => {
    const u = await makeUser(t.deps, 'owner');
    for (let i = 0; i < max(); i++) await login({ login: u.email, password: 'wrong-password-2' }, '10.3.0.1');
    expect((await login({ login: u.email, password: TEST_PASSWORD }, '10.3.0.1')).statusCode).toBe(423);
    expect((await login({ login: u.email, password: TEST_PASSWORD }, '10.3.0.2')).statusCode).toBe(200);
    // The owner is told, by email, with the way back in.
    const mail = (await t.messages(u.email)).find((m) => /paused/.test(m.subject ?? ''));
    expect(mail?.text).toMatch(/10\.3\.0\.1/);
    expect(mail?.text).toMatch(/\/forgot-password/);
  });

  it('doubles the lock each time the same pair locks again', async () => {
    const u = await makeUser(t.deps, 'owner');
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      let last = await login({ login: u.email, password: 'wrong-password-3' }, '10.4.0.1');
      for (let i = 1; i < max(); i++)
        last = await login({ login: u.email, password: 'wrong-password-3' }, '10.4.0.1');
      expect(last.statusCode).toBe(423);
      const wait = Number(last.headers['retry-after']);
      waits.push(wait);
      t.clock.advance(wait * 1000 + 1000);
    }
    expect(waits).toEqual([lockMinutes() * 60, lockMinutes() * 120, lockMinutes() * 240]);
    expect((await login({ login: u.email, password: TEST_PASSWORD }, '10.4.0.1')).statusCode).toBe(200);
  });
});

describe('new sign-in notice', () => {
  it('tells the owner of a sign-in from a new browser and address, not of a repeat', async () => {
    const u = await makeUser(t.deps, 'freelancer');
    await login(
      { login: u.email, password: TEST_PASSWORD },
      '10.5.0.1',
      'Mozilla/5.0 (Linux; Android 14) Chrome/120',
    );
    await login(
      { login: u.email, password: TEST_PASSWORD },
      '10.5.0.1',
      'Mozilla/5.0 (Linux; Android 14) Chrome/120',
    );
    expect((await t.messages(u.email)).filter((m) => /new sign-in/i.test(m.subject ?? ''))).toEqual([]);
    await login(
      { login: u.email, password: TEST_PASSWORD },
      '10.5.0.9',
      'Mozilla/5.0 (Windows NT 10.0) Firefox/130',
    );
    const notices = (await t.messages(u.email)).filter((m) => /new sign-in/i.test(m.subject ?? ''));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toMatch(/Firefox on Windows/);
    expect(notices[0]!.text).toMatch(/10\.5\.0\.9/);
    const c = await loginClient(t.app, u.email);
    const inbox = await c.get('/api/v1/notifications/inbox');
    expect(JSON.stringify(inbox.json())).toMatch(/security\.new_sign_in/);
  });
});

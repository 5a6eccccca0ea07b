import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, makeUser, TEST_PASSWORD, type TestApp } from '../../testing/test-app.ts';
import { MAX_ATTEMPTS } from './one-time-token.ts';

// Decision 0081: someone who knows an owner's email or mobile cannot keep the owner out.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let ip = 0;
const OWNER = { ip: '10.1.1.1', agent: 'Owner browser/1.0' };
/** The owner's browser: its sign-in cookie (`markaz_browser`), kept from the last answer that set it. */
let ownerCookie: string | undefined;
const post = (
  url: string,
  payload: object,
  from = `10.7.${++ip % 250}.1`,
  agent = 'Attacker/1.0',
  browser?: string,
) =>
  t.app.inject({
    method: 'POST',
    url,
    payload,
    remoteAddress: from,
    headers: { 'user-agent': agent },
    cookies: browser ? { markaz_browser: browser } : {},
  });
const asOwner = async (url: string, payload: object, from = OWNER.ip) => {
  const res = await post(url, payload, from, OWNER.agent, ownerCookie);
  ownerCookie = res.cookies.find((c) => c.name === 'markaz_browser')?.value ?? ownerCookie;
  return res;
};
const resets = async (to: string) =>
  (await t.messages(to)).filter((m) => /reset/i.test(`${m.subject ?? ''} ${m.text}`)).length;
/** Thirty requests from changing addresses over the morning; then one more from a new address sends nothing. */
const exhaustCeiling = async (login: string) => {
  for (let i = 0; i < 30; i++) {
    if (i % 3 === 0) t.clock.advance(16 * 60_000);
    await post('/api/v1/auth/password/forgot', { login });
  }
  const sent = await resets(login);
  await post('/api/v1/auth/password/forgot', { login });
  expect(await resets(login)).toBe(sent);
  return sent;
};

describe('recovery cannot be blocked by someone who knows the login', () => {
  beforeEach(() => {
    ownerCookie = undefined;
  });

  it("a stranger's requests neither end the owner's link nor stop the owner's device from getting a new one", async () => {
    t.clock.set('2026-11-30T05:00:00Z');
    const u = await makeUser(t.deps, 'owner');
    // The owner has signed in from this device before.
    expect(
      (await asOwner('/api/v1/auth/login', { login: u.email, password: TEST_PASSWORD })).statusCode,
    ).toBe(200);
    expect((await asOwner('/api/v1/auth/password/forgot', { login: u.email })).statusCode).toBe(202);
    const ownerLink = await t.messages.token(u.email);
    // Then a stranger asks twelve times in twelve minutes, from changing addresses.
    for (let i = 0; i < 12; i++) {
      t.clock.advance(60_000);
      expect((await post('/api/v1/auth/password/forgot', { login: u.email })).statusCode).toBe(202);
    }
    const withOld = await asOwner('/api/v1/auth/password/reset', {
      token: ownerLink,
      newPassword: 'brand-new-secret-1',
    });
    expect(withOld.statusCode).toBe(204);
  });

  it("the account's ceiling stops strangers' emails, not the owner's browser on a new network", async () => {
    t.clock.set('2026-12-01T05:00:00Z');
    const u = await makeUser(t.deps, 'owner');
    expect(
      (await asOwner('/api/v1/auth/login', { login: u.email, password: TEST_PASSWORD })).statusCode,
    ).toBe(200);
    const byStrangers = await exhaustCeiling(u.email); // the ceiling binds them
    t.clock.advance(60_000);
    // The owner's phone on mobile data: the same browser, an address it never signed in from.
    expect((await asOwner('/api/v1/auth/password/forgot', { login: u.email }, '10.99.3.7')).statusCode).toBe(
      202,
    );
    expect(await resets(u.email)).toBe(byStrangers + 1);
    const link = await t.messages.token(u.email);
    expect(
      (
        await asOwner(
          '/api/v1/auth/password/reset',
          { token: link, newPassword: 'brand-new-secret-2' },
          '10.99.3.7',
        )
      ).statusCode,
    ).toBe(204);
  });

  it('a forged or foreign sign-in cookie, or the old address-and-browser match, does not lift the ceiling', async () => {
    t.clock.set('2026-12-04T05:00:00Z');
    const u = await makeUser(t.deps, 'owner');
    const other = await makeUser(t.deps, 'owner');
    expect(
      (await asOwner('/api/v1/auth/login', { login: u.email, password: TEST_PASSWORD })).statusCode,
    ).toBe(200);
    // A stranger's own browser signs in to the stranger's own account: its cookie is real, for
    // another account.
    const theirs = (
      await post('/api/v1/auth/login', { login: other.email, password: TEST_PASSWORD })
    ).cookies.find((c) => c.name === 'markaz_browser')?.value;
    expect(theirs).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const before = await exhaustCeiling(u.email);
    const tries = [
      'A'.repeat(43), // well-formed, never issued
      ownerCookie!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')), // one character off the owner's
      theirs!, // issued, but for another account
      'not-a-cookie',
    ];
    for (const forged of tries)
      expect(
        (await post('/api/v1/auth/password/forgot', { login: u.email }, undefined, 'Attacker/1.0', forged))
          .statusCode,
      ).toBe(202);
    // The owner's address and browser string without the cookie: the old fingerprint, not a key.
    expect(
      (await post('/api/v1/auth/password/forgot', { login: u.email }, OWNER.ip, OWNER.agent)).statusCode,
    ).toBe(202);
    expect(await resets(u.email)).toBe(before);
  });

  it('a password reset forgets the browsers that signed in before it; the next sign-in is remembered', async () => {
    t.clock.set('2026-12-05T05:00:00Z');
    const u = await makeUser(t.deps, 'owner');
    // A stranger who once had the password signed in: their browser was remembered for the account.
    const intruder = (
      await post('/api/v1/auth/login', { login: u.email, password: TEST_PASSWORD }, '10.66.0.1')
    ).cookies.find((c) => c.name === 'markaz_browser')!.value;
    // The owner takes the account back with a reset.
    expect((await asOwner('/api/v1/auth/password/forgot', { login: u.email })).statusCode).toBe(202);
    const link = await t.messages.token(u.email);
    expect(
      (await asOwner('/api/v1/auth/password/reset', { token: link, newPassword: 'brand-new-secret-6' }))
        .statusCode,
    ).toBe(204);
    expect(
      (await asOwner('/api/v1/auth/login', { login: u.email, password: 'brand-new-secret-6' })).statusCode,
    ).toBe(200);
    const before = await exhaustCeiling(u.email);
    // The intruder's browser, remembered before the reset, no longer lifts the ceiling ...
    await post('/api/v1/auth/password/forgot', { login: u.email }, '10.66.0.2', 'Attacker/1.0', intruder);
    expect(await resets(u.email)).toBe(before);
    // ... the owner's, which signed in after it, does.
    await asOwner('/api/v1/auth/password/forgot', { login: u.email }, '10.98.0.1');
    expect(await resets(u.email)).toBe(before + 1);
  });

  it("a stranger's wrong codes do not make the owner's right code refused", async () => {
    t.clock.set('2026-12-02T05:00:00Z');
    const u = await makeUser(t.deps, 'owner');
    // Wrong codes with no flow, and with the stranger's own flows.
    for (let i = 0; i < 10; i++)
      await post('/api/v1/auth/password/reset', {
        login: u.mobile!,
        code: '000000',
        newPassword: 'brand-new-secret-3',
      });
    for (let round = 0; round < 2; round++) {
      const { flow } = (await post('/api/v1/auth/password/forgot', { login: u.mobile! })).json();
      for (let i = 0; i < MAX_ATTEMPTS + 1; i++)
        await post('/api/v1/auth/password/reset', {
          login: u.mobile!,
          code: String(100000 + i),
          flow,
          newPassword: 'brand-new-secret-3',
        });
    }
    await t.messages(u.mobile!); // (the strangers' codes, delivered before the owner's)
    t.clock.advance(60_000);
    const asked = await asOwner('/api/v1/auth/password/forgot', { login: u.mobile! });
    const code = await t.messages.code(u.mobile!);
    // Another stranger request after the owner's: the owner's code stays live.
    await post('/api/v1/auth/password/forgot', { login: u.mobile! });
    const r = await asOwner('/api/v1/auth/password/reset', {
      login: u.mobile!,
      code,
      flow: asked.json().flow,
      newPassword: 'brand-new-secret-3',
    });
    expect(r.statusCode).toBe(204);
  });

  it('once one link succeeds, every other live link ends', async () => {
    t.clock.set('2026-12-03T05:00:00Z');
    const u = await makeUser(t.deps, 'owner');
    await post('/api/v1/auth/password/forgot', { login: u.email });
    const first = await t.messages.token(u.email);
    await post('/api/v1/auth/password/forgot', { login: u.email });
    const second = await t.messages.token(u.email);
    expect(second).not.toBe(first);
    expect(
      (await post('/api/v1/auth/password/reset', { token: second, newPassword: 'brand-new-secret-4' }))
        .statusCode,
    ).toBe(204);
    expect(
      (await post('/api/v1/auth/password/reset', { token: first, newPassword: 'brand-new-secret-5' }))
        .statusCode,
    ).toBe(400);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const post = (url: string, payload: object, from = `10.7.${++ip % 250}.1`, agent = 'Attacker/1.0') =>
  t.app.inject({ method: 'POST', url, payload, remoteAddress: from, headers: { 'user-agent': agent } });
const asOwner = (url: string, payload: object) => post(url, payload, OWNER.ip, OWNER.agent);
const resets = async (to: string) =>
  (await t.messages(to)).filter((m) => /reset/i.test(`${m.subject ?? ''} ${m.text}`)).length;

describe('recovery cannot be blocked by someone who knows the login', () => {
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

  it("the account's ceiling stops strangers' emails, not the owner's device", async () => {
    t.clock.set('2026-12-01T05:00:00Z');
    const u = await makeUser(t.deps, 'owner');
    expect(
      (await asOwner('/api/v1/auth/login', { login: u.email, password: TEST_PASSWORD })).statusCode,
    ).toBe(200);
    for (let i = 0; i < 30; i++) {
      if (i % 3 === 0) t.clock.advance(16 * 60_000);
      await post('/api/v1/auth/password/forgot', { login: u.email });
    }
    const byStrangers = await resets(u.email);
    expect(byStrangers).toBeLessThan(30); // the ceiling binds them
    t.clock.advance(60_000);
    expect((await asOwner('/api/v1/auth/password/forgot', { login: u.email })).statusCode).toBe(202);
    expect(await resets(u.email)).toBe(byStrangers + 1);
    const link = await t.messages.token(u.email);
    expect(
      (await asOwner('/api/v1/auth/password/reset', { token: link, newPassword: 'brand-new-secret-2' }))
        .statusCode,
    ).toBe(204);
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

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginClient, makeUser, TEST_PASSWORD, type TestApp } from '../../testing/test-app.ts';
import { contactsOf } from './identity.pii.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let ip = 0;
const post = (url: string, payload: object, from = `10.9.0.${++ip % 250}`) =>
  t.app.inject({ method: 'POST', url, payload, remoteAddress: from });
// A reset request's flow id is random on every path (decision 0081): compared by its shape only.
const same = (r: { statusCode: number; body: string }) => ({
  status: r.statusCode,
  body: r.body.replace(/"flow":"[A-Za-z0-9_-]{43}"/, '"flow":"<43 random>"'),
});
const NEW_PASSWORD = 'a-brand-new-secret';

describe('registration does not tell what exists', () => {
  it('answers a taken mobile, CNIC or email exactly as a free one, and tells the owner', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const fresh = { role: 'freelancer', name: 'Nida Ali', password: 'a-long-enough-pass' };
    const free = await post('/api/v1/auth/register', {
      ...fresh,
      email: 'nida@example.pk',
      mobile: '0333 4440001',
      cnic: '61101-4440001-1',
    });
    const takenCnic = await post('/api/v1/auth/register', {
      ...fresh,
      email: 'nida2@example.pk',
      mobile: '0333 4440002',
      cnic: owner.cnic,
    });
    expect(same(free).status).toBe(202);
    expect(same(takenCnic)).toEqual({ ...same(free), body: free.body.replace('4440001', '4440002') });
    const takenEmail = await post('/api/v1/auth/register', {
      ...fresh,
      email: owner.email,
      mobile: '0333 4440003',
      cnic: '61101-4440003-1',
    });
    expect(same(takenEmail)).toEqual({ ...same(free), body: free.body.replace('4440001', '4440003') });
    expect(await t.messages('+923334440002')).toEqual([]);
    expect((await t.messages(owner.mobile!)).some((m) => /register/.test(m.text))).toBe(true);
    expect((await t.messages(owner.email)).some((m) => /your email address/.test(m.text))).toBe(true);
  });

  it('limits registrations per address with a 429, whatever the details', async () => {
    const from = '10.8.0.1';
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await post(
        '/api/v1/auth/register',
        {
          role: 'owner',
          name: 'Bulk',
          email: `bulk${i}@example.pk`,
          mobile: `0333 55500${String(i).padStart(2, '0')}`,
          cnic: `61101-55500${String(i).padStart(2, '0')}-1`,
          password: 'a-long-enough-pass',
        },
        from,
      );
      codes.push(r.statusCode);
    }
    expect(codes).toEqual([...Array(10).fill(202), 429]);
  });

  it('a wrong code counts; the fifth kills it; a right one after that is refused', async () => {
    const body = {
      role: 'owner',
      name: 'Omar',
      email: 'omar@example.pk',
      mobile: '0333 6660001',
      cnic: '61101-6660001-1',
      password: 'a-long-enough-pass',
    };
    expect((await post('/api/v1/auth/register', body)).statusCode).toBe(202);
    const code = await t.messages.code('+923336660001');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const r = await post('/api/v1/auth/register/verify', { mobile: body.mobile, code: wrong });
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ code: 'invalid_code', fields: [{ path: 'code' }] });
    }
    expect((await post('/api/v1/auth/register/verify', { mobile: body.mobile, code })).statusCode).toBe(400);
  });
});

describe('password reset', () => {
  it('answers the same for a known and an unknown login', async () => {
    const u = await makeUser(t.deps, 'freelancer');
    for (const [known, unknown] of [
      [u.email, 'ghost@nowhere.pk'],
      [u.mobile!, '0300 9999999'],
      [u.cnic!, '61101-9999999-1'],
    ] as const) {
      const a = await post('/api/v1/auth/password/forgot', { login: known });
      const b = await post('/api/v1/auth/password/forgot', { login: unknown });
      expect(same(a)).toEqual(same(b));
      expect(a.statusCode).toBe(202);
    }
  });

  it('by SMS code: sets the password, ends every session, tells the owner; the code works once', async () => {
    const u = await makeUser(t.deps, 'freelancer');
    const c = await loginClient(t.app, u.email);
    const asked = await post('/api/v1/auth/password/forgot', { login: u.mobile! });
    expect(asked.statusCode).toBe(202);
    const { flow } = asked.json();
    const code = await t.messages.code(u.mobile!);
    const reset = await post('/api/v1/auth/password/reset', {
      login: u.mobile!,
      code,
      flow,
      newPassword: NEW_PASSWORD,
    });
    expect(reset.statusCode).toBe(204);
    expect((await c.get('/api/v1/me')).statusCode).toBe(401);
    expect((await post('/api/v1/auth/login', { login: u.email, password: TEST_PASSWORD })).statusCode).toBe(
      401,
    );
    expect((await post('/api/v1/auth/login', { login: u.email, password: NEW_PASSWORD })).statusCode).toBe(
      200,
    );
    const again = await post('/api/v1/auth/password/reset', {
      login: u.mobile!,
      code,
      flow,
      newPassword: 'another-new-secret',
    });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ code: 'invalid_code', fields: [{ path: 'code' }] });
    const told = (await t.messages(u.email)).find((m) => /password was changed/.test(m.subject ?? ''));
    expect(told?.text).toMatch(/with a code sent to your mobile/);
    expect(told?.text).toMatch(/\/forgot-password/);
  });

  it('by email link: single use, and dead after 15 minutes; a reset unlocks every address', async () => {
    const u = await makeUser(t.deps, 'owner');
    for (let i = 0; i < t.deps.config.loginMaxFailures; i++)
      await post('/api/v1/auth/login', { login: u.email, password: 'wrong-password-9' }, '10.7.0.1');
    expect(
      (await post('/api/v1/auth/login', { login: u.email, password: TEST_PASSWORD }, '10.7.0.1')).statusCode,
    ).toBe(423);

    await post('/api/v1/auth/password/forgot', { login: u.email });
    const stale = await t.messages.token(u.email);
    t.clock.advance(16 * 60_000);
    const late = await post('/api/v1/auth/password/reset', { token: stale, newPassword: NEW_PASSWORD });
    expect(late.statusCode).toBe(400);
    expect(late.json().fields[0].path).toBe('token');

    await post('/api/v1/auth/password/forgot', { login: u.email });
    const token = await t.messages.token(u.email);
    expect((await post('/api/v1/auth/password/reset', { token, newPassword: NEW_PASSWORD })).statusCode).toBe(
      204,
    );
    expect((await post('/api/v1/auth/password/reset', { token, newPassword: NEW_PASSWORD })).statusCode).toBe(
      400,
    );
    expect(
      (await post('/api/v1/auth/login', { login: u.email, password: NEW_PASSWORD }, '10.7.0.1')).statusCode,
    ).toBe(200);
    // Only hashes are stored.
    const rows = await t.deps.db
      .selectFrom('account_tokens')
      .select('token_hash')
      .where('user_id', '=', u.id)
      .execute();
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
  });
});

describe('contact changes', () => {
  it('a new mobile: code to the new number, notice to the old; it changes only with the code', async () => {
    const u = await makeUser(t.deps, 'freelancer');
    const c = await loginClient(t.app, u.email);
    const asked = await c.post('/api/v1/me/contacts', { mobile: '0345 7770001', password: TEST_PASSWORD });
    expect(asked.statusCode).toBe(202);
    expect(asked.json()).toMatchObject({ field: 'mobile', sentTo: '+923457770001' });
    expect((await c.get('/api/v1/me')).json().user.mobile).toBe(u.mobile);
    expect((await t.messages(u.mobile!)).some((m) => /mobile number was asked/.test(m.text))).toBe(true);
    const code = await t.messages.code('+923457770001');
    const wrong = await c.post('/api/v1/me/mobile/verify', { code: code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(400);
    const ok = await c.post('/api/v1/me/mobile/verify', { code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ mobile: '+923457770001', mobileVerified: true });
  });

  it('a new email: link to the new address (works without a session), notice to the old', async () => {
    const u = await makeUser(t.deps, 'owner');
    const c = await loginClient(t.app, u.email);
    expect(
      (await c.post('/api/v1/me/contacts', { email: 'New.Owner@Example.pk', password: TEST_PASSWORD }))
        .statusCode,
    ).toBe(202);
    expect(
      (await t.messages(u.email)).some((m) => /email address is being changed/.test(m.subject ?? '')),
    ).toBe(true);
    const token = await t.messages.token('new.owner@example.pk');
    const done = await post('/api/v1/auth/email/verify', { token });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ email: 'new.owner@example.pk' });
    expect((await c.get('/api/v1/me')).json().user).toMatchObject({
      email: 'new.owner@example.pk',
      emailVerified: true,
    });
    expect((await post('/api/v1/auth/email/verify', { token })).statusCode).toBe(400);
  });

  it('needs the current password, and PATCH /me no longer changes the mobile', async () => {
    const u = await makeUser(t.deps, 'freelancer');
    const c = await loginClient(t.app, u.email);
    const r = await c.post('/api/v1/me/contacts', { mobile: '0345 7770002', password: 'not-my-password' });
    expect(r.statusCode).toBe(401);
    expect(r.json().fields[0].path).toBe('password');
    await c.patch('/api/v1/me', { mobile: '0345 7770002' });
    expect((await c.get('/api/v1/me')).json().user.mobile).toBe(u.mobile);
  });
});

describe('a reset takes the account back (review findings)', () => {
  it('a password reset ends a contact change someone else started', async () => {
    const u = await makeUser(t.deps, 'owner');
    const thief = await loginClient(t.app, u.email);
    expect(
      (await thief.post('/api/v1/me/contacts', { email: 'thief@example.pk', password: TEST_PASSWORD }))
        .statusCode,
    ).toBe(202);
    const token = await t.messages.token('thief@example.pk');
    const asked = await post('/api/v1/auth/password/forgot', { login: u.mobile! });
    expect(asked.statusCode).toBe(202);
    const { flow } = asked.json();
    const code = await t.messages.code(u.mobile!);
    const reset = await post('/api/v1/auth/password/reset', {
      login: u.mobile!,
      code,
      flow,
      newPassword: NEW_PASSWORD,
    });
    expect(reset.statusCode).toBe(204);
    expect((await post('/api/v1/auth/email/verify', { token })).statusCode).toBe(400);
    expect((await contactsOf(t.deps, [u.id])).get(u.id)!.email).toBe(u.email);
  });

  it('a reset link never goes to an email the owner has not confirmed: the code goes to the mobile', async () => {
    const u = await makeUser(t.deps, 'freelancer');
    await t.deps.db.updateTable('users').set({ email_verified_at: null }).where('id', '=', u.id).execute();
    const resets = async () =>
      (await t.messages(u.email)).filter((m) => /reset/i.test(m.subject ?? '')).length;
    const before = await resets();
    expect((await post('/api/v1/auth/password/forgot', { login: u.email })).statusCode).toBe(202);
    expect(await t.messages.code(u.mobile!)).toMatch(/^\d{6}$/);
    expect(await resets()).toBe(before);
  });

  it('stores each code with a salt of its own: the same digits twice are two different hashes', async () => {
    const u = await makeUser(t.deps, 'freelancer');
    for (let i = 0; i < 2; i++)
      expect((await post('/api/v1/auth/password/forgot', { login: u.mobile! })).statusCode).toBe(202);
    const rows = await t.deps.db
      .selectFrom('account_tokens')
      .select('token_hash')
      .where('user_id', '=', u.id)
      .where('channel', '=', 'sms')
      .execute();
    expect(rows.length).toBe(2);
    for (const r of rows) expect(r.token_hash).toMatch(/^[0-9a-f]{32}\$[0-9a-f]{64}$/);
  });
});

describe('bad input names the field and changes nothing', () => {
  it.each([
    ['/api/v1/auth/register/verify', { mobile: '0333 1', code: '123456' }, 'mobile'],
    ['/api/v1/auth/register/verify', { mobile: '0333 4440001', code: '12ab' }, 'code'],
    ['/api/v1/auth/password/forgot', { login: 'not a contact' }, 'login'],
    ['/api/v1/auth/password/forgot', {}, 'login'],
    ['/api/v1/auth/password/reset', { token: 'x'.repeat(43), newPassword: 'short' }, 'newPassword'],
    ['/api/v1/auth/email/verify', { token: 'short' }, 'token'],
  ] as const)('%s %j → %s', async (url, payload, field) => {
    const r = await post(url, payload);
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().fields.map((f: { path: string }) => f.path)).toContain(field);
  });

  it('a contact change with both or neither field is refused', async () => {
    const u = await makeUser(t.deps, 'freelancer');
    const c = await loginClient(t.app, u.email);
    const r = await c.post('/api/v1/me/contacts', { password: TEST_PASSWORD });
    expect(r.statusCode).toBe(400);
    expect(r.json().fields[0].path).toBe('mobile');
    const bad = await c.post('/api/v1/me/contacts', { mobile: '12', password: TEST_PASSWORD });
    expect(bad.json().fields[0].path).toBe('mobile');
  });
});

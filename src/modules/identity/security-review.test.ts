import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/tx.ts';
import { anonymousActor } from '../../platform/actor.ts';
import { piiCipher } from '../../platform/keys/index.ts';
import { createTestApp, loginClient, makeUser, TEST_PASSWORD, type TestApp } from '../../testing/test-app.ts';
import { findAccountByContact } from './account-lookup.ts';
import { RESET_CEILING } from './code-limits.ts';
import { checkCode, issueToken, MAX_ATTEMPTS } from './one-time-token.ts';
import { requestPasswordReset } from './password-reset.service.ts';
import { signIn, startSession } from './sign-in.ts';
import { accountSubject, recordFailure } from './sign-in-throttle.ts';

// Issue 14's security review: each finding with the test that failed before its fix.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let ip = 0;
const post = (url: string, payload: object, from = `10.20.0.${++ip % 250}`) =>
  t.app.inject({ method: 'POST', url, payload, remoteAddress: from });
const other = (code: string, i = 0) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0');

describe('attempts on a code are counted atomically', () => {
  it('guesses racing on one code get MAX_ATTEMPTS comparisons between them, not one each', async () => {
    const u = await makeUser(t.deps, 'freelancer');
    const now = t.clock.now();
    const pii = await piiCipher(t.deps);
    const code = await inTransaction(t.deps.db, (trx) =>
      issueToken(trx, pii, now, {
        userId: u.id,
        purpose: 'password_reset',
        channel: 'sms',
        contact: u.mobile!,
      }),
    );
    // Eight wrong guesses at once (on PostgreSQL truly in parallel): between them they get
    // MAX_ATTEMPTS comparisons, not one each, and the right code afterwards finds none left.
    const guesses = Array.from({ length: 8 }, (_, i) => other(code, i));
    const results = await Promise.all(
      guesses.map((g) => checkCode(t.deps.db, pii, now, u.id, 'password_reset', g)),
    );
    expect(results.every((r) => r === null)).toBe(true);
    expect(await checkCode(t.deps.db, pii, now, u.id, 'password_reset', code)).toBeNull();
    const row = await t.deps.db
      .selectFrom('account_tokens')
      .select('attempts')
      .where('user_id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(MAX_ATTEMPTS);
  });

  it('the same for a registration code sent in parallel requests', async () => {
    const body = {
      role: 'freelancer',
      name: 'Race',
      email: 'race@example.pk',
      mobile: '0333 7710001',
      cnic: '61101-7710001-1',
      password: 'a-long-enough-pass',
    };
    expect((await post('/api/v1/auth/register', body)).statusCode).toBe(202);
    const code = await t.messages.code('+923337710001');
    const tries = Array.from({ length: 8 }, (_, i) => other(code, i));
    const answers = await Promise.all(
      tries.map((c, i) =>
        post('/api/v1/auth/register/verify', { mobile: body.mobile, code: c }, `10.21.0.${i}`),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(400));
    // The attempts ran out between them: the right code now opens nothing.
    const late = await post('/api/v1/auth/register/verify', { mobile: body.mobile, code }, '10.21.0.99');
    expect(late.statusCode).toBe(400);
  });

  it('a lock set while a sign-in was checking its password holds: no session is issued', async () => {
    const u = await makeUser(t.deps, 'owner');
    const account = await findAccountByContact(t.deps.db, await piiCipher(t.deps), {
      kind: 'email',
      value: u.email,
    });
    const rules = { maxFailures: 1, lockMinutes: 15 };
    await inTransaction(t.deps.db, (trx) =>
      recordFailure(trx, rules, accountSubject(u.id), '10.22.0.1', t.clock.now()),
    );
    await expect(startSession(t.deps, anonymousActor, account!, { ip: '10.22.0.1' })).rejects.toMatchObject({
      code: 'account_locked',
    });
    const sessions = await t.deps.db
      .selectFrom('sessions')
      .select('user_id')
      .where('user_id', '=', u.id)
      .execute();
    expect(sessions).toEqual([]);
  });
});

describe('caps on codes sent and on wrong codes', () => {
  it('a reset asked again and again sends at most the hourly and daily caps, answering 202 each time', async () => {
    const u = await makeUser(t.deps, 'freelancer');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await post('/api/v1/auth/password/forgot', { login: u.mobile! })).statusCode);
      t.clock.advance(5 * 60_000);
    }
    expect(statuses).toEqual(Array(12).fill(202));
    const sent = (await t.messages(u.mobile!)).filter((m) => /reset code/i.test(m.text));
    expect(sent.length).toBeGreaterThan(0);
    // From changing addresses: the per-account ceiling binds (decision 0081).
    expect(sent.length).toBeLessThanOrEqual(RESET_CEILING.hour);
    expect(sent.length).toBeLessThanOrEqual(RESET_CEILING.day);
    expect(sent.length).toBeLessThan(12);
  });

  it('after too many wrong codes on a flow even its right code is refused, as a wrong one is', async () => {
    t.clock.set('2026-11-29T05:00:00Z');
    const u = await makeUser(t.deps, 'freelancer');
    const { flow } = (await post('/api/v1/auth/password/forgot', { login: u.mobile! })).json();
    const code = await t.messages.code(u.mobile!);
    for (let i = 0; i < MAX_ATTEMPTS; i++)
      await post('/api/v1/auth/password/reset', {
        login: u.mobile!,
        code: other(code, i),
        flow,
        newPassword: 'x-new-pass-123',
      });
    const right = await post('/api/v1/auth/password/reset', {
      login: u.mobile!,
      code,
      flow,
      newPassword: 'a-brand-new-secret',
    });
    expect(right.statusCode).toBe(400);
    expect(right.json()).toMatchObject({ code: 'invalid_code', fields: [{ path: 'code' }] });
    // Without its flow a right code is refused too: a code works only for the request that asked.
    const { flow: second } = (await post('/api/v1/auth/password/forgot', { login: u.mobile! })).json();
    const fresh = await t.messages.code(u.mobile!);
    const bare = await post('/api/v1/auth/password/reset', {
      login: u.mobile!,
      code: fresh,
      newPassword: 'a-brand-new-secret',
    });
    expect(bare.statusCode).toBe(400);
    expect(second).toBeTruthy();
  });
});

describe('codes and links are not stored in clear', () => {
  it('notices and the local outbox hold no code; staff see it hidden; every read of the outbox is audited', async () => {
    const u = await makeUser(t.deps, 'freelancer');
    await post('/api/v1/auth/password/forgot', { login: u.mobile! });
    const notice = await t.deps.db
      .selectFrom('notices')
      .selectAll()
      .where('user_id', '=', u.id)
      .where('kind', '=', 'password.reset')
      .executeTakeFirstOrThrow();
    const code = await t.messages.code(u.mobile!); // delivers, and reads what the phone got
    expect(notice.body_text).not.toContain(code);
    expect(notice.sealed).not.toBeNull();
    const after = await t.deps.db
      .selectFrom('notices')
      .selectAll()
      .where('id', '=', notice.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('sent');
    expect(after.sealed).toBeNull();
    const outbox = await t.deps.db
      .selectFrom('notice_local_outbox')
      .selectAll()
      .where('message_id', '=', notice.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(outbox)).not.toContain(code);

    const admin = await makeUser(t.deps, 'program_admin');
    const staff = await loginClient(t.app, admin.email);
    const seen = await staff.get('/api/v1/notifications/outbox?limit=200');
    expect(seen.statusCode).toBe(200);
    expect(seen.body).not.toContain(code);
    const shown = seen.json().items.find((m: { messageId: string }) => m.messageId === notice.id);
    expect(shown.text).toMatch(/••••••/);
    const audited = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'notifications.outbox_read')
      .where('actor_id', '=', admin.id)
      .execute();
    expect(audited.length).toBe(1);
  });

  it('an email link is sealed too, in the words, the HTML and the link', async () => {
    const u = await makeUser(t.deps, 'owner');
    await post('/api/v1/auth/password/forgot', { login: u.email });
    const token = await t.messages.token(u.email);
    const rows = await t.deps.db.selectFrom('notices').selectAll().where('user_id', '=', u.id).execute();
    expect(JSON.stringify(rows)).not.toContain(token);
    // The whole outbox (its recipients are sealed, so they cannot be picked out by value).
    const outbox = await t.deps.db.selectFrom('notice_local_outbox').selectAll().execute();
    expect(JSON.stringify(outbox)).not.toContain(token);
  });
});

describe('the warning to the old mobile when a contact change starts', () => {
  it('goes by email at once; in quiet hours its SMS waits for 08:00 (only codes go at night)', async () => {
    t.clock.set('2026-11-29T18:30:00Z'); // 23:30 in Karachi
    const u = await makeUser(t.deps, 'freelancer');
    const c = await loginClient(t.app, u.email);
    expect(
      (await c.post('/api/v1/me/contacts', { mobile: '0345 7790001', password: TEST_PASSWORD })).statusCode,
    ).toBe(202);
    const warned = (m: { text: string }) => /mobile number was asked/.test(m.text);
    expect((await t.messages(u.mobile!)).some(warned)).toBe(false);
    t.clock.set('2026-11-30T03:00:00Z'); // 08:00 in Karachi
    expect((await t.messages(u.mobile!)).some(warned)).toBe(true);
    const toEmail = await t.messages(u.email);
    expect(
      toEmail.some((m) => /mobile/.test(m.subject ?? '') || /mobile number was asked/.test(m.text)),
    ).toBe(true);
    const inbox = await t.deps.db
      .selectFrom('notices')
      .select('id')
      .where('user_id', '=', u.id)
      .where('kind', '=', 'security.contact_change')
      .where('channel', '=', 'inbox')
      .execute();
    expect(inbox.length).toBe(1);
  });
});

describe('IPv6 clients are counted per /64', () => {
  it('wrong passwords from changing addresses in one /64 lock that /64, not another', async () => {
    t.clock.set('2026-11-30T05:00:00Z');
    const u = await makeUser(t.deps, 'freelancer');
    for (let i = 1; i <= t.deps.config.loginMaxFailures; i++)
      await post(
        '/api/v1/auth/login',
        { login: u.email, password: 'wrong-password-9' },
        `2001:db8:7:1::${i}`,
      );
    const sameNet = await post(
      '/api/v1/auth/login',
      { login: u.email, password: TEST_PASSWORD },
      '2001:db8:7:1::ff',
    );
    expect(sameNet.statusCode).toBe(423);
    const otherNet = await post(
      '/api/v1/auth/login',
      { login: u.email, password: TEST_PASSWORD },
      '2001:db8:7:2::1',
    );
    expect(otherNet.statusCode).toBe(200);
  });
});

/** Counts the SQL statements a piece of work sends. */
function counting() {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (a) => {
      n += 1;
      return a.node;
    },
    transformResult: async (a) => a.result,
  };
  return { db: t.deps.db.withPlugin(plugin), count: () => n, reset: () => (n = 0) };
}

describe('known and unknown accounts do the same work', () => {
  it('a reset request: the same statements, and one audited write, for an account and for nobody', async () => {
    t.clock.set('2026-12-01T05:00:00Z');
    const u = await makeUser(t.deps, 'freelancer');
    const c = counting();
    const deps = { ...t.deps, db: c.db };
    await requestPasswordReset(deps, anonymousActor, { login: '0300 1000001' }, { ip: '10.23.0.9' }); // warm caches
    c.reset();
    await requestPasswordReset(deps, anonymousActor, { login: u.mobile! }, { ip: '10.23.0.1' });
    const known = c.count();
    c.reset();
    await requestPasswordReset(deps, anonymousActor, { login: '0300 1000002' }, { ip: '10.23.0.2' });
    expect(c.count()).toBe(known);
  });

  it('a wrong password: the same statements for an account and for an unknown login', async () => {
    const u = await makeUser(t.deps, 'owner');
    const c = counting();
    const deps = { ...t.deps, db: c.db };
    const fail = (login: string, ip: string) =>
      signIn(deps, anonymousActor, { login, password: 'wrong-password-1' }, { ip }).catch((e) => e.code);
    expect(await fail(u.email, '10.24.0.1')).toBe('invalid_credentials');
    c.reset();
    await fail(u.email, '10.24.0.2');
    const known = c.count();
    c.reset();
    expect(await fail('nobody-here@example.pk', '10.24.0.3')).toBe('invalid_credentials');
    expect(c.count()).toBe(known);
  });
});

describe('changing the password is throttled like sign-in', () => {
  it('wrong current passwords lock the (account, address) pair with 423', async () => {
    const u = await makeUser(t.deps, 'freelancer');
    const c = await loginClient(t.app, u.email);
    const codes: number[] = [];
    for (let i = 0; i <= t.deps.config.loginMaxFailures; i++)
      codes.push(
        (
          await c.post('/api/v1/me/password', {
            currentPassword: `wrong-${i}-password`,
            newPassword: 'a-new-long-pass',
          })
        ).statusCode,
      );
    expect(codes.slice(0, t.deps.config.loginMaxFailures - 1)).toEqual(
      Array(t.deps.config.loginMaxFailures - 1).fill(401),
    );
    expect(codes.at(-1)).toBe(423);
    const right = await c.post('/api/v1/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a-new-long-pass',
    });
    expect(right.statusCode).toBe(423);
  });
});

describe('reset without a new password', () => {
  it('answers a problem that names newPassword', async () => {
    const r = await post('/api/v1/auth/password/reset', { login: '0300 1234567', code: '123456' });
    expect(r.statusCode).toBe(400);
    expect(r.json().fields.map((f: { path: string }) => f.path)).toEqual(['newPassword']);
    const r2 = await post('/api/v1/auth/password/reset', { newPassword: 'a-long-enough-pass' });
    expect(r2.statusCode).toBe(400);
    expect(
      r2
        .json()
        .fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['code', 'login']);
  });
});

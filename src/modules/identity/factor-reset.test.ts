import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginClient, makeUser, TEST_PASSWORD, type TestApp } from '../../testing/test-app.ts';
import { codeAt } from './factor-secret.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function passwordStep(email: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { login: email, password: TEST_PASSWORD },
  });
  const cookie = res.cookies.find((c) => c.name === 'markaz_session')!.value;
  const csrf = res.json().csrfToken as string;
  const call = (url: string, payload?: object) =>
    t.app.inject({
      method: 'POST',
      url,
      cookies: { markaz_session: cookie },
      headers: { 'x-csrf-token': csrf },
      ...(payload ? { payload } : {}),
    });
  return { stage: res.json().secondFactor as string | undefined, call };
}

async function enrolled(role: 'auditor' | 'evaluator' | 'program_admin' = 'auditor') {
  const u = await makeUser(t.deps, role);
  const s = await passwordStep(u.email);
  const { secret } = (await s.call('/api/v1/auth/factor/enrolment')).json();
  const done = await s.call('/api/v1/auth/factor/enrolment/confirm', { code: codeAt(secret, t.clock.now()) });
  expect(done.statusCode, done.body).toBe(200);
  t.clock.advance(30_000);
  return u;
}

describe('resetting a lost second factor takes two admins', () => {
  it('one asks with a reason, another approves; the owner is told and enrols again', async () => {
    const owner = await enrolled();
    const maker = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
    const checker = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);

    expect(
      (await maker.post(`/api/v1/users/${owner.id}/factor-reset`, { reason: 'no' })).json(),
    ).toMatchObject({
      code: 'validation_failed',
      fields: [{ path: 'reason' }],
    });
    const asked = await maker.post(`/api/v1/users/${owner.id}/factor-reset`, {
      reason: 'Phone lost, confirmed by call',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const reset = asked.json();
    expect(reset.status).toBe('pending');
    expect(
      (await maker.post(`/api/v1/users/${owner.id}/factor-reset`, { reason: 'Asked twice over' })).statusCode,
    ).toBe(409);

    // The maker cannot approve their own request, and nothing changed.
    const self = await maker.post(`/api/v1/factor-resets/${reset.id}/approve`);
    expect(self.statusCode).toBe(403);
    expect((await passwordStep(owner.email)).stage).toBe('code');

    const queue = (await checker.get('/api/v1/factor-resets')).json();
    expect(queue[0]).toMatchObject({ id: reset.id, status: 'pending' });
    // The queue shows the account's email masked, like every list of people.
    expect(queue[0].userEmail).toMatch(/^\w\*+@/);
    expect(queue[0].userEmail).not.toBe(owner.email);

    const approved = await checker.post(`/api/v1/factor-resets/${reset.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('approved');
    expect((await checker.post(`/api/v1/factor-resets/${reset.id}/reject`)).statusCode).toBe(409);

    expect((await passwordStep(owner.email)).stage).toBe('enrol');
    const told = (await t.messages(owner.email)).map((m) => m.text).join('\n');
    expect(told).toMatch(/asked to reset the second factor/);
    expect(told).toMatch(/reset by two programme admins/);

    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', owner.id)
      .where('action', 'in', ['factor.reset_requested', 'factor.reset'])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['factor.reset', 'factor.reset_requested']);
  });

  it('a rejected request leaves the factor; nobody asks for or decides on their own account', async () => {
    const adminA = await enrolled('program_admin');
    const a = await loginClient(t.app, adminA.email);
    expect(
      (await a.post(`/api/v1/users/${adminA.id}/factor-reset`, { reason: 'Lost my own phone' })).statusCode,
    ).toBe(403);
    const owner = await enrolled('evaluator');
    const b = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
    const reset = (
      await a.post(`/api/v1/users/${owner.id}/factor-reset`, { reason: 'Asked by the bank' })
    ).json();
    expect((await b.post(`/api/v1/factor-resets/${reset.id}/reject`)).json().status).toBe('rejected');
    expect((await passwordStep(owner.email)).stage).toBe('code');
    const auditor = await loginClient(t.app, (await makeUser(t.deps, 'auditor')).email);
    expect((await auditor.post(`/api/v1/factor-resets/${reset.id}/approve`)).statusCode).toBe(403);
    const unknown = await a.post('/api/v1/factor-resets', {
      email: 'nobody@markaz.pk',
      reason: 'Lost the phone',
    });
    expect(unknown.json()).toMatchObject({ code: 'validation_failed', fields: [{ path: 'email' }] });
    const byEmail = await a.post('/api/v1/factor-resets', {
      email: adminA.email.toUpperCase(),
      reason: 'Lost the phone',
    });
    expect(byEmail.statusCode).toBe(403);
    const freelancer = await makeUser(t.deps, 'freelancer');
    expect(
      (await a.post(`/api/v1/users/${freelancer.id}/factor-reset`, { reason: 'Not a staff account' }))
        .statusCode,
    ).toBe(409);
  });
});

describe('bank API keys limited by address and expiry', () => {
  it('refuses calls from elsewhere and after expiry with problem+json; bad limits name the field', async () => {
    const admin = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
    const bank = (
      await admin.post('/api/v1/organizations', { kind: 'bank', code: 'LIM', name: 'Limited Bank' })
    ).json();
    const bad = await admin.post('/api/v1/api-keys', {
      organizationId: bank.id,
      name: 'core',
      allowedCidrs: ['203.0.113.0/24', '10.0.0.0/40'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual([expect.objectContaining({ path: 'allowedCidrs.1' })]);
    const past = await admin.post('/api/v1/api-keys', {
      organizationId: bank.id,
      name: 'core',
      expiresAt: '2026-01-01T00:00:00Z',
    });
    expect(past.json().fields).toEqual([expect.objectContaining({ path: 'expiresAt' })]);
    expect((await admin.get(`/api/v1/api-keys?organizationId=${bank.id}`)).json()).toEqual([]);

    const expiresAt = new Date(t.clock.now().getTime() + 24 * 3600_000).toISOString();
    const made = await admin.post('/api/v1/api-keys', {
      organizationId: bank.id,
      name: 'core banking',
      allowedCidrs: ['203.0.113.0/24', '2001:DB8::/32'],
      expiresAt,
    });
    expect(made.statusCode, made.body).toBe(201);
    const { apiKey, secret } = made.json();
    expect(apiKey).toMatchObject({ allowedCidrs: ['203.0.113.0/24', '2001:db8::/32'], expiresAt });
    const call = (ip: string) =>
      t.app.inject({
        method: 'GET',
        url: '/api/v1/loans',
        headers: { authorization: `Bearer ${secret}` },
        remoteAddress: ip,
      });

    expect((await call('203.0.113.9')).statusCode).toBe(200);
    expect((await call('2001:db8:1::5')).statusCode).toBe(200);
    const elsewhere = await call('198.51.100.1');
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(elsewhere.json().detail).toMatch(/198\.51\.100\.1/);

    t.clock.advance(24 * 3600_000);
    const late = await call('203.0.113.9');
    expect(late.statusCode).toBe(401);
    expect(late.json().detail).toMatch(/expired/);
  });
});

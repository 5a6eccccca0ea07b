import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';

/** Changing an existing bank API key's limits (decision 0077). */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function bankWithKey(code: string, allowedCidrs: string[]) {
  const admin = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
  const bank = (
    await admin.post('/api/v1/organizations', { kind: 'bank', code, name: `Bank ${code}` })
  ).json();
  const made = await admin.post('/api/v1/api-keys', { organizationId: bank.id, name: 'core', allowedCidrs });
  expect(made.statusCode, made.body).toBe(201);
  const { apiKey, secret } = made.json();
  const call = (ip: string) =>
    t.app.inject({
      method: 'GET',
      url: '/api/v1/loans',
      headers: { authorization: `Bearer ${secret}` },
      remoteAddress: ip,
    });
  return { admin, bank, apiKey, call };
}

describe('changing a bank API key’s limits', () => {
  it('a key narrowed to other addresses is refused at once from the old one; audited', async () => {
    const { admin, apiKey, call } = await bankWithKey('EDA', ['203.0.113.0/24']);
    expect((await call('203.0.113.9')).statusCode).toBe(200);

    const expiresAt = new Date(t.clock.now().getTime() + 7 * 24 * 3600_000).toISOString();
    const changed = await admin.request('PUT', `/api/v1/api-keys/${apiKey.id}/limits`, {
      allowedCidrs: ['2001:DB8:10::/48', '198.51.100.7'],
      expiresAt,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      allowedCidrs: ['2001:db8:10::/48', '198.51.100.7/32'],
      expiresAt,
    });

    const old = await call('203.0.113.9');
    expect(old.statusCode).toBe(403);
    expect(old.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await call('198.51.100.7')).statusCode).toBe(200);
    expect((await call('2001:db8:10::5')).statusCode).toBe(200);

    const entry = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('entity_id', '=', apiKey.id)
      .where('action', '=', 'api_key.limits_changed')
      .executeTakeFirst();
    expect(entry).toBeDefined();

    // Widened back to anywhere, with no expiry.
    const open = await admin.request('PUT', `/api/v1/api-keys/${apiKey.id}/limits`, {
      allowedCidrs: [],
      expiresAt: null,
    });
    expect(open.json()).toMatchObject({ allowedCidrs: [], expiresAt: null });
    expect((await call('192.0.2.1')).statusCode).toBe(200);
  });

  it('bad input names the field and changes nothing', async () => {
    const { admin, apiKey, call } = await bankWithKey('EDB', ['203.0.113.0/24']);
    const bad = await admin.request('PUT', `/api/v1/api-keys/${apiKey.id}/limits`, {
      allowedCidrs: ['203.0.113.0/24', '10.0.0.0/33'],
      expiresAt: null,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.json().fields).toEqual([expect.objectContaining({ path: 'allowedCidrs.1', rule: 'cidr' })]);
    const past = await admin.request('PUT', `/api/v1/api-keys/${apiKey.id}/limits`, {
      allowedCidrs: [],
      expiresAt: '2020-01-01T00:00:00Z',
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().fields).toEqual([expect.objectContaining({ path: 'expiresAt', rule: 'future' })]);
    const keys = (await admin.get(`/api/v1/api-keys?organizationId=${apiKey.organizationId}`)).json();
    expect(keys[0]).toMatchObject({ allowedCidrs: ['203.0.113.0/24'], expiresAt: null });
    expect((await call('198.51.100.1')).statusCode).toBe(403);
  });

  it('an officer of the bank changes its keys; another bank’s officer, an auditor and a revoked key cannot', async () => {
    const { admin, bank, apiKey } = await bankWithKey('EDC', []);
    const other = await bankWithKey('EDD', []);
    const officer = await loginClient(
      t.app,
      (await makeUser(t.deps, 'bank_officer', { organizationId: bank.id })).email,
    );
    const mine = await officer.request('PUT', `/api/v1/api-keys/${apiKey.id}/limits`, {
      allowedCidrs: ['203.0.113.0/24'],
      expiresAt: null,
    });
    expect(mine.statusCode, mine.body).toBe(200);
    // The officer's list holds their own bank's keys only, whatever bank is asked for.
    const listed = (await officer.get(`/api/v1/api-keys?organizationId=${other.bank.id}`)).json();
    expect(listed.map((k: { id: string }) => k.id)).toEqual([apiKey.id]);
    const theirs = await officer.request('PUT', `/api/v1/api-keys/${other.apiKey.id}/limits`, {
      allowedCidrs: [],
      expiresAt: null,
    });
    expect(theirs.statusCode).toBe(404);
    const auditor = await loginClient(t.app, (await makeUser(t.deps, 'auditor')).email);
    expect(
      (
        await auditor.request('PUT', `/api/v1/api-keys/${apiKey.id}/limits`, {
          allowedCidrs: [],
          expiresAt: null,
        })
      ).statusCode,
    ).toBe(403);
    await admin.post(`/api/v1/api-keys/${apiKey.id}/revoke`);
    const revoked = await admin.request('PUT', `/api/v1/api-keys/${apiKey.id}/limits`, {
      allowedCidrs: [],
      expiresAt: null,
    });
    expect(revoked.statusCode).toBe(409);
  });
});

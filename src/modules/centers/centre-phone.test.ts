import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('a centre’s phone', () => {
  it('the owner gives it as written locally; the public page shows it in +92 form; a bad one is refused by field', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const { center } = await makeOperationalCenter(t.deps, owner.id);
    const o = await loginClient(t.app, owner.email);
    const set = await o.request('PATCH', `/api/v1/centers/${center.id}`, { phone: '042 3576-1234' });
    expect(set.statusCode, set.body).toBe(200);
    const pub = await t.app.inject({ method: 'GET', url: `/api/v1/centers/${center.id}` });
    expect(pub.json().phone).toBe('+924235761234');
    const bad = await o.request('PATCH', `/api/v1/centers/${center.id}`, { phone: '12345' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('phone');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/centers/${center.id}` })).json().phone).toBe(
      '+924235761234',
    );
  });
});

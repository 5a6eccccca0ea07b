import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactsOf, hashPassword } from '../modules/identity/index.ts';
import { rotateDataKeys, rotationPending, sweepIfNeeded, sweepPersonalData } from '../platform/keys/index.ts';
import { createTestApp, makeUser, TEST_PASSWORD, type TestApp } from './test-app.ts';

/**
 * Rows written in clear before issue 22 (or by the national bulk load) are sealed by the sweep after
 * the migrations; a data key rotation moves every row to the new key while both stay readable.
 * On PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());

const login = (login: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password: TEST_PASSWORD } });
const onKey = async (keyId: string) =>
  (
    await sql<{ n: number }>`SELECT count(*)::int AS n FROM users
      WHERE email LIKE ${`pii1.${keyId}.%`} OR mobile LIKE ${`pii1.${keyId}.%`}`.execute(t.deps.db)
  ).rows[0]!.n;

describe('personal data written in clear, then sealed', () => {
  it('the sweep after the migrations seals old rows and gives them blind indexes', async () => {
    const hash = await hashPassword(TEST_PASSWORD, t.deps.config.scryptCost);
    const now = t.deps.clock.now();
    await sql`INSERT INTO users (id, email, name, mobile, cnic, role, password_hash, created_at, updated_at)
      VALUES (gen_random_uuid(), 'old.timer@test.pk', 'Old Timer', '+923009990001', '35202-9990001-1',
              'freelancer', ${hash}, ${now}, ${now})`.execute(t.deps.db);
    await sql`INSERT INTO system_settings (key, value) VALUES ('pii_sweep_needed', 'true')
      ON CONFLICT (key) DO UPDATE SET value = 'true'`.execute(t.deps.db);
    // Before the sweep the clear row cannot be found: no blind index yet.
    expect((await login('old.timer@test.pk')).statusCode).toBe(401);
    const r = await sweepIfNeeded(t.deps);
    expect(r?.rewritten.users).toBe(1);
    const row = await t.deps.db
      .selectFrom('users')
      .select(['id', 'email', 'cnic', 'cnic_bidx'])
      .where('name', '=', 'Old Timer')
      .executeTakeFirstOrThrow();
    expect(row.email as unknown as string).toMatch(/^pii1\.identity-1\./);
    expect(row.cnic_bidx).toMatch(/^[0-9a-f]{64}$/);
    expect((await contactsOf(t.deps, [row.id])).get(row.id)).toEqual({
      email: 'old.timer@test.pk',
      mobile: '+923009990001',
      cnic: '35202-9990001-1',
    });
    for (const l of ['old.timer@test.pk', '0300 9990001', '3520299900011'])
      expect((await login(l)).statusCode, l).toBe(200);
    // The flag is gone: the next start does not sweep again.
    expect(await sweepIfNeeded(t.deps)).toBeNull();
  });

  it('a rotation seals new values with the new key at once, keeps old ones readable, and re-encrypts them', async () => {
    const before = await makeUser(t.deps, 'freelancer');
    const rotated = await rotateDataKeys(t.deps, ['identity']);
    expect(rotated).toEqual([{ purpose: 'identity', previousKeyId: 'identity-1', keyId: 'identity-2' }]);
    expect(await rotationPending(t.deps)).toBe(true);
    const after = await makeUser(t.deps, 'freelancer');
    expect(await onKey('identity-2')).toBe(1);
    expect(await onKey('identity-1')).toBeGreaterThan(1);
    // Both keys read meanwhile.
    expect((await login(before.email)).statusCode).toBe(200);
    expect((await login(after.email)).statusCode).toBe(200);
    const swept = await sweepPersonalData(t.deps, { batch: 2 });
    expect(swept.rewritten.users).toBeGreaterThan(1);
    expect(await onKey('identity-1')).toBe(0);
    expect((await login(before.mobile!)).statusCode).toBe(200);
    // Drained only once every process has surely read the new key (a minute later).
    expect(swept.drained).toEqual([]);
    t.clock.advance(120_000);
    expect((await sweepPersonalData(t.deps)).drained).toEqual(['identity-1']);
    expect(await rotationPending(t.deps)).toBe(false);
  });
});

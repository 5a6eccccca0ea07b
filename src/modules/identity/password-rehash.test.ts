import * as crypto from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { anonymousActor } from '../../platform/actor.ts';
import { createTestApp, makeUser, TEST_PASSWORD, type TestApp } from '../../testing/test-app.ts';
import { emailIndex } from './identity.pii.ts';
import { dummyHash, hashPassword, verifyPassword } from './password.ts';
import { signIn as login } from './sign-in.ts';

// Every scrypt call is counted with its cost, so the tests see the work each sign-in does.
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, scrypt: vi.fn(real.scrypt) };
});
const scryptCosts = () =>
  vi.mocked(crypto.scrypt).mock.calls.map((c) => (c[3] as unknown as crypto.ScryptOptions).N);

// The test app's cost is raised to 2048 so that a hash made at 1024 (the tests' usual) is "older".
const COST = 2048;
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ scryptCost: COST });
});
afterAll(() => t.close());
beforeEach(() => {
  vi.mocked(crypto.scrypt).mockClear();
});

const storedHash = async (email: string) =>
  (
    await t.deps.db
      .selectFrom('users')
      .select('password_hash')
      .where('email_bidx', '=', await emailIndex(t.deps, email))
      .executeTakeFirstOrThrow()
  ).password_hash;

async function userWithOldHash(): Promise<string> {
  const user = await makeUser(t.deps, 'auditor');
  await t.deps.db
    .updateTable('users')
    .set({ password_hash: await hashPassword(TEST_PASSWORD, 1024) })
    .where('id', '=', user.id)
    .execute();
  return user.email;
}

describe('password hashes at a lower cost', () => {
  it('are re-hashed at the current cost at the next successful sign-in, and still verify', async () => {
    const email = await userWithOldHash();
    expect(await storedHash(email)).toMatch(/^scrypt\$1024\$8\$1\$/);
    await login(t.deps, anonymousActor, { login: email, password: TEST_PASSWORD });
    const upgraded = await storedHash(email);
    expect(upgraded).toMatch(new RegExp(`^scrypt\\$${COST}\\$8\\$1\\$`));
    expect(await verifyPassword(TEST_PASSWORD, upgraded)).toBe(true);
    // Signing in again finds nothing to upgrade.
    await login(t.deps, anonymousActor, { login: email, password: TEST_PASSWORD });
    expect(await storedHash(email)).toBe(upgraded);
  });

  it('stay as they are after a wrong password, which still does the work of the current cost', async () => {
    const email = await userWithOldHash();
    const before = await storedHash(email);
    await dummyHash(1024); // made once per process: not part of a sign-in's work
    vi.mocked(crypto.scrypt).mockClear();
    await expect(
      login(t.deps, anonymousActor, { login: email, password: 'not-the-password' }),
    ).rejects.toMatchObject({
      code: 'invalid_credentials',
    });
    expect(await storedHash(email)).toBe(before);
    // The old hash's check (N=1024) padded to one check at the current cost: 1024 + 1024 = 2048,
    // the work an unknown account's failed sign-in does (below).
    const costs = scryptCosts().filter((n) => n !== undefined);
    expect(costs.reduce((a, b) => a + b, 0)).toBe(COST);
  });
});

describe('sign-in of an account that does not exist', () => {
  it('still computes a hash at the current cost, as a real account’s would', async () => {
    await expect(
      login(t.deps, anonymousActor, { login: 'nobody@nowhere.pk', password: 'a-long-enough-pass' }),
    ).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(scryptCosts()).toContain(COST);

    vi.mocked(crypto.scrypt).mockClear();
    const known = await makeUser(t.deps, 'auditor');
    vi.mocked(crypto.scrypt).mockClear();
    await expect(
      login(t.deps, anonymousActor, { login: known.email, password: 'not-the-password' }),
    ).rejects.toMatchObject({ code: 'invalid_credentials' });
    // A known account at the current cost: one hash at that cost, the same as the unknown one.
    expect(scryptCosts()).toEqual([COST]);
  });
});

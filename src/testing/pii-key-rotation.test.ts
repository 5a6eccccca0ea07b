import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../deps.ts';

import { contactsOf } from '../modules/identity/index.ts';
import { forgetKeys, forgetPii, piiCipher, rotatePiiKey } from '../platform/keys/index.ts';
import { localDiskStore } from '../platform/uploads/upload-store.ts';
import { createTestApp, makeUser, TEST_PASSWORD, type TestApp } from './test-app.ts';

/**
 * `markaz keys rotate-pii` (decision 0061): the key-encryption key itself is replaced; every data
 * key is re-wrapped, nothing else is rewritten; a second server that still holds the old key in
 * memory keeps working and picks the new one up from the file; the old key file is retired.
 */
let t: TestApp;
const keysDir = mkdtempSync(join(tmpdir(), 'markaz-pii-rotate-'));
beforeAll(async () => {
  t = await createTestApp({ keysDir, uploadDir: mkdtempSync(join(tmpdir(), 'markaz-pii-rotate-up-')) });
}, 120_000);
afterAll(() => t.close());

const login = (login: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password: TEST_PASSWORD } });

describe('rotating the pii key-encryption key', () => {
  it('re-wraps every data key, keeps every value and file readable, and retires the old key', async () => {
    const user = await makeUser(t.deps, 'freelancer');
    const store = localDiskStore(t.deps.config.uploadDir, t.deps);
    const got = await store.receive(Readable.from([Buffer.from('%PDF-1.7 a statement')]), 1 << 20);
    await store.commit(got.tempKey, 'docs/statement');
    const before = await t.deps.db
      .selectFrom('pii_keys')
      .select(['id', 'wrapped', 'kek_id'])
      .orderBy('id')
      .execute();
    const oldFile = readFileSync(join(keysDir, 'pii.secret'), 'utf8');
    // A second server process: its own caches, the same database and keys folder.
    const other: Deps = { ...t.deps, db: t.deps.db.withoutPlugins() };
    expect((await contactsOf(other, [user.id])).get(user.id)?.email).toBe(user.email);

    const r = await rotatePiiKey(t.deps);
    expect(r.previousKeyId).not.toBe(r.keyId);
    expect(r.rewrapped).toBe(before.length);
    const after = await t.deps.db
      .selectFrom('pii_keys')
      .select(['id', 'wrapped', 'kek_id'])
      .orderBy('id')
      .execute();
    expect(after.map((k) => k.id)).toEqual(before.map((k) => k.id));
    for (const [i, k] of after.entries()) {
      expect(k.kek_id).toBe(r.keyId);
      expect(k.wrapped).not.toBe(before[i]!.wrapped);
    }
    // The new key is in the file, the old one kept aside, and the database names the new one.
    expect(readFileSync(join(keysDir, 'pii.secret'), 'utf8')).not.toBe(oldFile);
    expect(readFileSync(join(keysDir, `pii.secret.${r.previousKeyId}.retired`), 'utf8')).toBe(oldFile);
    const published = await t.deps.db
      .selectFrom('published_keys')
      .select(['key_id', 'retired_at'])
      .where('name', '=', 'pii')
      .orderBy('seq')
      .execute();
    expect(published.map((p) => [p.key_id, p.retired_at === null])).toEqual([
      [r.previousKeyId, false],
      [r.keyId, true],
    ]);
    expect(readdirSync(keysDir).some((f) => f.endsWith('.next'))).toBe(false);

    // Everything still reads here, with no row or file rewritten.
    expect((await login(user.email)).statusCode).toBe(200);
    const opened = await store.open('docs/statement');
    const parts: Buffer[] = [];
    for await (const c of opened.stream) parts.push(c as Buffer);
    expect(Buffer.concat(parts).toString()).toBe('%PDF-1.7 a statement');
    // The other server, on its next read of the ring, reads the new key file and carries on.
    forgetPii(other.db);
    expect((await contactsOf(other, [user.id])).get(user.id)?.email).toBe(user.email);
    // A fresh start reads the new key.
    forgetKeys(t.deps.db);
    forgetPii(t.deps.db);
    expect((await piiCipher(t.deps)).currentKeyId('contacts')).toBe('contacts-1');
    expect(existsSync(join(keysDir, 'pii.secret'))).toBe(true);
  });

  it('refuses a key given in the environment', async () => {
    await expect(
      rotatePiiKey({ ...t.deps, config: { ...t.deps.config, keyEnv: { MARKAZ_SECRET_PII: 'x' } } }),
    ).rejects.toThrow(/rotate it there/);
  });
});

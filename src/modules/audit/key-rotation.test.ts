import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetKeys, publishedKeys, rotateKey, signer } from '../../platform/keys/index.ts';
import { createTestApp, makeUser, type TestApp } from '../../testing/test-app.ts';
import { chainAndSign } from './audit.service.ts';
import { verifyChain } from './audit.verify.ts';
import { witnessOnce } from './audit.witness.ts';
import { injectTransport as transport } from './insider.fixtures.ts';

// `markaz keys rotate`: a new key, the old one retired but still published, old heads still verify,
// and a witness that trusted the old key follows the signed handover.

let t: TestApp;
let keysDir: string;
beforeAll(async () => {
  keysDir = mkdtempSync(join(tmpdir(), 'markaz-keys-'));
  t = await createTestApp({ keysDir });
});
afterAll(() => t.close());

describe('rotating the audit key', () => {
  it('old heads verify with the retired key, new heads with the new one; a witness follows the handover', async () => {
    await makeUser(t.deps, 'owner');
    const before = await chainAndSign(t.deps);
    const state = join(mkdtempSync(join(tmpdir(), 'witness-')), 'state.json');
    expect((await witnessOnce(transport(t), state)).alarm).toBe(false);

    t.clock.advance(60_000);
    const r = await rotateKey(t.deps, 'audit');
    expect(r.previousKeyId).toBe(before!.keyId);
    expect(readdirSync(keysDir)).toContain(`audit.ed25519.pem.${r.previousKeyId}.retired`);

    await makeUser(t.deps, 'freelancer');
    const after = await chainAndSign(t.deps);
    expect(after!.keyId).toBe(r.keyId);

    const v = await verifyChain(t.deps);
    expect(v).toMatchObject({ ok: true });
    expect(v.headsChecked).toBeGreaterThanOrEqual(2);

    const keys = await publishedKeys(t.deps.db, 'audit');
    const old = keys.find((k) => k.keyId === r.previousKeyId)!;
    const cur = keys.find((k) => k.keyId === r.keyId)!;
    expect(old.retiredAt).toBe(t.clock.now().toISOString());
    expect(cur).toMatchObject({ retiredAt: null, handover: { previousKeyId: r.previousKeyId } });

    // The rotation is itself in the log.
    const entry = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'keys.rotated')
      .executeTakeFirstOrThrow();
    expect(entry.details).toMatchObject({ previousKeyId: r.previousKeyId, keyId: r.keyId });

    const w = await witnessOnce(transport(t), state);
    expect(w).toMatchObject({ alarm: false });
    expect(w.head?.keyId).toBe(r.keyId);

    // A restart reads the new key file and agrees with the database.
    forgetKeys(t.deps.db);
    expect((await signer(t.deps, 'audit')).keyId).toBe(r.keyId);
    expect(existsSync(join(keysDir, 'audit.ed25519.pem.next'))).toBe(false);
  });

  it('a head signed by a key no handover leads to raises the witness alarm', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'witness-')), 'state.json');
    expect((await witnessOnce(transport(t), state)).alarm).toBe(false);
    // The insider swaps in a key of their own, published without a handover from the old one.
    const otherDir = mkdtempSync(join(tmpdir(), 'markaz-keys-'));
    const cur = await signer(t.deps, 'audit');
    await t.deps.db
      .updateTable('published_keys')
      .set({ retired_at: t.clock.now() })
      .where('key_id', '=', cur.keyId)
      .execute();
    forgetKeys(t.deps.db);
    const forger = { ...t.deps, config: { ...t.deps.config, keysDir: otherDir } };
    const forged = await signer(forger, 'audit');
    await makeUser(t.deps, 'owner');
    await chainAndSign(forger);
    const w = await witnessOnce(transport(t), state);
    expect(w.alarm).toBe(true);
    expect(w.message).toMatch(new RegExp(`signed by key ${forged.keyId}, which no handover`));
  });
});

import { execFile, spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyIdOf, rotateKey, signer } from '../../platform/keys/index.ts';
import { canonicalJson } from '../../shared/canonical-json.ts';
import { createTestApp, makeUser, type TestApp } from '../../testing/test-app.ts';
import { chainAndSign } from './audit.service.ts';

// Insider attacks on the published keys (issue 18, decision 0053), part of the insider-attack suite
// (insider-attacks.test.ts). Detected by the standalone scripts: scripts/verify-snapshots.mjs and
// scripts/verify-log.mjs trust only keys reached by signed handovers from the pinned (or the one
// unhanded) key, so a backdated "retired" key an insider publishes cannot re-sign history.

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await createTestApp({ keysDir: mkdtempSync(join(tmpdir(), 'markaz-keys-')) });
  dir = mkdtempSync(join(tmpdir(), 'snapshots-'));
  await makeUser(t.deps, 'owner');
  await chainAndSign(t.deps);
}, 120_000);
afterAll(() => t.close());

const snapshotMessage = (day: string, hash: string) => `markaz-snapshot/v1\n${day}\n${hash}\n`;
type Day = {
  day: string;
  prevHash: string;
  hash: string;
  content: object;
  keyId?: string;
  signature?: string;
};
function day(d: string, prevHash: string, content: object): Day {
  const hash = createHash('sha256')
    .update(`${prevHash}\n${canonicalJson(content)}`)
    .digest('hex');
  return { day: d, prevHash, hash, content };
}
const keysJson = async () =>
  JSON.stringify((await t.app.inject({ method: 'GET', url: '/api/v1/keys' })).json());
function run(script: string, args: string[]) {
  return spawnSync('node', [`scripts/${script}`, ...args], { encoding: 'utf8' });
}
function files(days: Day[], keys: string) {
  const names = days.map((d, i) => {
    const f = join(dir, `${i}-${d.day}.json`);
    writeFileSync(f, JSON.stringify(d));
    return f;
  });
  const k = join(dir, 'keys.json');
  writeFileSync(k, keys);
  return ['--keys', k, ...names];
}

/** An insider publishes a key of their own, backdated and already "retired", with no handover. */
async function publishForgedKey(name: string) {
  const pair = generateKeyPairSync('ed25519');
  const pem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  await t.deps.db
    .insertInto('published_keys')
    .values({
      key_id: keyIdOf(pem),
      name,
      kind: 'signing',
      public_key_pem: pem,
      created_at: new Date('2026-01-01T00:00:00Z'),
      retired_at: new Date('2026-01-02T00:00:00Z'),
      handover: null,
    } as never)
    .execute();
  return {
    keyId: keyIdOf(pem),
    sign: (msg: string) => sign(null, Buffer.from(msg), pair.privateKey).toString('base64'),
  };
}

describe('keys trusted only through signed handovers', () => {
  it('STANDALONE SCRIPT: a rotation by signed handover is followed from the pinned key', async () => {
    const old = await signer(t.deps, 'snapshots');
    const d1 = day('2026-11-28', '0'.repeat(64), { n: 1 });
    const s1 = { ...d1, keyId: old.keyId, signature: await old.sign(snapshotMessage(d1.day, d1.hash)) };
    const r = await rotateKey(t.deps, 'snapshots');
    const cur = await signer(t.deps, 'snapshots');
    expect(cur.keyId).toBe(r.keyId);
    const d2 = day('2026-11-29', d1.hash, { n: 2 });
    const s2 = { ...d2, keyId: cur.keyId, signature: await cur.sign(snapshotMessage(d2.day, d2.hash)) };
    const out = run('verify-snapshots.mjs', ['--pin', old.keyId, ...files([s1, s2], await keysJson())]);
    expect(out.stdout).toContain('All 2 snapshot(s) verified.');
    expect(out.status).toBe(0);
  });

  it('STANDALONE SCRIPT: unsigned days fail unless accepted with --unsigned-until; no keys is not a pass', async () => {
    const real = await signer(t.deps, 'snapshots');
    const d1 = day('2026-11-27', '0'.repeat(64), { n: 0 });
    const d2 = day('2026-11-28', d1.hash, { n: 1 });
    const s2 = { ...d2, keyId: real.keyId, signature: await real.sign(snapshotMessage(d2.day, d2.hash)) };
    const keys = await keysJson();
    const pin = ['--pin', real.keyId];
    const unsigned = run('verify-snapshots.mjs', [...pin, ...files([d1, s2], keys)]);
    expect(unsigned.status).toBe(1);
    expect(unsigned.stdout).toMatch(/2026-11-27 {2}BROKEN .*\(unsigned\)/);
    const accepted = run('verify-snapshots.mjs', [
      ...pin,
      '--unsigned-until',
      '2026-11-27',
      ...files([d1, s2], keys),
    ]);
    expect(accepted.status).toBe(0);
    const noKeys = run('verify-snapshots.mjs', files([s2], keys).slice(2));
    expect(noKeys.status).toBe(1);
    expect(noKeys.stdout).toContain('NOT VERIFIED');
  });

  it('STANDALONE SCRIPT: a snapshot re-signed with a backdated key the insider published is refused', async () => {
    const real = await signer(t.deps, 'snapshots');
    const d1 = day('2026-11-28', '0'.repeat(64), { figures: { owners: 3 } });
    const signed = { ...d1, keyId: real.keyId, signature: await real.sign(snapshotMessage(d1.day, d1.hash)) };
    const good = run('verify-snapshots.mjs', files([signed], await keysJson()));
    expect(good.stdout, good.stdout).toContain('All 1 snapshot(s) verified.');
    expect(good.status).toBe(0);

    const forged = await publishForgedKey('snapshots');
    const edited = day('2026-11-28', '0'.repeat(64), { figures: { owners: 3000 } });
    const resigned = {
      ...edited,
      keyId: forged.keyId,
      signature: forged.sign(snapshotMessage(edited.day, edited.hash)),
    };
    const r = run('verify-snapshots.mjs', files([resigned], await keysJson()));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/2 snapshots keys were published without a handover/);
    // Pinned to the key first seen, the forged one is named as not handed over to.
    const pinned = run('verify-snapshots.mjs', ['--pin', real.keyId, ...files([resigned], await keysJson())]);
    expect(pinned.status).toBe(1);
    expect(pinned.stdout).toMatch(new RegExp(`signed by key ${forged.keyId}, which no signed handover`));
    // The genuine day still checks against the pinned key, but the stray key is reported.
    const genuine = run('verify-snapshots.mjs', ['--pin', real.keyId, ...files([signed], await keysJson())]);
    expect(genuine.stdout).toMatch(/2026-11-28 {2}OK /);
    expect(genuine.stdout).toContain(`snapshots key ${forged.keyId} is published but no signed handover`);
  });

  it('STANDALONE SCRIPT: verify-log trusts only the audit keys reached from the pinned key', async () => {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const real = await signer(t.deps, 'audit');
    const log = (args: string[]) =>
      promisify(execFile)('node', ['scripts/verify-log.mjs', ...args], { encoding: 'utf8' }).then(
        (r) => ({ status: 0, stdout: r.stdout }),
        (e: { code: number; stdout: string }) => ({ status: e.code, stdout: e.stdout }),
      );
    const before = await log([base, '--pin', real.keyId]);
    expect(before.stdout).toContain('All checks passed.');
    const forged = await publishForgedKey('audit');
    const after = await log([base, '--pin', real.keyId]);
    expect(after.status).toBe(1);
    expect(after.stdout).toContain(
      `audit key ${forged.keyId} is published but no signed handover from ${real.keyId} leads to it`,
    );
  });
});

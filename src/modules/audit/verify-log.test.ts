import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginClient, makeUser, TEST_PASSWORD, type TestApp } from '../../testing/test-app.ts';
import { chainAndSign } from './audit.service.ts';
import { rewriteFrom } from './insider.fixtures.ts';

// scripts/verify-log.mjs against a listening server, as anyone outside would run it.

const run = async (...args: string[]): Promise<{ code: number; out: string }> => {
  try {
    const { stdout } = await promisify(execFile)('node', ['scripts/verify-log.mjs', ...args]);
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
};

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await createTestApp({ keysDir: mkdtempSync(join(tmpdir(), 'markaz-keys-')) });
  for (let i = 0; i < 5; i++) {
    await makeUser(t.deps, 'owner');
    await chainAndSign(t.deps);
  }
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t.close());

describe('scripts/verify-log.mjs', () => {
  it('checks every head, their consistency and an entry; a witness with a state file cosigns and later catches a rewrite', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'verify-log-')), 'state.json');
    const first = await run(base, '--seq', '3', '--state', state, '--cosign');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/5 signed tree head\(s\), each extending the one before/);
    expect(first.out).toMatch(/entry 3 \(leaf [0-9a-f]{64}\) is in the log/);
    // Not yet known to the server: it prints its key for staff to add.
    const pem = first.out.slice(first.out.indexOf('-----BEGIN PUBLIC KEY-----'));
    const admin = await makeUser(t.deps, 'program_admin');
    const c = await loginClient(t.app, admin.email, TEST_PASSWORD);
    const added = await c.request('POST', '/api/v1/audit/witnesses', {
      name: 'A citizen with a script',
      publicKeyPem: pem.slice(0, pem.indexOf('-----END PUBLIC KEY-----') + 24),
    });
    expect(added.statusCode).toBe(201);
    await chainAndSign(t.deps);
    const second = await run(base, '--state', state, '--cosign');
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/cosigned the head of size \d+/);
    expect(second.out).toMatch(/extends the head of size \d+ saved earlier/);

    const unknown = await run(base, '--leaf', 'ab'.repeat(32));
    expect(unknown.code).toBe(1);
    expect(unknown.out).toMatch(/no inclusion proof .* 404/);

    // The insider rewrites from entry 4 and re-signs with the real key: the server's own heads are
    // consistent again, but not with what this verifier saved.
    await rewriteFrom(t, 4);
    const fresh = await run(base);
    expect(fresh.code).toBe(0);
    const caught = await run(base, '--state', state);
    expect(caught.code).toBe(1);
    expect(caught.out).toMatch(/ALARM .*(two different heads|does not extend|moved backwards)/);
  });

  it('usage errors exit 2, an unreachable server 3', async () => {
    expect((await run()).code).toBe(2);
    expect((await run(base, '--seq', 'x')).code).toBe(2);
    expect((await run('http://127.0.0.1:9')).code).toBe(3);
  });
});

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { consentBody, remittanceWorld } from './remittances.fixtures.ts';

// The reference client banks are given (scripts/bank-signed-request.mjs) against a listening
// Markaz: its key pair, its hand-built signature base and digest are what the server accepts.
const run = promisify(execFile);
let t: TestApp;
let w: Awaited<ReturnType<typeof remittanceWorld>>;
let origin: string;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  t.clock.set(new Date().toISOString()); // the script signs with the real time
  w = await remittanceWorld(t);
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t.close());

describe('the reference bank client', () => {
  it('makes a key pair, signs a batch, and Markaz keeps it when signing is required', async () => {
    const bank = await w.bank('Script Bank');
    const f = await w.freelancer(bank);
    await f.client.post('/api/v1/remittances/consents', consentBody(bank.id, f.iban));
    const dir = await mkdtemp(join(tmpdir(), 'bank-client-'));
    const script = join(process.cwd(), 'scripts/bank-signed-request.mjs');
    await run(process.execPath, [script, 'keygen', 'hbl'], { cwd: dir });
    const added = await bank.officer.post('/api/v1/remittances/bank/signing/keys', {
      keyId: 'hbl-script',
      alg: 'ed25519',
      publicKeyPem: await readFile(join(dir, 'hbl.pub'), 'utf8'),
    });
    expect(added.statusCode, added.body).toBe(200);
    await bank.officer.request('PUT', '/api/v1/remittances/bank/signing/required', { required: true });
    const body = {
      lines: [
        { month: '2026-10', iban: f.iban, holderHash: f.holderHash, purposeCode: '9184', usdMinor: 99_000 },
      ],
    };
    await writeFile(join(dir, 'batch.json'), JSON.stringify(body));
    const args = [
      '--api-key',
      bank.apiKey,
      '--key',
      'hbl.key',
      '--keyid',
      'hbl-script',
      '--body',
      'batch.json',
    ];
    const sent = await run(
      process.execPath,
      [script, 'send', `${origin}/api/v1/remittances/batches`, ...args],
      {
        cwd: dir,
      },
    );
    expect(sent.stdout).toMatch(/^201 /);
    const listed = await run(
      process.execPath,
      [script, 'send', `${origin}/api/v1/remittances/batches`, '--method', 'GET', ...args.slice(0, 6)],
      { cwd: dir },
    );
    expect(listed.stdout).toMatch(/^200 /);
    // Signed with a key Markaz does not know: the script exits non-zero with the problem.
    const unknown = await run(
      process.execPath,
      [
        script,
        'send',
        `${origin}/api/v1/remittances/batches`,
        ...args.slice(0, 4),
        '--keyid',
        'other',
        '--body',
        'batch.json',
      ],
      {
        cwd: dir,
      },
    ).catch((e: { stdout: string }) => e);
    expect(unknown.stdout).toContain('sig_unknown_key');
  });
});

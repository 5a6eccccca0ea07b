import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPglite, createPglite } from '../db/connect.ts';

// End to end through the real `markaz` command on an embedded database in a temporary folder.
// Each process start costs seconds, so there are few of them and they build on each other.

const BIN = resolve('bin/markaz.js');
let dataDir: string;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'markaz-cli-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

type Run = { code: number; stdout: string; stderr: string };

function markaz(...args: string[]): Promise<Run> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    TZ: 'UTC',
    MARKAZ_DATA_DIR: dataDir,
    MARKAZ_SCRYPT_COST: '1024',
    MARKAZ_LOG_LEVEL: 'silent',
  };
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { env, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      done({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

describe('markaz CLI', () => {
  it('user add creates an account; the same email again fails with a clear message', async () => {
    const first = await markaz(
      'user',
      'add',
      '--role',
      'auditor',
      '--email',
      'Auditor@CLI.pk',
      '--name',
      'CLI Auditor',
      '--password',
      'a-long-enough-pass',
    );
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Created auditor auditor@cli\.pk \([0-9a-f-]{36}\)$/m);
    expect(first.stdout).not.toContain('One-time password');

    const again = await markaz('user', 'add', '--role', 'auditor', '--email', 'auditor@cli.pk');
    expect(again.code).not.toBe(0);
    expect(again.stderr.trim()).toBe('Error: email is already registered');
    expect(again.stdout).toBe('');
  }, 120_000);

  it('audit verify chains, signs and reports OK; after tampering it names the entry and exits 1', async () => {
    const ok = await markaz('audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^OK: 1 entries, 1 signed checkpoints verified; head [0-9a-f]{64}$/m);

    // Someone with the data folder edits the log behind the trigger's back.
    const pglite = await createPglite({ dataDir: join(dataDir, 'pgdata') });
    const conn = connectPglite(pglite);
    try {
      const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM users`.execute(conn.db);
      expect(rows.rows[0]!.n).toBe(1);
      await conn.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL session_replication_role = replica`.execute(trx);
        await sql`UPDATE audit_log SET details = '{"role":"program_admin"}' WHERE chain_seq = 1`.execute(trx);
      });
    } finally {
      await conn.close();
    }

    const broken = await markaz('audit', 'verify', '--json');
    expect(broken.code).toBe(1);
    const result = JSON.parse(broken.stdout);
    expect(result).toMatchObject({
      ok: false,
      broken: { chainSeq: 1, reason: 'its contents were altered after it was chained' },
    });
    expect(result.broken.id).toBeGreaterThan(0);
  }, 120_000);

  it('events list and retry answer on an empty outbox; a retry of an unknown delivery fails clearly', {
    timeout: 90_000,
  }, async () => {
    const list = await markaz('events', 'list', '--status', 'dead', '--json');
    expect(list.stderr).toBe('');
    expect(JSON.parse(list.stdout)).toEqual([]);
    const one = await markaz('events', 'retry', '00000000-0000-4000-8000-000000000000', 'notifications.x');
    expect(one.code).toBe(1);
    expect(one.stderr.trim()).toBe('Error: Event delivery not found');
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPglite, createPglite } from '../db/connect.ts';

// End to end through the real `markaz` command on an embedded database in a temporary folder.
// Each process start costs seconds, so there are few of them and they build on each other.

const BIN = resolve('bin/markaz.js');
let dataDir: string;

// The database is migrated once, up front, with room for a loaded machine: a command's first start
// on a fresh folder runs every migration, which under CI's load can take longer than one command
// is given (each was then killed half-way, and the next began the migrations again).
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'markaz-cli-'));
  const migrated = await markaz('migrate');
  if (migrated.code !== 0) throw new Error(`markaz migrate failed (${migrated.code}): ${migrated.stderr}`);
}, 600_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

type Run = { code: number; stdout: string; stderr: string };

function markaz(...args: string[]): Promise<Run> {
  return markazWith({}, ...args);
}

function markazWith(extra: Record<string, string>, ...args: string[]): Promise<Run> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    TZ: 'UTC',
    MARKAZ_DATA_DIR: dataDir,
    MARKAZ_SCRYPT_COST: '1024',
    MARKAZ_LOG_LEVEL: 'silent',
    ...extra,
  };
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { env, timeout: 300_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      done({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

describe('markaz CLI', () => {
  it('--help exits 0 and lists every command, and the exit codes; --version prints package.json’s', async () => {
    const help = await markaz('--help');
    expect(help.code).toBe(0);
    for (const cmd of [
      'serve',
      'migrate',
      'seed',
      'backup',
      'restore',
      'user',
      'cob',
      'loans',
      'ledger',
      'audit',
    ])
      expect(help.stdout).toMatch(new RegExp(`^  ${cmd}\\b`, 'm'));
    expect(help.stdout).toMatch(/^Exit codes:/m);
    for (const code of [0, 1, 2, 3, 4]) expect(help.stdout).toMatch(new RegExp(`^  ${code}  `, 'm'));

    const version = await markaz('--version');
    expect(version.code).toBe(0);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(version.stdout.trim()).toBe(pkg.version);
  }, 360_000);

  it('exits 2 on a usage error: unknown command, unknown option, bad or missing argument', async () => {
    const runs = await Promise.all([
      markaz('no-such-command'),
      markaz('ledger', 'verify', '--no-such-option'),
      markaz('cob', 'run', '--date', 'not-a-date'),
      markaz('seed'),
      markaz('loans', 'schedule', '--principal', '1000', '--months', '0'),
    ]);
    for (const r of runs) {
      expect(r.code).toBe(2);
      expect(r.stderr).not.toBe('');
    }
    expect(runs[0]!.stderr).toMatch(/unknown command 'no-such-command'/);
    expect(runs[2]!.stderr).toMatch(/must be a date/);
  }, 360_000);

  it('exits 3 on a configuration error and 4 when the database cannot be reached', async () => {
    const config = await markazWith({ MARKAZ_SCRYPT_COST: '1000' }, 'ledger', 'verify');
    expect(config.code).toBe(3);
    expect(config.stderr).toMatch(/MARKAZ_SCRYPT_COST/);
    const down = await markazWith({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }, 'ledger', 'verify');
    expect(down.code).toBe(4);
    expect(down.stderr).toMatch(/ECONNREFUSED/);
  }, 360_000);

  it('loans schedule prints a table, or JSON with --json (it reads the calendar, stores nothing)', async () => {
    const args = ['loans', 'schedule', '--principal', '60000', '--months', '3', '--start', '2026-01-10'];
    const table = await markaz(...args);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^\s*1\s+2026-02-10\s+20,000\.00$/m);
    expect(table.stdout).toMatch(/^\s+total\s+60,000\.00$/m);
    const json = await markaz(...args, '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({
      principalMinor: 6_000_000,
      instalments: [{ number: 1 }, {}, {}],
    });
  }, 360_000);

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
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe('Error: email is already registered');
    expect(again.stdout).toBe('');
  }, 360_000);

  it('audit verify chains, signs and reports OK; after tampering it names the entry and exits 1', async () => {
    // Verifying never writes: chaining and signing are the job's (or `markaz audit sign`'s).
    const signed = await markaz('audit', 'sign');
    expect(signed.code).toBe(0);
    const ok = await markaz('audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^OK: 1 entries, 1 signed tree heads/m);

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
  }, 360_000);

  it('keys rotate hands the audit key over to a new one; keys list shows both with their periods', async () => {
    expect((await markaz('keys', 'rotate', 'nope')).code).toBe(2);
    const rotated = await markaz('keys', 'rotate', 'audit', '--json');
    expect(rotated.code).toBe(0);
    const r = JSON.parse(rotated.stdout);
    expect(r).toMatchObject({ name: 'audit', previousKeyId: expect.any(String), keyId: expect.any(String) });
    const list = await markaz('keys', 'list', '--json');
    const audit = JSON.parse(list.stdout).filter((k: { name: string }) => k.name === 'audit');
    expect(audit).toEqual([
      expect.objectContaining({
        keyId: r.keyId,
        retiredAt: null,
        handover: expect.objectContaining({ previousKeyId: r.previousKeyId }),
      }),
      expect.objectContaining({ keyId: r.previousKeyId, retiredAt: expect.any(String) }),
    ]);
    expect((await markaz('keys', 'list')).stdout).toMatch(new RegExp(`audit +${r.keyId} .* current`));
  }, 360_000);

  it('events list and retry answer on an empty outbox; a retry of an unknown delivery fails clearly', {
    timeout: 360_000,
  }, async () => {
    const list = await markaz('events', 'list', '--status', 'dead', '--json');
    expect(list.stderr).toBe('');
    expect(JSON.parse(list.stdout)).toEqual([]);
    const one = await markaz('events', 'retry', '00000000-0000-4000-8000-000000000000', 'notifications.x');
    expect(one.code).toBe(1);
    expect(one.stderr.trim()).toBe('Error: Event delivery not found');
  });

  it('ledger verify says OK for people and the figures with --json', async () => {
    const human = await markaz('ledger', 'verify');
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^OK: 0 transactions, 0 entries balance/m);
    const json = await markaz('ledger', 'verify', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, problems: [] });
  }, 360_000);
});

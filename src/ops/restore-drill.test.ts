import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areas } from '../areas.ts';
import { testConfig } from '../config.ts';
import { type Connection, connectPglite, connectPostgres, createPglite } from '../db/connect.ts';
import { seedNational } from '../demo/national/seed-national.ts';
import { type Deps, silentLogger } from '../deps.ts';
import { verifyChain } from '../modules/audit/index.ts';
import { closeOfBusiness, verifyLedger } from '../modules/loans/index.ts';
import { fixedClock } from '../shared/time.ts';
import { createTestDb } from '../testing/test-db.ts';
import { backup, hasPgDump, restorePostgres, tableCounts } from './backup.ts';

// The restore drill docs/operations.md asks operators to run, on a small national dataset:
// back up, restore into a fresh database, and check that the audit chain and the ledger verify
// and that every table has the same number of rows.
describe('restore drill', () => {
  let conn: Connection;
  let deps: Deps;
  const dir = mkdtempSync(join(tmpdir(), 'markaz-drill-'));
  const clock = fixedClock('2026-11-28T07:00:00Z');

  beforeAll(async () => {
    conn = await createTestDb();
    deps = { areas, db: conn.db, clock, config: testConfig(), log: silentLogger };
    await seedNational(deps, {
      centers: 6,
      seatsPerCenter: 8,
      freelancers: 150,
      days: 3,
      loans: 20,
      seed: 3,
      today: '2026-11-28',
    });
    // The nightly close posts subsidy accruals, so the ledger has every kind of transaction.
    const cob = await closeOfBusiness(deps, '2026-11-28');
    expect(cob.accruedLoans).toBeGreaterThan(0);
  }, 300_000);
  afterAll(async () => {
    await conn?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function checkRestored(restored: Deps, before: Record<string, number>) {
    expect(await tableCounts(restored.db)).toEqual(before);
    const chain = await verifyChain(restored);
    expect(chain.broken).toBeNull();
    expect(chain.ok).toBe(true);
    expect(chain.checkedEntries).toBeGreaterThan(0);
    const ledger = await verifyLedger(restored);
    expect(ledger.problems).toEqual([]);
    expect(ledger.ok).toBe(true);
    expect(ledger.entries).toBeGreaterThan(0);
  }

  it('backs up and restores into a fresh database, and everything verifies', async () => {
    const before = await tableCounts(conn.db);
    expect(before.bookings).toBeGreaterThan(0);
    const file = join(dir, conn.kind === 'pglite' ? 'markaz.tar.gz' : 'markaz.dump');
    if (conn.kind === 'pglite') {
      const { bytes } = await backup(conn, file);
      expect(bytes).toBeGreaterThan(1000);
      const restored = connectPglite(await createPglite({ loadDataDir: new Blob([readFileSync(file)]) }));
      try {
        await checkRestored({ ...deps, db: restored.db }, before);
      } finally {
        await restored.close();
      }
      return;
    }
    if (!(await hasPgDump())) return; // pg_dump/pg_restore not on PATH: the PGlite run covers the drill
    await backup(conn, file);
    const admin = connectPostgres(process.env.TEST_DATABASE_URL!, 1);
    const name = `markaz_drill_${randomBytes(5).toString('hex')}`;
    await sql`CREATE DATABASE ${sql.id(name)} TEMPLATE template0`.execute(admin.db);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    try {
      await restorePostgres(file, url.toString());
      const restored = connectPostgres(url.toString(), 2);
      try {
        await checkRestored({ ...deps, db: restored.db }, before);
      } finally {
        await restored.close();
      }
    } finally {
      await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin.db);
      await admin.close();
    }
  }, 300_000);

  it('a tampered restore does not verify (the drill can fail)', async () => {
    const file = join(dir, 'tampered.tar.gz');
    if (conn.kind !== 'pglite') return; // one tampering check is enough; PGlite runs it
    await backup(conn, file);
    const restored = connectPglite(await createPglite({ loadDataDir: new Blob([readFileSync(file)]) }));
    try {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(restored.db);
      await sql`UPDATE audit_log SET details = '{"tampered":true}' WHERE id = (SELECT min(id) FROM audit_log)`.execute(
        restored.db,
      );
      const chain = await verifyChain({ ...deps, db: restored.db });
      expect(chain.ok).toBe(false);
    } finally {
      await restored.close();
    }
  }, 300_000);
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../db/connect.ts';
import { createTestDb } from '../testing/test-db.ts';
import { CITUS_PLAN } from './citus-plan.ts';

// The Citus plan in docs/operations.md, checked against the schema the migrations build: every
// table is placed, and every key and foreign key of the distributed tables would survive.
describe('the Citus distribution plan matches the schema', () => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await createTestDb();
  });
  afterAll(async () => {
    await conn?.close();
  });

  const distributed = new Set<string>(CITUS_PLAN.distributed);
  const reference = new Set<string>(CITUS_PLAN.reference);
  const dropped = new Set<string>(CITUS_PLAN.dropForeignKeys);

  it('places every table exactly once', async () => {
    const tables = await sql<{ t: string }>`
      SELECT table_name AS t FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`.execute(conn.db);
    const planned = [...CITUS_PLAN.distributed, ...CITUS_PLAN.reference, ...CITUS_PLAN.local];
    expect(new Set(planned).size).toBe(planned.length);
    expect([...planned].sort()).toEqual(tables.rows.map((r) => r.t).sort());
  });

  it('distributed tables carry center_id in every primary key, unique and exclusion constraint', async () => {
    const rows = await sql<{ tbl: string; name: string; cols: string[] }>`
      SELECT c.relname AS tbl, i.relname AS name,
             array(SELECT a.attname::text FROM unnest(x.indkey) k JOIN pg_attribute a
                     ON a.attrelid = x.indrelid AND a.attnum = k) AS cols
        FROM pg_index x
        JOIN pg_class c ON c.oid = x.indrelid
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
       WHERE x.indisunique OR x.indisexclusion`.execute(conn.db);
    const bad = rows.rows.filter((r) => distributed.has(r.tbl) && !r.cols.includes('center_id'));
    expect(bad.map((r) => `${r.tbl}.${r.name}`)).toEqual([]);
  });

  it('foreign keys of distributed and reference tables point where Citus allows, or are listed to drop', async () => {
    const fks = await sql<{ name: string; src: string; dst: string; cols: string[] }>`
      SELECT con.conname AS name, s.relname AS src, d.relname AS dst,
             array(SELECT a.attname::text FROM unnest(con.conkey) k JOIN pg_attribute a
                     ON a.attrelid = con.conrelid AND a.attnum = k) AS cols
        FROM pg_constraint con
        JOIN pg_class s ON s.oid = con.conrelid
        JOIN pg_class d ON d.oid = con.confrelid
        JOIN pg_namespace n ON n.oid = s.relnamespace AND n.nspname = 'public'
       WHERE con.contype = 'f'`.execute(conn.db);
    const problems: string[] = [];
    for (const fk of fks.rows) {
      if (distributed.has(fk.src)) {
        const ok =
          reference.has(fk.dst) ||
          (distributed.has(fk.dst) && fk.cols[0] === 'center_id') ||
          dropped.has(fk.name);
        if (!ok) problems.push(`${fk.name}: ${fk.src} → ${fk.dst}`);
      } else if (reference.has(fk.src) && !reference.has(fk.dst)) {
        problems.push(`${fk.name}: reference ${fk.src} → ${fk.dst}`);
      }
    }
    expect(problems).toEqual([]);
    // Every foreign key the plan drops exists (a stale name would hide a new one).
    const names = new Set(fks.rows.map((f) => f.name));
    expect(CITUS_PLAN.dropForeignKeys.filter((n) => !names.has(n))).toEqual([]);
  });
});

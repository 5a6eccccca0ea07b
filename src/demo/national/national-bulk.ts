import { sql } from 'kysely';
import type { Gen } from './national-sql.ts';

/** An index or foreign key of a table, as the catalogue prints it, to drop before a bulk load and re-create after. */
type Def = { kind: 'index' | 'foreign key'; name: string; def: string };

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Captures a table's secondary btree indexes and its foreign keys from the catalogue
 * (pg_get_indexdef, pg_get_constraintdef: so it stays right whatever the migrations made of them).
 * Kept: the primary key and unique constraints, any index a constraint relies on, and the GiST indexes
 * and exclusion constraints. PostgreSQL 15's GiST build for uuid and range keys has no sorted mode: it
 * inserts row by row, and one build after the load measured as slow as keeping the index during it
 * (1.1 million bookings: 108 s for the three GiST builds), while during a load on two connections the
 * two backends share that work.
 */
async function secondaryDefs(g: Gen, table: string): Promise<Def[]> {
  const r = await sql<Def>`
    SELECT 'index' AS kind, c.relname AS name, pg_get_indexdef(i.indexrelid) AS def, 1 AS ord
      FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
     WHERE i.indrelid = ${table}::regclass AND am.amname = 'btree'
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
    UNION ALL
    SELECT 'foreign key', conname, pg_get_constraintdef(oid), 2
      FROM pg_constraint
     WHERE conrelid = ${table}::regclass AND contype = 'f'
     ORDER BY ord, name`.execute(g.db);
  return r.rows.map(({ kind, name, def }) => ({ kind, name, def }));
}

/**
 * Loads an empty table with its secondary btree indexes and foreign keys dropped, then re-creates
 * them: one sorted index build (in maintenance_work_mem, with parallel workers) instead of a random
 * btree insert and two foreign-key lookups per row. The foreign keys are re-added NOT VALID and then
 * validated: one anti-join each.
 *
 * The drop commits, so that the load can run on more than one connection; the indexes and keys are
 * re-created in `finally`, after emptying the table again if the load failed, so a failure half-way
 * leaves the schema as it was (only a killed process leaves them missing: load again into a fresh
 * database). The re-creation is its own progress stage, so the load's rows per second stay honest.
 * A table that is not empty is loaded as it is.
 */
export async function loadWithoutSecondaryIndexes(
  g: Gen,
  table: string,
  load: () => Promise<void>,
): Promise<void> {
  const rows = await sql`SELECT 1 FROM ${sql.table(table)} LIMIT 1`.execute(g.db);
  if (rows.rows.length) return load();
  const defs = await secondaryDefs(g, table);
  await sql`BEGIN`.execute(g.db);
  try {
    for (const d of defs)
      await g.run(
        d.kind === 'index'
          ? `DROP INDEX ${q(d.name)}`
          : `ALTER TABLE ${q(table)} DROP CONSTRAINT ${q(d.name)}`,
      );
    await sql`COMMIT`.execute(g.db);
  } catch (e) {
    await sql`ROLLBACK`.execute(g.db).catch(() => {});
    throw e;
  }
  let failed = false;
  try {
    await load();
  } catch (e) {
    failed = true;
    await g.run(`TRUNCATE ${q(table)}`);
    throw e;
  } finally {
    if (!failed) g.progress.begin(`${table}: indexes, foreign keys`, table, defs.length);
    await sql`SET maintenance_work_mem = '1GB'`.execute(g.db);
    try {
      for (const d of defs) {
        if (d.kind === 'index') await g.run(d.def);
        else {
          await g.run(`ALTER TABLE ${q(table)} ADD CONSTRAINT ${q(d.name)} ${d.def} NOT VALID`);
          await g.run(`ALTER TABLE ${q(table)} VALIDATE CONSTRAINT ${q(d.name)}`);
        }
        if (!failed) g.progress.step(0);
      }
    } finally {
      await sql`RESET maintenance_work_mem`.execute(g.db);
    }
    if (!failed) g.progress.end();
  }
}

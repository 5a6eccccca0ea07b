import { sql } from 'kysely';
import type { Gen } from './national-sql.ts';

/** An index or constraint of a table, as the catalogue prints it, to drop before a bulk load and re-create after. */
type Def = { kind: 'index' | 'exclusion' | 'foreign key'; name: string; def: string };

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Captures a table's secondary indexes, exclusion constraints and foreign keys from the catalogue
 * (pg_get_indexdef, pg_get_constraintdef: so it stays right whatever the migrations made of them).
 * Kept: the primary key, unique constraints and any index another table's foreign key relies on.
 */
async function secondaryDefs(g: Gen, table: string): Promise<Def[]> {
  const r = await sql<Def>`
    SELECT 'index' AS kind, c.relname AS name, pg_get_indexdef(i.indexrelid) AS def, 1 AS ord
      FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = ${table}::regclass
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
    UNION ALL
    SELECT CASE contype WHEN 'x' THEN 'exclusion' ELSE 'foreign key' END, conname, pg_get_constraintdef(oid),
           CASE contype WHEN 'x' THEN 2 ELSE 3 END
      FROM pg_constraint
     WHERE conrelid = ${table}::regclass AND contype IN ('x', 'f')
     ORDER BY ord, name`.execute(g.db);
  return r.rows.map(({ kind, name, def }) => ({ kind, name, def }));
}

/**
 * Loads an empty table with its secondary indexes, exclusion constraints and foreign keys dropped,
 * then re-creates them: one bulk index build (sorted, in maintenance_work_mem) instead of a GiST and
 * btree insert and two foreign-key lookups per row. Re-adding the exclusion constraints proves no two
 * active bookings overlap; the foreign keys are re-added NOT VALID and then validated (one anti-join).
 *
 * All of it runs in one transaction (PostgreSQL's DDL is transactional), so a failure half-way rolls
 * back to the empty table with its schema intact. The re-creation is its own progress stage, so the
 * load's rows per second stay honest. A table that is not empty is loaded as it is.
 */
export async function loadWithoutSecondaryIndexes(
  g: Gen,
  table: string,
  load: () => Promise<void>,
): Promise<void> {
  const rows = await sql`SELECT 1 FROM ${sql.table(table)} LIMIT 1`.execute(g.db);
  if (rows.rows.length) return load();
  await sql`BEGIN`.execute(g.db);
  try {
    const defs = await secondaryDefs(g, table);
    for (const d of [...defs].reverse())
      await g.run(
        d.kind === 'index'
          ? `DROP INDEX ${q(d.name)}`
          : `ALTER TABLE ${q(table)} DROP CONSTRAINT ${q(d.name)}`,
      );
    await load();
    g.progress.begin(`${table}: indexes, constraints, keys`, table, defs.length);
    await sql`SET LOCAL maintenance_work_mem = '1GB'`.execute(g.db);
    for (const d of defs) {
      if (d.kind === 'index') await g.run(d.def);
      else if (d.kind === 'exclusion')
        await g.run(`ALTER TABLE ${q(table)} ADD CONSTRAINT ${q(d.name)} ${d.def}`);
      else {
        await g.run(`ALTER TABLE ${q(table)} ADD CONSTRAINT ${q(d.name)} ${d.def} NOT VALID`);
        await g.run(`ALTER TABLE ${q(table)} VALIDATE CONSTRAINT ${q(d.name)}`);
      }
      g.progress.step(0);
    }
    g.progress.end();
    await sql`COMMIT`.execute(g.db);
  } catch (e) {
    await sql`ROLLBACK`.execute(g.db).catch(() => {});
    throw e;
  }
}

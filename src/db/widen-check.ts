import { type Kysely, sql } from 'kysely';

/**
 * Widens a CHECK constraint by OR-ing a condition onto whatever it says now, so a migration does
 * not need to know (and cannot undo) what other migrations, landing in parallel, added to it.
 * For migrations only.
 */
export async function widenCheck(
  db: Kysely<unknown>,
  table: string,
  name: string,
  extra: string,
): Promise<void> {
  const r = await sql<{ def: string }>`
    SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
      JOIN pg_class t ON t.oid = c.conrelid
     WHERE t.relname = ${table} AND c.conname = ${name}`.execute(db);
  const def = r.rows[0]?.def;
  if (!def?.startsWith('CHECK ')) throw new Error(`constraint ${name} on ${table} not found`);
  await sql`ALTER TABLE ${sql.ref(table)} DROP CONSTRAINT ${sql.ref(name)}`.execute(db);
  await sql`ALTER TABLE ${sql.ref(table)} ADD CONSTRAINT ${sql.ref(name)}
    CHECK (${sql.raw(def.slice('CHECK '.length))} OR ${sql.raw(extra)})`.execute(db);
}

/** Lets `table`'s CHECK on `column` (named `<table>_<column>_check`) also accept `values`. */
export async function allowValues(db: Kysely<unknown>, table: string, column: string, values: string[]) {
  const list = values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
  await widenCheck(db, table, `${table}_${column}_check`, `${column} IN (${list})`);
}

import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';
import { type BlindKind, PII_FORMAT, PiiCipher, type PiiPurpose, piiCipher } from './pii.ts';

/**
 * A table's personal columns, declared by the area that owns it (`personalData` in its manifest).
 * The sweep below encrypts any value still in clear and re-encrypts any value made with a retired
 * data key; a column with `blind` also gets its blind index written.
 */
export type PersonalField = {
  table: string;
  /** The row's key column, unique and never null (the sweep pages by it): part of every ciphertext's additional data. */
  id: string;
  purpose: PiiPurpose;
  columns: readonly { name: string; blind?: { column: string; kind: BlindKind } }[];
};

type Row = Record<string, string | null>;

/**
 * A table swept until a pass finds nothing stale (at most `MAX_PASSES`): a pass goes once through
 * the keys, so a row it skipped (changed between its read and its write) or one written in clear
 * behind it meanwhile (an older server in a rolling deploy, a bulk load) is left to the next pass.
 * `clean` is false when the last pass still found rows: the caller then keeps its reason to sweep.
 */
const MAX_PASSES = 10;
async function sweepTable(
  deps: Pick<Deps, 'db' | 'config'>,
  f: PersonalField,
  batch: number,
): Promise<{ rewritten: number; clean: boolean }> {
  let rewritten = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const p = await sweepPass(deps, f, batch);
    rewritten += p.rewritten;
    if (p.read === 0) return { rewritten, clean: true };
  }
  return { rewritten, clean: false };
}

/**
 * One pass over one table, in key order (`f.id` is unique and never null): rows whose personal
 * columns are in clear or under an old key, `batch` at a time. Each batch is one UPDATE (the new
 * values as a JSON array read with the table's own row type, so the key is compared as what it is
 * and its index is used), and a row is rewritten only if its personal columns did not change
 * meanwhile (the guard), so the service keeps running while it works. Returns how many stale rows
 * it read and how many it rewrote. A million clear rows take a minute or two, not the hours of one
 * UPDATE a row behind a cast key (`id::text = …`, which no index serves).
 */
async function sweepPass(
  deps: Pick<Deps, 'db' | 'config'>,
  f: PersonalField,
  batch: number,
): Promise<{ read: number; rewritten: number }> {
  let total = 0;
  let read = 0;
  let after: string | null = null;
  for (;;) {
    const pii = await piiCipher(deps);
    const current = `${PII_FORMAT}.${pii.currentKeyId(f.purpose)}.%`;
    const stale = sql.join(
      f.columns.map((c) => sql`(${sql.ref(c.name)} IS NOT NULL AND ${sql.ref(c.name)} NOT LIKE ${current})`),
      sql` OR `,
    );
    const cols = sql.join([sql`${sql.ref(f.id)}::text AS "__id"`, ...f.columns.map((c) => sql.ref(c.name))]);
    const from: ReturnType<typeof sql<boolean>> =
      after === null ? sql`TRUE` : sql`${sql.ref(f.id)} > ${after}`;
    const { rows }: { rows: Row[] } = await sql<Row>`SELECT ${cols} FROM ${sql.table(f.table)}
      WHERE (${stale}) AND ${from} ORDER BY ${sql.ref(f.id)} LIMIT ${batch}`.execute(deps.db);
    if (rows.length === 0) return { read, rewritten: total };
    read += rows.length;
    after = rows[rows.length - 1]!.__id!;
    // Per row: its key, and per personal column the new sealed value (null stays null) and its
    // blind index; `old` holds what was read, for the guard.
    const fresh: Record<string, string | null>[] = [];
    const old: Record<string, Record<string, string | null>> = {};
    for (const row of rows) {
      const id = row.__id!;
      const next: Record<string, string | null> = { [f.id]: id };
      old[id] = {};
      for (const c of f.columns) {
        const was = row[c.name] ?? null;
        old[id][c.name] = was;
        const place = { table: f.table, column: c.name, id };
        const clear = was === null ? null : PiiCipher.keyIdOf(was) === null ? was : pii.open(was, place);
        next[c.name] = clear === null ? null : (pii.seal(f.purpose, clear, place) as unknown as string);
        if (c.blind) next[c.blind.column] = clear === null ? null : pii.blind(c.blind.kind, clear);
      }
      fresh.push(next);
    }
    const t = sql.table(f.table);
    const sets = f.columns.flatMap((c) => [
      sql`${sql.ref(c.name)} = n.${sql.ref(c.name)}`,
      ...(c.blind
        ? [
            sql`${sql.ref(c.blind.column)} = CASE WHEN n.${sql.ref(c.name)} IS NULL THEN t.${sql.ref(c.blind.column)} ELSE n.${sql.ref(c.blind.column)} END`,
          ]
        : []),
    ]);
    const guards = f.columns.map(
      (c) =>
        sql`t.${sql.ref(c.name)} IS NOT DISTINCT FROM (g.old -> (t.${sql.ref(f.id)}::text) ->> ${c.name})`,
    );
    const r = await sql`UPDATE ${t} AS t SET ${sql.join(sets)}
        FROM json_populate_recordset(NULL::${t}, ${JSON.stringify(fresh)}::json) AS n,
             (SELECT ${JSON.stringify(old)}::jsonb AS old) AS g
       WHERE t.${sql.ref(f.id)} = n.${sql.ref(f.id)} AND ${sql.join(guards, sql` AND `)}`.execute(deps.db);
    total += Number(r.numAffectedRows ?? 0);
  }
}

/** Every declared table; then every retired data key no row uses any more is marked drained. */
export async function sweepPersonalData(
  deps: Pick<Deps, 'db' | 'config' | 'clock' | 'areas'>,
  opts: { batch?: number; onTable?: (table: string, rows: number) => void } = {},
): Promise<{ rewritten: Record<string, number>; drained: string[]; clean: boolean }> {
  const rewritten: Record<string, number> = {};
  const fields = deps.areas.list.flatMap((a) => a.personalData ?? []);
  let clean = true;
  for (const f of fields) {
    const t = await sweepTable(deps, f, opts.batch ?? 500);
    rewritten[f.table] = (rewritten[f.table] ?? 0) + t.rewritten;
    clean &&= t.clean;
    opts.onTable?.(f.table, t.rewritten);
  }
  const drained: string[] = [];
  // Another process may seal with a key for up to 30 s after it was retired (it reads the keys
  // again every 30 s): a key is called drained only once that time has surely passed.
  const settled = new Date(deps.clock.now().getTime() - 60_000);
  const retired = await deps.db
    .selectFrom('pii_keys')
    .select(['id', 'purpose'])
    .where('retired_at', '<', settled)
    .where('drained_at', 'is', null)
    .execute();
  for (const k of retired) {
    let used = false;
    for (const f of fields.filter((x) => x.purpose === k.purpose))
      for (const c of f.columns) {
        const hit =
          await sql`SELECT 1 FROM ${sql.table(f.table)} WHERE ${sql.ref(c.name)} LIKE ${`${PII_FORMAT}.${k.id}.%`} LIMIT 1`.execute(
            deps.db,
          );
        used ||= hit.rows.length > 0;
      }
    if (!used) {
      await deps.db
        .updateTable('pii_keys')
        .set({ drained_at: deps.clock.now() })
        .where('id', '=', k.id)
        .execute();
      drained.push(k.id);
    }
  }
  return { rewritten, drained, clean };
}

/** Whether a rotation is still being worked through: a retired data key not yet drained. */
export async function rotationPending(deps: Pick<Deps, 'db'>): Promise<boolean> {
  const row = await deps.db
    .selectFrom('pii_keys')
    .select('id')
    .where('retired_at', 'is not', null)
    .where('drained_at', 'is', null)
    .executeTakeFirst();
  return Boolean(row);
}

/**
 * Run after the migrations, before serving: when a migration (or a bulk load that wrote clear
 * rows) left the flag `pii_sweep_needed`, every personal column is encrypted now. This is how the
 * migration of issue 22 "gets the key": it does not; the application, which holds it, finishes it.
 */
export async function sweepIfNeeded(
  deps: Pick<Deps, 'db' | 'config' | 'clock' | 'areas'>,
): Promise<{ rewritten: Record<string, number>; drained: string[] } | null> {
  await piiCipher(deps); // makes the data keys on a new database, outside any transaction
  const flag = await deps.db
    .selectFrom('system_settings')
    .select('key')
    .where('key', '=', 'pii_sweep_needed')
    .executeTakeFirst();
  if (!flag) return null;
  const r = await sweepPersonalData(deps);
  // Rows still stale after every pass (something kept writing clear values): the next start sweeps again.
  if (r.clean) await deps.db.deleteFrom('system_settings').where('key', '=', 'pii_sweep_needed').execute();
  return r;
}

/** The background job: works through a rotation in batches while everything keeps running. */
export const personalDataRekeyJob = {
  kind: 'continuous' as const,
  name: 'personal-data-rekey',
  everySeconds: 30,
  run: async (deps: Deps) => ((await rotationPending(deps)) ? sweepPersonalData(deps) : null),
};

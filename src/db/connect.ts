import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';

export type Db = Kysely<Database>;
export type DbKind = 'pglite' | 'postgres';

export type Connection = {
  db: Db;
  kind: DbKind;
  /** The PGlite instance when embedded; lets tests dump and load data folders. */
  pglite?: PGlite;
  /** The connection string when on PostgreSQL. */
  url?: string;
  close(): Promise<void>;
};

const INT8 = 20;
const DATE = 1082;

/**
 * int8 is normalised here, once: `pg` returns strings, PGlite numbers. Markaz keeps counts and
 * money in safe integers; a value beyond 2^53 is a bug we want to hear about, not a silent rounding.
 */
export function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${text} is beyond a safe integer`);
  return n;
}

/** Calendar days stay 'YYYY-MM-DD' strings; a Date would drag a time zone into them. */
const parseDate = (text: string) => text;

export type PgliteOptions = { dataDir?: string; loadDataDir?: Blob | File };

export async function createPglite(opts: PgliteOptions = {}): Promise<PGlite> {
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const pglite = new PGlite({
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    extensions: { btree_gist },
    parsers: { [INT8]: parseInt8, [DATE]: parseDate },
  });
  await pglite.waitReady;
  return pglite;
}

export function connectPglite(pglite: PGlite): Connection {
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    pglite,
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

export function connectPostgres(url: string, poolSize = 10): Connection {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: string) => {
        if (oid === INT8) return parseInt8;
        if (oid === DATE) return parseDate;
        return pg.types.getTypeParser(oid, format as 'text');
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle pooled connection can fail at any time (the server restarts, a proxy drops it, an
  // operator terminates it). pg reports that as an 'error' event on the pool, and an unheard
  // 'error' event ends the Node process; the pool replaces the connection on next use instead.
  pool.on('error', (err: Error & { code?: string }) => {
    if (err.code === '57P01') return; // terminated by an administrator command (e.g. DROP DATABASE … FORCE)
    console.error(`PostgreSQL: an idle connection failed and was discarded: ${err.message}`);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', url, close: () => db.destroy() };
}

/** PostgreSQL when DATABASE_URL is set, otherwise the embedded PGlite in the data folder. */
export async function connectDatabase(config: {
  databaseUrl?: string | undefined;
  dataDir: string;
  databasePoolSize?: number;
}): Promise<Connection> {
  if (config.databaseUrl) return connectPostgres(config.databaseUrl, config.databasePoolSize);
  return connectPglite(await createPglite({ dataDir: `${config.dataDir}/pgdata` }));
}

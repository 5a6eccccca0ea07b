import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { areas } from '../areas.ts';
import type { Config } from '../config.ts';
import { type Connection, connectPglite, connectPostgres, createPglite } from '../db/connect.ts';
import { silentLogger } from '../deps.ts';
import { verifyChain } from '../modules/audit/index.ts';
import { verifyLedger } from '../modules/loans/index.ts';
import { systemClock } from '../shared/time.ts';
import { restorePostgres, tableCounts } from './backup.ts';

/**
 * `markaz restore`: into an empty target only (a fresh PGlite data folder, or an empty PostgreSQL
 * database), then the checks of the restore drill: the audit chain and the ledger verify.
 */
export async function restoreInto(config: Config, file: string): Promise<boolean> {
  let conn: Connection;
  if (config.databaseUrl) {
    conn = connectPostgres(config.databaseUrl, 2);
    const tables = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`.execute(
      conn.db,
    );
    if (tables.rows[0]!.n > 0) {
      await conn.close();
      console.error('The target database is not empty: restore into a freshly created one (createdb).');
      return false;
    }
    await conn.close();
    await restorePostgres(file, config.databaseUrl);
    conn = connectPostgres(config.databaseUrl, 2);
  } else {
    const dir = `${config.dataDir}/pgdata`;
    if (existsSync(dir) && readdirSync(dir).length > 0) {
      console.error(`${dir} is not empty: restore into a new MARKAZ_DATA_DIR.`);
      return false;
    }
    conn = connectPglite(await createPglite({ dataDir: dir, loadDataDir: new Blob([readFileSync(file)]) }));
  }
  try {
    const deps = { areas, db: conn.db, clock: systemClock, config, log: silentLogger };
    const counts = await tableCounts(conn.db);
    const chain = await verifyChain(deps);
    const ledger = await verifyLedger(deps);
    console.log(
      `Restored ${Object.values(counts).reduce((s, n) => s + n, 0)} rows in ${Object.keys(counts).length} tables ` +
        `(users ${counts.users ?? 0}, bookings ${counts.bookings ?? 0}, loans ${counts.loans ?? 0}).`,
    );
    console.log(
      `Audit chain: ${chain.ok ? `OK, ${chain.checkedEntries} entries` : `BROKEN: ${chain.broken?.reason}`}`,
    );
    console.log(
      `Ledger: ${ledger.ok ? `OK, ${ledger.entries} entries` : `PROBLEMS: ${ledger.problems.slice(0, 5).join('; ')}`}`,
    );
    return chain.ok && ledger.ok;
  } finally {
    await conn.close();
  }
}

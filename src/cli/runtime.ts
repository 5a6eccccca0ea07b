import { areas } from '../areas.ts';
import { type Config, ConfigError, loadConfig } from '../config.ts';
import { type Connection, connectDatabase } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { Deps, Logger } from '../deps.ts';
import { systemClock } from '../shared/time.ts';

/** Console logger for CLI commands: short lines, errors to stderr. */
export const cliLogger: Logger = {
  info: (o, m) => console.log(m ?? (typeof o === 'string' ? o : JSON.stringify(o))),
  warn: (o, m) => console.warn(m ?? (typeof o === 'string' ? o : JSON.stringify(o))),
  error: (o, m) => console.error(m ?? (o instanceof Error ? o.message : JSON.stringify(o))),
  debug: () => {},
};

export function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}

/** Opens the database (and migrates it) for a CLI command, and always closes it. */
export async function withDeps<T>(
  work: (deps: Deps, conn: Connection) => Promise<T>,
  opts: { migrate?: boolean } = {},
): Promise<T> {
  const config = configOrExit();
  const conn = await connectDatabase(config);
  try {
    if (opts.migrate !== false) await migrateToLatest(conn.db);
    return await work({ db: conn.db, clock: systemClock, config, log: cliLogger, areas }, conn);
  } finally {
    await conn.close();
  }
}

export function where(config: Config): string {
  return config.databaseUrl
    ? `PostgreSQL (${new URL(config.databaseUrl).host})`
    : `embedded PGlite in ${config.dataDir}`;
}

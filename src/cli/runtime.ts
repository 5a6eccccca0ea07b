import { areas } from '../areas.ts';
import { type Config, loadConfig } from '../config.ts';
import { type Connection, connectDatabase } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { Deps, Logger } from '../deps.ts';
import { sweepIfNeeded } from '../platform/keys/pii-sweep.ts';
import { systemClock } from '../shared/time.ts';
import { Phases, quietPhases } from './output.ts';

// What commands need once they run: the configuration, the database, deps. Loaded lazily by the
// commands' actions (src/cli/context.ts), so that `markaz --help` does not load the app.

/** Console logger for CLI commands: short lines, errors to stderr. */
export const cliLogger: Logger = {
  info: (o, m) => console.log(m ?? (typeof o === 'string' ? o : JSON.stringify(o))),
  warn: (o, m) => console.warn(m ?? (typeof o === 'string' ? o : JSON.stringify(o))),
  error: (o, m) => console.error(m ?? (o instanceof Error ? o.message : JSON.stringify(o))),
  debug: () => {},
};

/** The configuration; a ConfigError (exit 3) when the environment is wrong. */
export function cliConfig(): Config {
  return loadConfig();
}

export type WithDepsOptions = {
  /** Migrate to the latest version first (default true). */
  migrate?: boolean;
  /** Show the phases (opening, migrating) on stderr: for long commands. */
  progress?: boolean;
};

/** Opens the database (and migrates it) for a CLI command, and always closes it. */
export async function withDeps<T>(
  work: (deps: Deps, conn: Connection) => Promise<T>,
  opts: WithDepsOptions = {},
): Promise<T> {
  const config = cliConfig();
  const phases = opts.progress ? new Phases() : quietPhases;
  const conn = await phases.run(`opening ${where(config)}`, () => connectDatabase(config));
  try {
    const deps = { db: conn.db, clock: systemClock, config, log: cliLogger, areas };
    if (opts.migrate !== false) {
      await phases.run('migrating', () => migrateToLatest(conn.db));
      await phases.run('encrypting personal data left in clear', () => sweepIfNeeded(deps));
    }
    return await work(deps, conn);
  } finally {
    await conn.close();
  }
}

export function where(config: Config): string {
  return config.databaseUrl
    ? `PostgreSQL (${new URL(config.databaseUrl).host})`
    : `embedded PGlite in ${config.dataDir}`;
}

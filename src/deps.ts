import type { Config } from './config.ts';
import type { Db } from './db/connect.ts';
import type { Listen } from './db/listen.ts';
import type { AreaRegistry } from './platform/registry.ts';
import type { Clock } from './shared/time.ts';

export type Logger = {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
  debug(obj: unknown, msg?: string): void;
};

/**
 * What every service gets: the database, the clock, the configuration, a logger; and, when a read
 * replica is configured (DATABASE_READ_URL), `readDb` for the public read paths; and the composed
 * areas (src/areas.ts), for the portal's figures and in-transaction hooks.
 */
export type Deps = Readonly<{
  db: Db;
  clock: Clock;
  config: Config;
  log: Logger;
  readDb?: Db;
  areas: AreaRegistry;
  /** Hears the primary's NOTIFY messages (db/listen.ts), where the process has a way to. */
  listen?: Listen;
}>;

/**
 * The same deps reading from the replica (or the primary when there is none), for read paths that
 * tolerate replication lag: the public portal, the centre directory and pages. Anything that must
 * see a write the same person just made (their own bookings, an owner's own centre) keeps `deps`,
 * and so does availability (search, free seats): it must not show a seat booked meanwhile as free
 * for more than a second, and a replica's replay lag can be longer (decision 0085).
 */
export function forReads(deps: Deps): Deps {
  return deps.readDb && deps.readDb !== deps.db ? Object.freeze({ ...deps, db: deps.readDb }) : deps;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };

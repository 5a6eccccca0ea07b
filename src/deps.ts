import type { Config } from './config.ts';
import type { Db } from './db/connect.ts';
import type { Clock } from './shared/time.ts';

export type Logger = {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
  debug(obj: unknown, msg?: string): void;
};

/** What every service gets: the database, the clock, the configuration, a logger. */
export type Deps = Readonly<{ db: Db; clock: Clock; config: Config; log: Logger }>;

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };

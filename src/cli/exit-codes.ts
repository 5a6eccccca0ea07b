import { CommanderError } from 'commander';
import { AppError } from '../shared/errors.ts';

/**
 * What `markaz` exits with, so scripts and cron can tell a finding from a mistake from an outage.
 * Documented in the README and in `markaz --help`.
 */
export const EXIT = {
  /** It did what was asked, and every check passed. */
  ok: 0,
  /** It ran, and the answer is no: a check found a problem, or the request was refused. */
  problem: 1,
  /** The command line is wrong: unknown command or option, a missing or bad argument. */
  usage: 2,
  /** The environment is wrong: a bad or missing variable (src/config.ts). */
  config: 3,
  /** It could not run: the database unreachable, a tool missing, an unexpected error. */
  runtime: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_HELP = `Exit codes:
  0  success (and every check passed)
  1  a check found a problem or the request was refused (audit verify: a broken chain, or no signed head;
     ledger verify: unbalanced; cob run: the day failed; user add: the email is taken)
  2  usage error: unknown command or option, a missing or bad argument
  3  configuration error: a bad environment variable
  4  runtime failure: the database unreachable, an unexpected error`;

/** A command's deliberate exit with a code and (optionally) a message for stderr. */
export class CliExit extends Error {
  constructor(
    readonly code: ExitCode,
    message = '',
  ) {
    super(message);
  }
}

/** The codes of AppError (src/shared/errors.ts) that mean the input was wrong. */
const USAGE_CODES = new Set<string>(['validation_failed', 'bad_request']);
/** The codes that mean the system could not do it, not that it said no. */
const RUNTIME_CODES = new Set<string>(['unavailable', 'internal']);

/**
 * The exit code for an error that reached the top: commander's own (usage, or help and version
 * which exit 0), ours, a configuration error, an AppError (refused, or bad input), else a failure.
 * A ConfigError is known by its name, so that this file does not load the configuration's schema.
 */
export function exitCodeFor(err: unknown): number {
  if (err instanceof CliExit) return err.code;
  if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (err instanceof Error && err.name === 'ConfigError') return EXIT.config;
  if (err instanceof AppError) {
    if (USAGE_CODES.has(err.code)) return EXIT.usage;
    if (RUNTIME_CODES.has(err.code)) return EXIT.runtime;
    return EXIT.problem;
  }
  return EXIT.runtime;
}

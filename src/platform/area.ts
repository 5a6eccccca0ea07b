import type { Command } from 'commander';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Connection } from '../db/connect.ts';
import type { Deps } from '../deps.ts';
import type { Job } from '../jobs/scheduler.ts';
import type { PublicRateLimit } from '../server/public-rate-limit.ts';
import type { Actor } from './actor.ts';
import type { EventDefinition, EventHandler } from './events/index.ts';
import type { FigureProvider } from './figures.ts';
import type { HookSubscription } from './hooks.ts';
import type { PersonalField } from './keys/pii-sweep.ts';
import type { PersonalRecords } from './personal-records.ts';

/** What the server hands every area's routes besides deps. */
export type RouteContext = {
  /** The public read API's per-address limit, shared with the public cache's early answers. */
  publicLimit: PublicRateLimit;
};

/** A login the demo prints at start-up. */
export type DemoLogin = { role: string; email: string; name: string };

/**
 * The public pages an area serves to anonymous visitors (cached in memory and dropped when a write
 * changes them, plugins/public-cache.ts), and which of any area's writes change which of them.
 */
export type PublicPages = {
  /** Fastify route patterns whose anonymous GETs are public pages, e.g. '/api/v1/public/centres/:id'. */
  routes: readonly string[];
  /** The page paths (each with every query string) that a successful write on `route` changes. */
  changedBy?: (route: string, params: Record<string, string | undefined>) => string[];
};

/**
 * What the `markaz` command hands an area's commands: deps for the configured database, loaded
 * when the action runs, and one way to print a result.
 */
export type CliContext = {
  /** Opens (and migrates, unless `migrate: false`) the database; `progress` shows the phases on stderr. */
  withDeps<T>(
    work: (deps: Deps, conn: Connection) => Promise<T>,
    opts?: { migrate?: boolean; progress?: boolean },
  ): Promise<T>;
  /** Prints a result on stdout: `data` as JSON when `json`, else the human lines. */
  emit(json: boolean | undefined, data: unknown, human: () => string | readonly string[]): void;
};

/** The credentials plugin's view of whoever owns sign-in (the identity area). */
export type Authenticator = {
  session(deps: Deps, token: string): Promise<{ actor: Actor; csrfToken: string; expiresAt: Date } | null>;
  apiKey(deps: Deps, key: string, ip?: string): Promise<Actor | null>;
  csrfMatches(expected: string, given: string | undefined): boolean;
};

/**
 * How an area of the programme describes itself, once, in its `index.ts`. The list of areas in
 * src/areas.ts is the only composition point: the server, the scheduler, the portal's figures,
 * the demo and the CLI loop over it. Adding an area is one folder and one line there.
 */
export type AreaManifest = {
  name: string;
  /** Its HTTP routes, registered in list order. */
  routes?: (deps: Deps, ctx: RouteContext) => FastifyPluginAsyncZod;
  /** Its scheduled and background jobs. */
  jobs?: (deps: Deps) => Job[];
  /** The public figures it contributes to the portal, in the order shown. */
  figures?: readonly FigureProvider[];
  /** Its part of the demo programme, run in list order. */
  demo?: { step: string; seed(deps: Deps): Promise<DemoLogin[] | undefined> };
  /**
   * Its `markaz` subcommands, from its `<area>.cli.ts`: a file that imports only commander and
   * types at the top and loads services inside each action, so that `markaz --help` stays quick.
   * src/areas.cli.ts lists the same functions for the CLI (a test keeps the two lists equal).
   */
  cli?: (program: Command, ctx: CliContext) => void;
  publicPages?: PublicPages;
  /** The domain events it records (documented in docs/events.md, generated). */
  events?: readonly EventDefinition[];
  /** Its reactions, after the fact, to events (its own or other areas'), through the outbox. */
  handlers?: readonly EventHandler[];
  /** Its reactions inside another area's transaction. */
  hooks?: readonly HookSubscription[];
  /** Sign-in (exactly one area provides it). */
  authenticator?: Authenticator;
  /** Its tables' personal columns, encrypted at rest (decision 0038): the sweep and rotation read them. */
  personalData?: readonly PersonalField[];
  /**
   * What it holds about a person and its part in their rights (export, correction, closure,
   * retention; src/platform/personal-records.ts, decision 0058).
   */
  personalRecords?: PersonalRecords;
};

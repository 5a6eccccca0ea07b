import { areas } from '../areas.ts';
import type { Config } from '../config.ts';
import { connectDatabase, connectPostgres } from '../db/connect.ts';
import { pgliteListen, postgresListen } from '../db/listen.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, isEmpty, seedDemo } from '../demo/seed-demo.ts';
import type { Logger } from '../deps.ts';
import { allJobs } from '../jobs/registry.ts';
import { createScheduler } from '../jobs/scheduler.ts';
import { sweepIfNeeded } from '../platform/keys/pii-sweep.ts';
import { buildApp } from '../server/app.ts';
import { postgresPurgeChannel } from '../server/purge-channel.ts';
import { systemClock } from '../shared/time.ts';
import { cliLogger, where } from './runtime.ts';

/**
 * Starts Markaz: database, migrations, demo data on an empty database, HTTP, scheduled jobs.
 * SIGTERM/SIGINT: stop accepting, finish requests in flight, stop jobs, close the database.
 */
export async function serve(config: Config): Promise<void> {
  console.log(`Markaz starting on ${where(config)}…`);
  const t0 = performance.now();
  const secs = (from: number) => `${((performance.now() - from) / 1000).toFixed(1)} s`;
  const conn = await connectDatabase(config);
  const replica = config.databaseReadUrl
    ? connectPostgres(config.databaseReadUrl, config.databasePoolSize)
    : null;
  // Several processes on one PostgreSQL: a write's changed public pages drop in all of them. Its
  // messages go to the app's logger once there is one.
  let log: Logger = cliLogger;
  const viaLog: Logger = {
    info: (o, m) => log.info(o, m),
    warn: (o, m) => log.warn(o, m),
    error: (o, m) => log.error(o, m),
    debug: (o, m) => log.debug(o, m),
  };
  const purges = config.databaseListenUrl ? postgresPurgeChannel(config.databaseListenUrl, viaLog) : null;
  let ready = false;
  const app = await buildApp({
    config,
    areas,
    db: conn.db,
    ...(replica ? { readDb: replica.db } : {}),
    ...(purges ? { purgeChannel: purges } : {}),
    // The free-seat index hears the primary's changes: PGlite's own listeners, or a connection of
    // its own on PostgreSQL (DATABASE_LISTEN_URL when a pooler sits in front of DATABASE_URL).
    ...(conn.pglite
      ? { listen: pgliteListen(conn.pglite) }
      : config.databaseListenUrl
        ? { listen: postgresListen(config.databaseListenUrl, viaLog) }
        : {}),
    clock: systemClock,
    isReady: () => ready,
  });
  const deps = app.deps;
  log = app.log;
  await migrateToLatest(conn.db);
  const migrated = performance.now();
  const swept = await sweepIfNeeded(deps);
  if (swept && Object.values(swept.rewritten).some((n) => n > 0))
    console.log('Personal data left in clear is now encrypted: %j', swept.rewritten);
  if (config.demo && (await isEmpty(deps))) {
    console.log('Empty database: loading the demo programme…');
    const demoStart = performance.now();
    const steps: string[] = [];
    const logins = await seedDemo(
      deps,
      (m) => console.log(`  · ${m}`),
      (m, ms) => steps.push(`${m.split(':')[0]} ${(ms / 1000).toFixed(1)} s`),
    );
    console.log(`Demo loaded in ${secs(demoStart)} (${steps.join(', ')}).`);
    console.log('\nDemo logins (password for all: %s):', DEMO_PASSWORD);
    for (const l of logins) console.log(`  ${l.role.padEnd(14)} ${l.email.padEnd(26)} ${l.name}`);
    console.log(
      'Staff, evaluators, the auditor and bank officers also enter a code: add the demo key %s to an\n' +
        'authenticator app (TOTP, 6 digits, 30 s), or run `npm run markaz -- user demo-code`.',
      DEMO_TOTP_SECRET,
    );
    console.log('');
  }
  ready = true;
  const scheduler = createScheduler(deps, allJobs(deps));
  if (config.jobs) scheduler.start();
  await app.listen({ host: config.host, port: config.port });
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(`Markaz is running: http://${shown}:${config.port}  (API docs: /api/docs)`);
  console.log(`Listening on ${listeningOn(config)}.`);
  console.log(`Started in ${secs(t0)} (database and migrations ${((migrated - t0) / 1000).toFixed(1)} s).`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: finishing requests in flight and shutting down…`);
    const force = setTimeout(() => {
      console.error('shutdown took too long; exiting');
      process.exit(1);
    }, 25_000);
    force.unref();
    try {
      await app.close();
      await purges?.close();
      await scheduler.stop();
      await conn.close();
      await replica?.close();
      console.log('Markaz stopped cleanly.');
      process.exit(0);
    } catch (err) {
      console.error(err);
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

/** Which interfaces the server listens on, and why: said at start-up, since it decides who can reach it. */
export function listeningOn(config: Pick<Config, 'host' | 'port' | 'hostFrom'>): string {
  const where =
    config.host === '0.0.0.0' || config.host === '::'
      ? 'every network interface'
      : config.host === '127.0.0.1' || config.host === '::1' || config.host === 'localhost'
        ? 'this machine only (loopback)'
        : `${config.host} only`;
  const why =
    config.hostFrom === 'HOST'
      ? 'HOST is set'
      : config.hostFrom === 'default, demo on'
        ? 'the demo, with its published password, is on; set HOST=0.0.0.0 to serve other machines'
        : 'the default without the demo';
  return `${where}, ${config.host}:${config.port} (${why})`;
}

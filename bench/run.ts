/**
 * The benchmark suite (issue 7). `npm run bench` runs the quick version (a small dataset, short
 * runs, a few minutes); `npm run bench -- --full` the national one (10,000 centres × 100 seats,
 * a million freelancers, 100,000 loans) on PostgreSQL; `--only <name>` runs one benchmark
 * (booking, search, search-index, launch-day, launch-replica, portal, centre-page, cob, memory); `--generator` loads the data with
 * `markaz seed --national` instead of the bench's own loader; `--database-url <url>` benchmarks an
 * already loaded national database instead of loading a scratch one (it is kept); `--cpu-prof` writes the server's CPU
 * profile to bench/profiles/. Loopback only; every run is bounded in
 * time or count; every server and scratch database it starts is removed on the way out.
 * Results: bench/results/<date>.json and the table in bench/README.md.
 */
// The app first, in its own import order: the bench reaches into module files (the search query,
// the close of business) whose areas import each other, and would otherwise meet them half-initialised.
import '../src/server/app.ts';
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { connectPostgres } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Ctx, Figure, Profile } from './lib/context.ts';
import { benchDays, cityPoints, loadDataset, parseSeats, prepareSql, type Targets } from './lib/dataset.ts';
import { cleanup, loadAverage, log, psql, scratchDatabase, startMarkaz } from './lib/env.ts';
import { writeResults } from './lib/report.ts';
import { evaluate } from './lib/stats.ts';
import { bookingBench } from './suites/booking.ts';
import { cobBench } from './suites/cob.ts';
import { launchDayBench } from './suites/launch-day.ts';
import { launchReplicaBench } from './suites/launch-replica.ts';
import { coldStartPostgres, pgliteBench } from './suites/memory.ts';
import { centrePageBench, portalBench, searchBench } from './suites/reads.ts';
import { searchIndexBench, waitForIndex } from './suites/search-index.ts';

export const PROFILES: Record<'quick' | 'full', Profile> = {
  quick: {
    mode: 'quick',
    size: { centers: 300, seatsPerCenter: 20, freelancers: 20_000, days: 7 },
    durationS: 8,
    connections: 16,
    cobLoans: [10_000],
    pgliteSize: { centers: 30, seatsPerCenter: 20, freelancers: 1_000, days: 7 },
    sessions: 200,
    maxSeats: 20_000,
  },
  full: {
    mode: 'full',
    size: { centers: 10_000, seatsPerCenter: 100, freelancers: 1_000_000, days: 30 },
    durationS: 20,
    connections: 32,
    cobLoans: [10_000, 100_000],
    pgliteSize: { centers: 60, seatsPerCenter: 20, freelancers: 3_000, days: 14 },
    sessions: 2_000,
    maxSeats: 200_000,
  },
};

const SUITES: Record<string, (ctx: Ctx) => Promise<Figure[]>> = {
  booking: bookingBench,
  search: searchBench,
  'search-index': searchIndexBench,
  'launch-day': launchDayBench,
  'launch-replica': launchReplicaBench,
  portal: portalBench,
  'centre-page': centrePageBench,
  cob: cobBench,
  memory: async (ctx) => [...(await coldStartPostgres(ctx)), ...(await pgliteBench(ctx, ctx.generator))],
};

type Args = {
  mode: 'quick' | 'full';
  only: string[];
  cpuProf: boolean;
  generator: boolean;
  databaseUrl?: string;
};

function parseArgs(argv: string[]): Args {
  const only: string[] = [];
  let cpuProf = false;
  let generator = false;
  let databaseUrl: string | undefined;
  let mode: 'quick' | 'full' = 'quick';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--full') mode = 'full';
    else if (a === '--quick') mode = 'quick';
    else if (a === '--cpu-prof') cpuProf = true;
    else if (a === '--generator') generator = true;
    else if (a === '--database-url') databaseUrl = argv[++i];
    else if (a === '--only') only.push(...(argv[++i] ?? '').split(','));
    else if (a.startsWith('--only=')) only.push(...a.slice(7).split(','));
    else throw new Error(`unknown argument ${a}; use --full, --only <${Object.keys(SUITES).join('|')}>`);
  }
  for (const o of only)
    if (!SUITES[o]) throw new Error(`no benchmark "${o}"; one of ${Object.keys(SUITES).join(', ')}`);
  return { mode, only, cpuProf, generator, ...(databaseUrl ? { databaseUrl } : {}) };
}

/** The national dataset (unless given an already loaded database), then the bench's preparation. */
async function prepareDatabase(
  profile: Profile,
  given: string | undefined,
  generator: boolean,
): Promise<{ url: string; targets: Targets }> {
  let url = given;
  if (!url) {
    url = scratchDatabase(profile.mode);
    const t0 = performance.now();
    if (!generator) {
      const conn = connectPostgres(url, 2);
      await migrateToLatest(conn.db).finally(() => conn.close());
    }
    await loadDataset(profile.size, { generator, databaseUrl: url });
    log(`dataset: loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const days = benchDays();
  for (const stmt of prepareSql({ sessions: profile.sessions, maxSeats: profile.maxSeats, days }))
    psql(url, stmt);
  const seats = parseSeats(psql(url, 'SELECT center_id, seat_id FROM bench_seats ORDER BY i'));
  log(
    `dataset: ${psql(url, "SELECT count(*) FROM centers WHERE status = 'operational'")} operational centres, ${psql(url, 'SELECT count(*) FROM seats')} seats, ${psql(url, 'SELECT count(*) FROM bookings')} bookings; ${seats.length} target seats over ${days.length} days`,
  );
  if (!seats.length) throw new Error('no bookable hot desk in the dataset');
  return { url, targets: { seats, days, sessions: profile.sessions } };
}

async function main(): Promise<void> {
  const { mode, only, cpuProf, generator, databaseUrl } = parseArgs(process.argv.slice(2));
  const profile = PROFILES[mode];
  const names = only.length ? only : Object.keys(SUITES);
  const startedAt = new Date();
  const loadBefore = loadAverage();
  log(`bench ${mode}: ${names.join(', ')}; load average ${loadBefore}; ${cpus().length} cores`);
  const pgVersion = execFileSync('psql', ['--version'], { encoding: 'utf8' }).trim();

  const figures: Figure[] = [];
  const needsServer = names.some((n) => n !== 'cob');
  let ctx: Ctx | undefined;
  if (needsServer) {
    const { url: pgUrl, targets } = await prepareDatabase(profile, databaseUrl, generator);
    const server = await startMarkaz({
      databaseUrl: pgUrl,
      env: { MARKAZ_TRUST_PROXY: 'true' },
      // The server's CPU profile, written when it stops (summarise: npx tsx bench/profile-summary.ts).
      nodeArgs: cpuProf ? ['--cpu-prof', '--cpu-prof-dir', 'bench/profiles'] : [],
    });
    log(`server up in ${server.startMs} ms (${server.baseUrl}, pid ${server.pid})`);
    // The free-seat index loads in the background (a minute at national size), reading every live
    // booking: no suite measures while it does (it halved the insert floors of the first national run).
    const indexMs = await waitForIndex(server.baseUrl, cityPoints(pgUrl));
    log(`free-seat index loaded ${(indexMs / 1000).toFixed(1)} s after the server was up`);
    ctx = {
      profile,
      pgUrl,
      generator,
      targets,
      server,
      figures,
      notes: [],
      slot: { next: 0 },
      indexLoadMs: indexMs,
    };
  }
  for (const name of names) {
    log(`— ${name} —`);
    const c: Ctx = ctx ?? {
      profile,
      pgUrl: '',
      generator,
      targets: { seats: [], days: [], sessions: 0 },
      server: undefined as never,
      figures,
      notes: [],
      slot: { next: 0 },
    };
    try {
      figures.push(...(await SUITES[name]!(c)));
    } catch (err) {
      log(`${name} FAILED: ${(err as Error).stack ?? err}`);
      figures.push({ benchmark: name, name: `${name} (failed)`, value: null, unit: '', note: String(err) });
    }
  }
  for (const f of figures) {
    if (f.target) f.verdict = evaluate(f.target.on === 'ratio' ? f.ratio : f.value, f.target);
  }
  const run = {
    mode,
    only: only.length ? only : undefined,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      postgres: pgVersion,
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadAverage(),
    },
    profile,
    figures,
  };
  const file = writeResults(run);
  console.log('');
  for (const f of figures) {
    const r =
      f.ratio !== undefined && f.ratio !== null
        ? `  ratio ${f.ratio} to ${f.floor?.name} (${f.floor?.value} ${f.floor?.unit})`
        : '';
    console.log(`${f.verdict ? `[${f.verdict}] ` : ''}${f.name}: ${f.value} ${f.unit}${r}`);
  }
  log(`results: ${file} and bench/README.md`);
}

let exiting = false;
async function finish(code: number) {
  if (exiting) return;
  exiting = true;
  await cleanup();
  process.exit(code);
}
process.once('SIGINT', () => void finish(130));
process.once('SIGTERM', () => void finish(143));
// The whole run is bounded too: nothing waits forever on a stuck server.
setTimeout(
  () => {
    console.error('bench: time limit reached; cleaning up');
    void finish(1);
  },
  (process.argv.includes('--full') ? 120 : 20) * 60_000,
).unref();

main().then(
  () => finish(0),
  (err) => {
    console.error(err);
    return finish(1);
  },
);

/**
 * The bench's machinery: scratch PostgreSQL databases, Markaz servers started as real processes
 * (as `e2e/harness.ts` does), their memory, a hello-world Fastify floor, and bounded autocannon
 * runs. Everything started here is stopped by `cleanup()`, which run.ts calls on every exit.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Request } from 'autocannon';
import {
  freePort,
  ROOT,
  spawnNode,
  startMarkazProcess,
  waitReady,
} from '../../src/testing/markaz-process.ts';

export { freePort, ROOT };
export const PG = { host: '127.0.0.1', port: '5432', user: 'postgres' };
const cleanups: (() => Promise<void> | void)[] = [];

export function onCleanup(fn: () => Promise<void> | void): void {
  cleanups.push(fn);
}

export async function cleanup(): Promise<void> {
  while (cleanups.length) {
    const fn = cleanups.pop()!;
    try {
      await fn();
    } catch (err) {
      console.error('cleanup:', (err as Error).message);
    }
  }
}

export function log(msg: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);
}

const pgArgs = ['-h', PG.host, '-p', PG.port, '-U', PG.user];

/** A fresh database `markaz_bench_*`, dropped at cleanup. Returns its URL. */
export function scratchDatabase(tag: string): string {
  const name = `markaz_bench_${tag}_${process.pid}`;
  execFileSync('dropdb', [...pgArgs, '--if-exists', '--force', name]);
  execFileSync('createdb', [...pgArgs, name]);
  onCleanup(() => {
    execFileSync('dropdb', [...pgArgs, '--if-exists', '--force', name]);
    rmSync(keysDirOf(name), { recursive: true, force: true });
  });
  return `postgres://${PG.user}@${PG.host}:${PG.port}/${name}`;
}

const keysDirOf = (database: string) => join(ROOT, 'bench', '.keys', database);

/**
 * The keys folder of a database: the first server on it makes its keys there (the `pii` key seals
 * what it writes), and every later server on it — a second one in the same run, or a later run
 * given `--database-url` — needs the same keys. Kept in bench/.keys/<database> (not in git);
 * removed with a scratch database.
 */
export function keysDirFor(databaseUrl: string): string {
  const dir = keysDirOf(new URL(databaseUrl).pathname.slice(1) || 'postgres');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export function psql(url: string, sqlText: string): string {
  return execFileSync('psql', [url, '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-c', sqlText], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  }).trim();
}

export type Server = {
  baseUrl: string;
  pid: number;
  /** Milliseconds from spawn to the first 200 from /readyz. */
  startMs: number;
  rssMb: () => number;
  logs: () => string;
  stop: () => Promise<void>;
};

/** The resident set of a process in MB, from /proc (Linux). */
export function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? Number.NaN);
    return Math.round((kb / 1024) * 10) / 10;
  } catch {
    return Number.NaN;
  }
}

/** CPU time (user + system) a process has used, in ms, from /proc (Linux, 100 ticks a second). */
export function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/**
 * `node bin/markaz.js serve` on a free loopback port: PostgreSQL when `databaseUrl` is given,
 * otherwise PGlite in `dataDir` (a fresh temporary folder when omitted). No demo data, no jobs.
 */
export async function startMarkaz(
  opts: { databaseUrl?: string; dataDir?: string; env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<Server> {
  const ownDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'markaz-bench-'));
  const removeDir = () => {
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
  };
  // Registered before the (up to 5 minutes) wait for /readyz, so a stopped bench stops it too.
  let stopProcess = async () => {};
  const stop = async () => {
    await stopProcess();
    removeDir();
  };
  onCleanup(stop);
  const server = await startMarkazProcess({
    nodeArgs: opts.nodeArgs ?? [],
    env: {
      MARKAZ_DATA_DIR: dataDir,
      MARKAZ_DEMO: 'false',
      MARKAZ_JOBS: 'false',
      MARKAZ_LOG_LEVEL: 'warn',
      MARKAZ_SCRYPT_COST: '1024',
      NODE_ENV: 'production',
      ...(opts.databaseUrl
        ? { DATABASE_URL: opts.databaseUrl, MARKAZ_KEYS_DIR: keysDirFor(opts.databaseUrl) }
        : {}),
      ...opts.env,
    },
    timeoutMs: 300_000,
    pollMs: 20,
    onSpawn: (proc) => {
      stopProcess = proc.stop;
    },
  });
  const pid = server.child.pid!;
  return {
    baseUrl: server.baseUrl,
    pid,
    startMs: server.startMs,
    rssMb: () => rssOf(pid),
    logs: server.output,
    stop,
  };
}

/** The floor for a read path: a minimal Fastify hello-world on this machine. */
export async function startHelloWorld(
  /** Answer `/same` with exactly these headers and bytes (a page's answer, captured), too. */
  same?: { headers: Record<string, string>; body: Buffer },
): Promise<Server> {
  const port = await freePort();
  const code = `
    const app = require('fastify')({ logger: false });
    app.get('/hello', async () => ({ hello: 'world' }));
    const same = process.env.BENCH_SAME ? JSON.parse(process.env.BENCH_SAME) : null;
    if (same) {
      const body = Buffer.from(same.body, 'base64');
      app.get('/same', (req, reply) => { reply.headers(same.headers).send(body); });
    }
    app.listen({ host: '127.0.0.1', port: ${port} });`;
  const t0 = performance.now();
  const env: Record<string, string> = same
    ? { BENCH_SAME: JSON.stringify({ headers: same.headers, body: same.body.toString('base64') }) }
    : {};
  const proc = spawnNode(['-e', code], env);
  onCleanup(proc.stop);
  await waitReady(`http://127.0.0.1:${port}/hello`, proc, 30_000, 20);
  const pid = proc.child.pid!;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid,
    startMs: Math.round(performance.now() - t0),
    rssMb: () => rssOf(pid),
    logs: proc.output,
    stop: proc.stop,
  };
}

export type LoadResult = {
  requests: number;
  rps: number;
  statuses: Record<string, number>;
  errors: number;
  latenciesMs: number[];
  durationS: number;
  /** What a response weighed on the wire, headers included (compressed when the server did). */
  bytesPerResponse: number;
  /**
   * The server's CPU time per answered request (given its pid): robust to a busy machine, where
   * throughput mostly measures the scheduler's share.
   */
  serverCpuMsPerRequest?: number;
};

/**
 * What a browser sends that changes the answer: every browser takes compressed answers (over
 * HTTPS, Chrome's own list), so the read benchmarks ask as one does (decision 0014).
 */
export const BROWSER_HEADERS = { 'accept-encoding': 'gzip, deflate, br, zstd' } as const;

/**
 * One autocannon run, bounded by `durationS` (and `amount` when given); every response time is
 * kept so the percentiles are computed here, not read off a histogram. `headers` go with every
 * request (a request's own headers, from `setupRequest`, must spread `req.headers` to keep them).
 */
export function load(opts: {
  url: string;
  connections: number;
  durationS: number;
  amount?: number;
  /** Requests a second across all connections (autocannon's overallRate); unset: as fast as answered. */
  overallRate?: number;
  requests?: Request[];
  headers?: Record<string, string>;
  onSample?: () => void;
  /** The server's pid, to measure its CPU time per request. */
  pid?: number;
}): Promise<LoadResult> {
  return new Promise((res, rej) => {
    const cpu0 = opts.pid ? cpuMsOf(opts.pid) : Number.NaN;
    const latenciesMs: number[] = [];
    const statuses: Record<string, number> = {};
    let responseBytes = 0;
    const sampler = opts.onSample ? setInterval(opts.onSample, 250) : null;
    const inst = autocannon(
      {
        url: opts.url,
        connections: opts.connections,
        duration: opts.durationS,
        ...(opts.amount ? { amount: opts.amount } : {}),
        ...(opts.overallRate ? { overallRate: opts.overallRate } : {}),
        timeout: 30,
        ...(opts.requests ? { requests: opts.requests } : {}),
        ...(opts.headers ? { headers: opts.headers } : {}),
      },
      (err, result) => {
        if (sampler) clearInterval(sampler);
        if (err) return rej(err);
        const total = Object.values(statuses).reduce((s, n) => s + n, 0);
        const durationS = result.duration;
        const cpu = opts.pid ? (cpuMsOf(opts.pid) - cpu0) / Math.max(1, total) : undefined;
        res({
          ...(cpu !== undefined ? { serverCpuMsPerRequest: Math.round(cpu * 100) / 100 } : {}),
          requests: total,
          bytesPerResponse: Math.round(responseBytes / Math.max(1, total)),
          rps: Math.round((total / durationS) * 10) / 10,
          statuses,
          errors: result.errors + result.timeouts,
          latenciesMs,
          durationS,
        });
      },
    );
    inst.on('response', (_client: unknown, status: number, bytes: number, responseTime: number) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
      responseBytes += bytes;
      latenciesMs.push(responseTime);
    });
    onCleanup(() => inst.stop());
  });
}

/** `uptime`'s load averages, to note how busy the shared machine was. */
export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

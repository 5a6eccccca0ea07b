/**
 * Markaz as a real process on a free loopback port, for the browser journeys (`e2e/harness.ts`)
 * and the benchmarks (`bench/lib/env.ts`): `node bin/markaz.js serve`, ready when /readyz
 * answers 200, stopped with SIGTERM (SIGKILL after 15 s).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

export type NodeProcess = { child: ChildProcess; output: () => string; stop: () => Promise<void> };

/** `node <args>` in the repository, its last 20 kB of output kept for error messages. */
export function spawnNode(args: string[], env: Record<string, string>): NodeProcess {
  let out = '';
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  return { child, output: () => out, stop };
}

/** Waits for a 200 from `url`; throws with the process's output if it exits or times out. */
export async function waitReady(
  url: string,
  proc: NodeProcess,
  timeoutMs: number,
  pollMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null)
      throw new Error(`the process exited before it was ready:\n${proc.output()}`);
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`not ready within ${timeoutMs} ms:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

export type MarkazProcess = NodeProcess & {
  baseUrl: string;
  /** Milliseconds from spawn to the first 200 from /readyz. */
  startMs: number;
};

/**
 * `node [nodeArgs] bin/markaz.js serve` on a free port with `env` (MARKAZ_DATA_DIR, DATABASE_URL,
 * MARKAZ_DEMO… as the caller needs). Stopped again if it is not ready in time.
 */
export async function startMarkazProcess(opts: {
  env: Record<string, string>;
  nodeArgs?: string[];
  timeoutMs: number;
  pollMs?: number;
  /** Called as soon as the process exists, before it is ready: to stop it if the caller is stopped. */
  onSpawn?: (proc: NodeProcess) => void;
}): Promise<MarkazProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const proc = spawnNode([...(opts.nodeArgs ?? []), 'bin/markaz.js', 'serve'], {
    PORT: String(port),
    HOST: '127.0.0.1',
    ...opts.env,
  });
  opts.onSpawn?.(proc);
  try {
    await waitReady(`${baseUrl}/readyz`, proc, opts.timeoutMs, opts.pollMs);
  } catch (err) {
    await proc.stop();
    throw err;
  }
  return { ...proc, baseUrl, startMs: Math.round(performance.now() - t0) };
}

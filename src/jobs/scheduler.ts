import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Deps } from '../deps.ts';
import { addDays, karachiDate, karachiTime } from '../shared/time.ts';

/**
 * One mechanism for scheduled and background work.
 *
 * - A *periodic* job runs exactly once per period (a day, an hour…), even with several server
 *   processes on one database: the first process to insert the (job, period) row in job_runs owns
 *   the run; the others see the row and skip. A run whose process died is taken over once its
 *   lease expires; a failed run is retried on a later tick, up to maxAttempts.
 * - A *continuous* job (the audit chainer) runs every few seconds under a session-level
 *   advisory lock, so two processes never run it at once; it must be idempotent. A *concurrent*
 *   continuous job (the events dispatcher) takes no lock: it shares its work between processes
 *   itself (FOR UPDATE SKIP LOCKED), so every process runs it.
 */
export type PeriodicJob = {
  kind: 'periodic';
  name: string;
  /** The period that is due at `now`, or null when nothing is due yet. */
  duePeriod(now: Date): string | null;
  run(deps: Deps, period: string): Promise<unknown>;
  leaseSeconds?: number;
  maxAttempts?: number;
};

export type ContinuousJob = {
  kind: 'continuous';
  name: string;
  everySeconds: number;
  /** Run in every process at once, without the advisory lock: the job shares out its own work. */
  concurrent?: boolean;
  run(deps: Deps): Promise<unknown>;
};

/**
 * Jobs run one after another in a tick, lowest `order` first (default 100; equal orders keep the
 * areas' order). It matters when several are due at once, after downtime: the day's snapshot of the
 * public figures (10) runs before the audit checkpoint (20) and the day's close of business (60), as
 * it always has.
 */
export type Job = (PeriodicJob | ContinuousJob) & { order?: number };

/** Daily at HH:MM Asia/Karachi; the period is the day before (a close-of-business day) or the same day. */
export function dailyAt(
  hhmm: string,
  period: 'previous-day' | 'same-day' = 'same-day',
): PeriodicJob['duePeriod'] {
  return (now) => {
    const today = karachiDate(now);
    if (karachiTime(now) < hhmm) return null;
    return period === 'previous-day' ? addDays(today, -1) : today;
  };
}

/** Every hour; the period is the hour, e.g. "2026-11-28T14" (UTC). */
export const hourly: PeriodicJob['duePeriod'] = (now) => now.toISOString().slice(0, 13);

export type RunOutcome = 'ran' | 'skipped' | 'failed';

/** Claims (job, period) for this process; true when this process should run it. */
async function claim(
  deps: Deps,
  job: PeriodicJob,
  period: string,
  owner: string,
  retryExhausted = false,
): Promise<boolean> {
  const now = deps.clock.now();
  const lease = new Date(now.getTime() + (job.leaseSeconds ?? 1800) * 1000);
  const inserted = await deps.db
    .insertInto('job_runs')
    .values({
      job: job.name,
      period,
      status: 'running',
      owner,
      attempts: 1,
      started_at: now,
      lease_until: lease,
    })
    .onConflict((oc) => oc.columns(['job', 'period']).doNothing())
    .returning('job')
    .executeTakeFirst();
  if (inserted) return true;
  // Take over a run whose owner died (lease expired) or that failed and may be retried.
  const taken = await deps.db
    .updateTable('job_runs')
    .set({
      status: 'running',
      owner,
      attempts: sql`attempts + 1`,
      started_at: now,
      lease_until: lease,
      error: null,
    })
    .where('job', '=', job.name)
    .where('period', '=', period)
    .where((eb) => {
      const underLimit = eb('attempts', '<', job.maxAttempts ?? 3);
      const failed = eb('status', '=', 'failed');
      const abandoned = eb.and([eb('status', '=', 'running'), eb('lease_until', '<', now)]);
      // An operator re-running a period by hand may retry a run that used up its attempts.
      return retryExhausted ? eb.or([failed, abandoned]) : eb.and([underLimit, eb.or([failed, abandoned])]);
    })
    .returning('job')
    .executeTakeFirst();
  return Boolean(taken);
}

/**
 * Runs one periodic job for one period, once. Also used by the CLI to run a given period on demand
 * (`markaz cob run --date`); `retryExhausted` lets such a run retry a period whose automatic
 * attempts were all used up by failures. A run that succeeded, or is running now, is never repeated.
 */
export async function runPeriodic(
  deps: Deps,
  job: PeriodicJob,
  period: string,
  owner = `${process.pid}-${randomUUID().slice(0, 8)}`,
  opts: { retryExhausted?: boolean } = {},
): Promise<{ outcome: RunOutcome; result?: unknown; error?: string }> {
  if (!(await claim(deps, job, period, owner, opts.retryExhausted))) return { outcome: 'skipped' };
  try {
    const result = await job.run(deps, period);
    await deps.db
      .updateTable('job_runs')
      .set({ status: 'succeeded', finished_at: deps.clock.now(), result: JSON.stringify(result ?? null) })
      .where('job', '=', job.name)
      .where('period', '=', period)
      .where('owner', '=', owner)
      .execute();
    return { outcome: 'ran', result };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    deps.log.error({ err, job: job.name, period }, 'scheduled job failed');
    await deps.db
      .updateTable('job_runs')
      .set({ status: 'failed', finished_at: deps.clock.now(), error: message.slice(0, 2000) })
      .where('job', '=', job.name)
      .where('period', '=', period)
      .where('owner', '=', owner)
      .execute();
    return { outcome: 'failed', error: message };
  }
}

function lockId(name: string): number {
  let h = 0;
  for (const ch of name) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

/**
 * Runs a continuous job now unless another process is running it; returns whether it ran. A
 * concurrent job always runs, on the pool (no pinned connection: it opens its own transactions).
 * The session-level advisory lock and the job share one pinned connection, so the lock is
 * released on the connection that took it.
 */
export async function runContinuous(deps: Deps, job: ContinuousJob): Promise<boolean> {
  if (job.concurrent) {
    await job.run(deps);
    return true;
  }
  return deps.db.connection().execute(async (conn) => {
    const got = await sql<{ ok: boolean }>`SELECT pg_try_advisory_lock(${lockId(job.name)}) AS ok`.execute(
      conn,
    );
    if (!got.rows[0]?.ok) return false;
    try {
      await job.run({ ...deps, db: conn });
      return true;
    } finally {
      await sql`SELECT pg_advisory_unlock(${lockId(job.name)})`.execute(conn);
    }
  });
}

export type Scheduler = {
  /** One pass over every job: what a timer calls; tests call it directly. */
  tick(): Promise<Record<string, RunOutcome | 'locked' | 'not-due'>>;
  start(): void;
  stop(): Promise<void>;
  readonly owner: string;
};

export function createScheduler(deps: Deps, jobs: Job[], opts: { tickSeconds?: number } = {}): Scheduler {
  const owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const lastContinuous = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = false;

  async function tick() {
    const out: Record<string, RunOutcome | 'locked' | 'not-due'> = {};
    for (const job of jobs) {
      if (stopped) break;
      try {
        if (job.kind === 'continuous') {
          const last = lastContinuous.get(job.name) ?? 0;
          if (Date.now() - last < job.everySeconds * 1000) {
            out[job.name] = 'not-due';
            continue;
          }
          lastContinuous.set(job.name, Date.now());
          out[job.name] = (await runContinuous(deps, job)) ? 'ran' : 'locked';
        } else {
          const period = job.duePeriod(deps.clock.now());
          out[job.name] = period ? (await runPeriodic(deps, job, period, owner)).outcome : 'not-due';
        }
      } catch (err) {
        deps.log.error({ err, job: job.name }, 'scheduler tick failed');
        out[job.name] = 'failed';
      }
    }
    return out;
  }

  const tickMs = Math.max(50, (opts.tickSeconds ?? deps.config.jobsTickSeconds) * 1000);
  return {
    owner,
    tick,
    start() {
      stopped = false;
      const loop = () => {
        running = tick().finally(() => {
          if (!stopped) timer = setTimeout(loop, tickMs);
        });
      };
      timer = setTimeout(loop, Math.min(tickMs, 1000));
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

/**
 * Frequent jobs leave a row per period; after `keepDays` the rows of sub-daily periods are only
 * noise. Daily (and longer) periods are kept: they are the record of each close of business.
 */
export async function pruneJobRuns(deps: Deps, keepDays = 14): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - keepDays * 86_400_000);
  const res = await deps.db
    .deleteFrom('job_runs')
    .where('status', '=', 'succeeded')
    .where('finished_at', '<', cutoff)
    .where(sql<boolean>`length(period) > 10`)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

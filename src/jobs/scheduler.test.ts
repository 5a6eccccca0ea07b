import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../db/connect.ts';
import type { Deps } from '../deps.ts';
import { verifyChain } from '../modules/audit/index.ts';
import { createTestApp, makeUser, type TestApp } from '../testing/test-app.ts';
import { secondConnection } from '../testing/test-db.ts';
import { allJobs } from './registry.ts';
import {
  type ContinuousJob,
  createScheduler,
  dailyAt,
  hourly,
  type PeriodicJob,
  pruneJobRuns,
  runContinuous,
  runPeriodic,
} from './scheduler.ts';

let t: TestApp;
/** The second "server process": its own connection pool on PostgreSQL, the same database on PGlite. */
let other: Connection | null;
let depsA: Deps;
let depsB: Deps;

beforeAll(async () => {
  t = await createTestApp();
  other = secondConnection(t.conn);
  depsA = t.deps;
  depsB = { ...t.deps, db: other?.db ?? t.deps.db };
  await sql`CREATE TABLE test_runs (job text NOT NULL, period text NOT NULL, n integer NOT NULL,
    PRIMARY KEY (job, period))`.execute(t.deps.db);
});
afterAll(async () => {
  await other?.close();
  await t.close();
});
beforeEach(() => {
  t.clock.set('2026-11-28T05:00:00Z');
});

/** The work a job does: counts its runs in the database, so both processes see the same count. */
async function countRun(deps: Deps, job: string, period: string) {
  await sql`INSERT INTO test_runs (job, period, n) VALUES (${job}, ${period}, 1)
    ON CONFLICT (job, period) DO UPDATE SET n = test_runs.n + 1`.execute(deps.db);
}

async function runsOf(job: string): Promise<Record<string, number>> {
  const res = await sql<{
    period: string;
    n: number;
  }>`SELECT period, n FROM test_runs WHERE job = ${job}`.execute(t.deps.db);
  return Object.fromEntries(res.rows.map((r) => [r.period, r.n]));
}

async function jobRun(job: string, period: string) {
  return t.deps.db
    .selectFrom('job_runs')
    .selectAll()
    .where('job', '=', job)
    .where('period', '=', period)
    .executeTakeFirst();
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('period computations in Asia/Karachi', () => {
  it('dailyAt is due from HH:MM Karachi time, for the same day or the day before', () => {
    const at3 = dailyAt('03:00');
    const cob = dailyAt('03:00', 'previous-day');
    expect(at3(new Date('2026-11-27T21:59:59Z'))).toBeNull(); // 02:59 on the 28th in Karachi
    expect(at3(new Date('2026-11-27T22:00:00Z'))).toBe('2026-11-28');
    expect(cob(new Date('2026-11-27T22:00:00Z'))).toBe('2026-11-27');
    expect(at3(new Date('2026-11-28T18:59:00Z'))).toBe('2026-11-28'); // 23:59 Karachi
    expect(at3(new Date('2026-11-28T19:00:00Z'))).toBeNull(); // 00:00 on the 29th
    expect(dailyAt('00:00')(new Date('2026-12-31T19:00:00Z'))).toBe('2027-01-01');
    expect(dailyAt('00:00', 'previous-day')(new Date('2026-12-31T19:00:00Z'))).toBe('2026-12-31');
  });

  it('hourly names the hour; hour boundaries in Karachi (UTC+5) are the same instants', () => {
    expect(hourly(new Date('2026-11-28T14:00:00Z'))).toBe('2026-11-28T14');
    expect(hourly(new Date('2026-11-28T14:59:59.999Z'))).toBe('2026-11-28T14');
    expect(hourly(new Date('2026-11-28T15:00:00Z'))).toBe('2026-11-28T15');
    expect(hourly(new Date('2026-11-28T18:30:00Z'))).toBe('2026-11-28T18'); // 23:30 Karachi
  });
});

describe('periodic jobs', () => {
  it('run exactly once per period while two server processes tick at the same time, many times', async () => {
    const job: PeriodicJob = {
      kind: 'periodic',
      name: 'count.hourly',
      duePeriod: hourly,
      run: async (deps, period) => {
        await countRun(deps, 'count.hourly', period);
        return { period };
      },
    };
    const a = createScheduler(depsA, [job]);
    const b = createScheduler(depsB, [job]);
    const periods: string[] = [];
    const outcomes: string[] = [];
    for (let hour = 0; hour < 12; hour++) {
      periods.push(hourly(t.clock.now())!);
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).tick()));
      outcomes.push(...results.map((r) => r['count.hourly']!));
      t.clock.advance(3600_000);
    }
    expect(await runsOf('count.hourly')).toEqual(Object.fromEntries(periods.map((p) => [p, 1])));
    expect(outcomes.filter((o) => o === 'ran')).toHaveLength(12);
    expect(outcomes.filter((o) => o !== 'ran' && o !== 'skipped')).toEqual([]);
    const row = await jobRun('count.hourly', periods[0]!);
    expect(row).toMatchObject({ status: 'succeeded', attempts: 1, result: { period: periods[0] } });
    expect([a.owner, b.owner]).toContain(row!.owner);
  });

  it('is not due before its time', async () => {
    t.clock.set('2026-11-27T21:00:00Z'); // 02:00 in Karachi
    const job: PeriodicJob = {
      kind: 'periodic',
      name: 'count.daily',
      duePeriod: dailyAt('03:00'),
      run: (deps, period) => countRun(deps, 'count.daily', period),
    };
    const s = createScheduler(depsA, [job]);
    expect(await s.tick()).toEqual({ 'count.daily': 'not-due' });
    t.clock.advance(3600_000);
    expect(await s.tick()).toEqual({ 'count.daily': 'ran' });
    expect(await s.tick()).toEqual({ 'count.daily': 'skipped' });
    expect(await runsOf('count.daily')).toEqual({ '2026-11-28': 1 });
  });

  it('a run whose process died is taken over once its lease has expired', async () => {
    const job: PeriodicJob = {
      kind: 'periodic',
      name: 'count.lease',
      duePeriod: () => 'P1',
      leaseSeconds: 600,
      run: (deps, period) => countRun(deps, 'count.lease', period),
    };
    // A process claimed the run and died: the row says running, until the lease runs out.
    const now = t.clock.now();
    await t.deps.db
      .insertInto('job_runs')
      .values({
        job: 'count.lease',
        period: 'P1',
        status: 'running',
        owner: 'dead-process',
        attempts: 1,
        started_at: now,
        lease_until: new Date(now.getTime() + 600_000),
      })
      .execute();
    const b = createScheduler(depsB, [job]);
    expect(await b.tick()).toEqual({ 'count.lease': 'skipped' });
    t.clock.advance(599_000);
    expect(await b.tick()).toEqual({ 'count.lease': 'skipped' });
    t.clock.advance(2_000);
    const a = createScheduler(depsA, [job]);
    const results = await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    expect(results.filter((r) => r['count.lease'] === 'ran')).toHaveLength(1);
    expect(await runsOf('count.lease')).toEqual({ P1: 1 });
    const row = await jobRun('count.lease', 'P1');
    expect(row).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(row!.owner).not.toBe('dead-process');
  });

  it('a failed run is retried on later ticks, up to maxAttempts, and the error is kept', async () => {
    const job: PeriodicJob = {
      kind: 'periodic',
      name: 'count.failing',
      duePeriod: () => 'P1',
      maxAttempts: 3,
      run: async (deps, period) => {
        await countRun(deps, 'count.failing', period);
        throw new Error('the bank file was not there');
      },
    };
    const s = createScheduler(depsA, [job]);
    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push((await s.tick())['count.failing']);
    expect(outcomes).toEqual(['failed', 'failed', 'failed', 'skipped', 'skipped']);
    expect(await runsOf('count.failing')).toEqual({ P1: 3 });
    expect(await jobRun('count.failing', 'P1')).toMatchObject({
      status: 'failed',
      attempts: 3,
      error: 'the bank file was not there',
    });
  });

  it('an operator may retry a period whose attempts are used up; never one that succeeded', async () => {
    let broken = true;
    const job: PeriodicJob = {
      kind: 'periodic',
      name: 'count.operator',
      duePeriod: () => 'P1',
      maxAttempts: 1,
      run: async (deps, period) => {
        if (broken) throw new Error('misconfigured');
        await countRun(deps, 'count.operator', period);
      },
    };
    expect((await runPeriodic(depsA, job, 'P1')).outcome).toBe('failed');
    expect((await runPeriodic(depsA, job, 'P1')).outcome).toBe('skipped');
    broken = false; // the operator fixes the cause…
    expect((await runPeriodic(depsB, job, 'P1', 'operator', { retryExhausted: true })).outcome).toBe('ran');
    expect(await jobRun('count.operator', 'P1')).toMatchObject({
      status: 'succeeded',
      attempts: 2,
      owner: 'operator',
    });
    expect((await runPeriodic(depsB, job, 'P1', 'operator', { retryExhausted: true })).outcome).toBe(
      'skipped',
    );
    expect(await runsOf('count.operator')).toEqual({ P1: 1 });
  });

  it('a run that fails once succeeds on the retry and is then done', async () => {
    let failures = 1;
    const job: PeriodicJob = {
      kind: 'periodic',
      name: 'count.flaky',
      duePeriod: () => 'P1',
      run: async (deps, period) => {
        if (failures-- > 0) throw new Error('transient');
        await countRun(deps, 'count.flaky', period);
      },
    };
    const a = createScheduler(depsA, [job]);
    const b = createScheduler(depsB, [job]);
    expect((await a.tick())['count.flaky']).toBe('failed');
    expect((await b.tick())['count.flaky']).toBe('ran');
    expect((await a.tick())['count.flaky']).toBe('skipped');
    expect(await jobRun('count.flaky', 'P1')).toMatchObject({
      status: 'succeeded',
      attempts: 2,
      error: null,
    });
    expect(await runsOf('count.flaky')).toEqual({ P1: 1 });
  });

  it('runPeriodic for an explicit period (markaz cob run --date) is idempotent, even when raced', async () => {
    const job: PeriodicJob = {
      kind: 'periodic',
      name: 'count.cob',
      duePeriod: dailyAt('01:00', 'previous-day'),
      run: async (deps, period) => {
        await countRun(deps, 'count.cob', period);
        return { closed: period };
      },
    };
    expect(await runPeriodic(depsA, job, '2026-11-01')).toEqual({
      outcome: 'ran',
      result: { closed: '2026-11-01' },
    });
    expect(await runPeriodic(depsA, job, '2026-11-01')).toEqual({ outcome: 'skipped' });
    const raced = await Promise.all(
      Array.from({ length: 6 }, (_, i) => runPeriodic(i % 2 ? depsA : depsB, job, '2026-11-02')),
    );
    expect(raced.filter((r) => r.outcome === 'ran')).toHaveLength(1);
    // The scheduler's own tick for the due period is a different period and still runs once.
    expect((await createScheduler(depsB, [job]).tick())['count.cob']).toBe('ran');
    expect(await runsOf('count.cob')).toEqual({ '2026-11-01': 1, '2026-11-02': 1, '2026-11-27': 1 });
  });
});

describe('continuous jobs', () => {
  it('never run concurrently, across processes', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const job: ContinuousJob = {
      kind: 'continuous',
      name: 'count.continuous',
      everySeconds: 0,
      run: async (deps) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await countRun(deps, 'count.continuous', 'all');
        await new Promise((r) => setImmediate(r));
        await countRun(deps, 'count.continuous', 'all');
        inFlight -= 1;
      },
    };
    const a = createScheduler(depsA, [job]);
    const b = createScheduler(depsB, [job]);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).tick()));
    const ran = results.filter((r) => r['count.continuous'] === 'ran').length;
    expect(ran).toBeGreaterThanOrEqual(1);
    expect(results.every((r) => ['ran', 'locked'].includes(r['count.continuous']!))).toBe(true);
    expect(maxInFlight).toBe(1);
    expect(await runsOf('count.continuous')).toEqual({ all: 2 * ran });
  });

  it('PostgreSQL: a second process is told "locked" while the first runs, and may run once it is done', async () => {
    if (!other) return; // PGlite: one connection, so the runs simply queue (checked above).
    const started = deferred();
    const release = deferred();
    const slow: ContinuousJob = {
      kind: 'continuous',
      name: 'count.slow',
      everySeconds: 0,
      run: async (deps) => {
        started.resolve();
        await release.promise;
        await countRun(deps, 'count.slow', 'all');
      },
    };
    const first = runContinuous(depsA, slow);
    await started.promise;
    expect(await runContinuous(depsB, slow)).toBe(false);
    expect((await createScheduler(depsB, [slow]).tick())['count.slow']).toBe('locked');
    release.resolve();
    expect(await first).toBe(true);
    expect(await runContinuous(depsB, slow)).toBe(true);
    expect(await runsOf('count.slow')).toEqual({ all: 2 });
  });

  it('a job that throws releases its lock: the other process can run it next', async () => {
    let fail = true;
    const job: ContinuousJob = {
      kind: 'continuous',
      name: 'count.throws',
      everySeconds: 0,
      run: async (deps) => {
        if (fail) {
          fail = false;
          throw new Error('boom');
        }
        await countRun(deps, 'count.throws', 'all');
      },
    };
    expect((await createScheduler(depsA, [job]).tick())['count.throws']).toBe('failed');
    expect((await createScheduler(depsB, [job]).tick())['count.throws']).toBe('ran');
    expect(await runsOf('count.throws')).toEqual({ all: 1 });
  });

  it('respects everySeconds between runs of one scheduler', async () => {
    const job: ContinuousJob = {
      kind: 'continuous',
      name: 'count.every',
      everySeconds: 3600,
      run: (deps) => countRun(deps, 'count.every', 'all'),
    };
    const s = createScheduler(depsA, [job]);
    expect((await s.tick())['count.every']).toBe('ran');
    expect((await s.tick())['count.every']).toBe('not-due');
    expect(await runsOf('count.every')).toEqual({ all: 1 });
  });
});

describe("Markaz's own jobs", () => {
  it('one tick chains the audit log, signs a tree head and does the housekeeping, once per period', async () => {
    await makeUser(depsA, 'freelancer');
    const a = createScheduler(depsA, allJobs(depsA));
    const b = createScheduler(depsB, allJobs(depsB));
    const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
    for (const name of ['audit.checkpoint', 'housekeeping']) {
      expect([ra[name], rb[name]].sort()).toEqual(['ran', 'skipped']);
    }
    const verified = await verifyChain(depsA);
    expect(verified).toMatchObject({ ok: true, unchainedEntries: 0, headsChecked: 1 });
    expect(await jobRun('housekeeping', '2026-11-28')).toMatchObject({ status: 'succeeded' });
  });
});

describe('housekeeping of job runs', () => {
  it('prunes old sub-daily runs and keeps every daily run', async () => {
    const t = await createTestApp();
    try {
      const old = new Date(t.clock.now().getTime() - 30 * 86_400_000);
      const rows = [
        { job: 'frequent', period: '2026-10-01T10:05', status: 'succeeded' as const },
        { job: 'cob', period: '2026-10-01', status: 'succeeded' as const },
        { job: 'frequent', period: '2026-10-01T10:10', status: 'failed' as const },
      ];
      for (const r of rows) {
        await t.deps.db
          .insertInto('job_runs')
          .values({ ...r, owner: 'x', attempts: 1, started_at: old, lease_until: old, finished_at: old })
          .execute();
      }
      expect(await pruneJobRuns(t.deps)).toBe(1);
      const left = await t.deps.db
        .selectFrom('job_runs')
        .select(['job', 'period'])
        .orderBy('period')
        .execute();
      expect(left).toEqual([
        { job: 'cob', period: '2026-10-01' },
        { job: 'frequent', period: '2026-10-01T10:10' },
      ]);
    } finally {
      await t.close();
    }
  });
});

import { pruneRateLimits } from '../db/rate-limit.ts';
import type { Deps } from '../deps.ts';
import { chainAll, writeCheckpoint } from '../modules/audit/index.ts';
import { bookingJobs } from '../modules/bookings/index.ts';
import { pruneExpiredSessions } from '../modules/identity/index.ts';
import { closeOfBusinessJob } from '../modules/loans/index.ts';
import { refreshFigures, takeSnapshot } from '../modules/transparency/index.ts';
import { eventDispatchJob } from '../platform/events/index.ts';
import { dailyAt, hourly, type Job, pruneJobRuns } from './scheduler.ts';

/** Every scheduled job Markaz runs. Areas add theirs here (the nightly close of business, rollups…). */
export function allJobs(deps: Deps): Job[] {
  return [
    // Public figures: recomputed in the background so the portal reads a small table.
    { kind: 'continuous', name: 'transparency.refresh', everySeconds: 300, run: (d) => refreshFigures(d) },
    {
      kind: 'periodic',
      name: 'transparency.snapshot',
      // Just after midnight in Asia/Karachi, the snapshot of the day that ended.
      duePeriod: dailyAt('00:05', 'previous-day'),
      run: (d, day) => takeSnapshot(d, day),
    },
    {
      kind: 'continuous',
      name: 'audit.chain',
      everySeconds: deps.config.auditChainSeconds,
      run: (d) => chainAll(d),
    },
    {
      kind: 'periodic',
      name: 'audit.checkpoint',
      duePeriod: hourly,
      run: async (d) => {
        await chainAll(d);
        return writeCheckpoint(d);
      },
    },
    {
      kind: 'periodic',
      name: 'housekeeping',
      duePeriod: dailyAt('03:00'),
      run: async (d) => ({
        sessions: await pruneExpiredSessions(d),
        rateLimits: await pruneRateLimits(d.db, new Date(d.clock.now().getTime() - 86400_000)),
        jobRuns: await pruneJobRuns(d),
      }),
    },
    ...bookingJobs(deps),
    closeOfBusinessJob,
    // Domain events to their handlers, in every process at once (docs/decisions/0018).
    // TODO(manifest): the composed list of every area's event handlers, the same one buildApp gets.
    eventDispatchJob([]),
  ];
}

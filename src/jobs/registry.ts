import { pruneRateLimits } from '../db/rate-limit.ts';
import type { Deps } from '../deps.ts';
import { dailyAt, type Job, pruneJobRuns } from './scheduler.ts';

/** Every scheduled job Markaz runs: the platform's housekeeping, then each area's (deps.areas). */
export function allJobs(deps: Deps): Job[] {
  return [
    {
      kind: 'periodic',
      name: 'housekeeping',
      duePeriod: dailyAt('03:00'),
      run: async (d) => ({
        rateLimits: await pruneRateLimits(d.db, new Date(d.clock.now().getTime() - 86400_000)),
        jobRuns: await pruneJobRuns(d),
      }),
    },
    ...deps.areas.list.flatMap((a) => a.jobs?.(deps) ?? []),
  ];
}

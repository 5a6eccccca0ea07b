import { pruneRateLimits } from '../db/rate-limit.ts';
import type { Deps } from '../deps.ts';
import { eventDispatchJob } from '../platform/events/index.ts';
import { personalDataRekeyJob } from '../platform/keys/pii-sweep.ts';
import { uploadsEncryptJob } from '../platform/uploads/upload-sweep.ts';
import { dailyAt, type Job, pruneJobRuns } from './scheduler.ts';

/** Every scheduled job Markaz runs: the platform's housekeeping, then each area's (deps.areas). */
export function allJobs(deps: Deps): Job[] {
  const jobs: Job[] = [
    {
      kind: 'periodic',
      name: 'housekeeping',
      order: 30,
      duePeriod: dailyAt('03:00'),
      run: async (d) => ({
        rateLimits: await pruneRateLimits(d.db, new Date(d.clock.now().getTime() - 86400_000)),
        jobRuns: await pruneJobRuns(d),
      }),
    },
    // Domain events to their handlers, in every process at once (docs/decisions/0018).
    { ...eventDispatchJob(deps.areas.handlers), order: 40 },
    // Personal data moved to a new data key in batches after `markaz keys rotate-data` (decision 0038).
    { ...personalDataRekeyJob, order: 45 },
    // Files uploaded before encryption at rest, encrypted in place (decision 0061).
    { ...uploadsEncryptJob, order: 46 },
    ...deps.areas.list.flatMap((a) => a.jobs?.(deps) ?? []),
  ];
  return jobs
    .map((job, i) => ({ job, i }))
    .sort((a, b) => (a.job.order ?? 100) - (b.job.order ?? 100) || a.i - b.i)
    .map(({ job }) => job);
}

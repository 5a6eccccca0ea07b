import type { PeriodicJob } from '../../jobs/scheduler.ts';
import type { AreaManifest } from '../../platform/area.ts';
import { auditCli } from './audit.cli.ts';
import { demoWitnessCosigns, seedAuditDemo } from './audit.demo.ts';
import { HEAD_EVERY_MINUTES } from './audit.heads.ts';
import { auditRoutes } from './audit.routes.ts';
import { chainAll, chainAndSign } from './audit.service.ts';

// The audit area's public face.

export { headMessage, latestHead, type SignedHead, writeTreeHead } from './audit.heads.ts';
export { auditRoutes } from './audit.routes.ts';
export type { Checkpoint, VerifyResult } from './audit.schema.ts';
export { chainAll, chainAndSign, chainPending, listCheckpoints } from './audit.service.ts';
export type { AuditTables } from './audit.table.ts';
export { verifyChain } from './audit.verify.ts';

/** @deprecated the name from before tree heads: chains and signs a tree head. */
export const writeCheckpoint: typeof chainAndSign = chainAndSign;

/** The period is the five minutes, e.g. "2026-11-28T14:05" (UTC). */
const everyFiveMinutes: PeriodicJob['duePeriod'] = (now) => {
  const m = now.getUTCMinutes();
  return `${now.toISOString().slice(0, 14)}${String(m - (m % HEAD_EVERY_MINUTES)).padStart(2, '0')}`;
};

export const auditArea: AreaManifest = {
  name: 'audit',
  routes: (deps) => auditRoutes(deps),
  jobs: (deps) => [
    {
      kind: 'continuous',
      name: 'audit.chain',
      order: 20,
      everySeconds: deps.config.auditChainSeconds,
      run: (d) => chainAll(d),
    },
    {
      // A head every five minutes when there are new entries (none when nothing changed), and one at
      // start-up: an entry waits at most about five minutes for its proof.
      kind: 'periodic',
      name: 'audit.checkpoint',
      order: 20,
      duePeriod: everyFiveMinutes,
      run: async (d) => {
        await chainAndSign(d);
        if (d.config.demo) await demoWitnessCosigns(d);
      },
    },
  ],
  // Listed last in src/areas.ts: the demo ends by chaining and signing everything the others wrote.
  demo: {
    step: 'audit chain',
    seed: async (deps) => {
      await seedAuditDemo(deps);
      return undefined;
    },
  },
  cli: auditCli,
};

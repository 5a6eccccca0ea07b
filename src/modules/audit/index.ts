import { hourly } from '../../jobs/scheduler.ts';
import type { AreaManifest } from '../../platform/area.ts';
import { auditCli } from './audit.cli.ts';
import { seedAuditDemo } from './audit.demo.ts';
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
      kind: 'periodic',
      name: 'audit.checkpoint',
      order: 20,
      duePeriod: hourly,
      run: (d) => chainAndSign(d),
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

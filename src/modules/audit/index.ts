import { hourly } from '../../jobs/scheduler.ts';
import type { AreaManifest } from '../../platform/area.ts';
import { auditCli } from './audit.cli.ts';
import { auditRoutes } from './audit.routes.ts';
import { chainAll, writeCheckpoint } from './audit.service.ts';

// The audit area's public face.

export { auditRoutes } from './audit.routes.ts';
export type { Checkpoint, VerifyResult } from './audit.schema.ts';
export { chainAll, chainPending, listCheckpoints, verifyChain, writeCheckpoint } from './audit.service.ts';
export type { AuditTables } from './audit.table.ts';
export { ensureSigningKey, publicSigningKey } from './signing-key.ts';

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
      run: async (d) => {
        await chainAll(d);
        return writeCheckpoint(d);
      },
    },
  ],
  // Listed last in src/areas.ts: the demo ends by chaining and signing everything the others wrote.
  demo: {
    step: 'audit chain',
    seed: async (deps) => {
      await chainAll(deps);
      await writeCheckpoint(deps);
      return undefined;
    },
  },
  cli: auditCli,
};

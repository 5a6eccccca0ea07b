import { dailyAt } from '../../jobs/scheduler.ts';
import type { AreaManifest } from '../../platform/area.ts';
import { on } from '../../platform/events/index.ts';
import { applicationDecided } from '../calls/index.ts';
import { centreBecameOperational, centreChangedBy } from '../centers/index.ts';
import { notYetFigures } from './figures.not-yet.ts';
import { refreshFigures, refreshFiguresAfter } from './figures.service.ts';
import { takeSnapshot } from './snapshot.service.ts';
import { seedTransparencyDemo } from './transparency.demo.ts';
import { transparencyRoutes } from './transparency.routes.ts';

// The transparency area's public face.
export { currentFigures, refreshFigures } from './figures.service.ts';
export { snapshotHash, takeSnapshot, verifySnapshots } from './snapshot.service.ts';
export { seedTransparencyDemo } from './transparency.demo.ts';
export { transparencyRoutes } from './transparency.routes.ts';
export type { TransparencyTables } from './transparency.table.ts';

const centres = ['/api/v1/public/centres'];

export const transparencyArea: AreaManifest = {
  name: 'transparency',
  routes: (deps, { publicLimit }) => transparencyRoutes(deps, publicLimit),
  jobs: () => [
    // Public figures: recomputed in the background so the portal reads a small table.
    {
      kind: 'continuous',
      name: 'transparency.refresh',
      order: 10,
      everySeconds: 300,
      run: (d) => refreshFigures(d),
    },
    {
      kind: 'periodic',
      name: 'transparency.snapshot',
      order: 10,
      // Just after midnight in Asia/Karachi, the snapshot of the day that ended.
      duePeriod: dailyAt('00:05', 'previous-day'),
      run: (d, day) => takeSnapshot(d, day),
    },
  ],
  figures: notYetFigures,
  // A decision or an opening moves the portal's headline figures: refreshed when it happens rather
  // than at the next five-minute refresh (the job stays, for everything else).
  handlers: [
    on(applicationDecided, 'transparency.figures-after-decision', refreshFiguresAfter),
    on(centreBecameOperational, 'transparency.figures-after-opening', refreshFiguresAfter),
  ],
  demo: {
    step: 'promise register and public figures',
    seed: async (deps) => {
      await seedTransparencyDemo(deps);
      return undefined;
    },
  },
  publicPages: {
    routes: [
      '/api/v1/public/figures',
      '/api/v1/public/funnel',
      '/api/v1/public/promises',
      '/api/v1/public/series',
      '/api/v1/public/series/:key',
      '/api/v1/public/centres',
      '/api/v1/public/centres/:id',
    ],
    changedBy: (route, params) => {
      if (route === '/api/v1/promises' || route.startsWith('/api/v1/promises/'))
        return ['/api/v1/public/promises'];
      const changed = centreChangedBy(route, params);
      if (!changed) return [];
      return changed === 'list' ? centres : [...centres, `/api/v1/public/centres/${changed}`];
    },
  },
};

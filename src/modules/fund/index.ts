// The startup fund's public face: other areas import only from here (docs/decisions/0033-startup-fund.md).
import type { AreaManifest } from '../../platform/area.ts';
import { inOrder } from '../../platform/figures.ts';
import { seedFundDemo } from './fund.demo.ts';
import { fundEvents } from './fund.events.ts';
import { fundFigures } from './fund.figures.ts';
import { fundRoutes } from './fund.routes.ts';

const PUBLIC_PAGES = [
  '/api/v1/public/fund',
  ...['grants', 'joint-ventures'].flatMap((d) => [
    `/api/v1/open-data/fund-${d}.csv`,
    `/api/v1/open-data/fund-${d}.json`,
  ]),
];

export const fundArea: AreaManifest = {
  name: 'fund',
  routes: (deps) => fundRoutes(deps),
  figures: inOrder(95, fundFigures),
  events: fundEvents,
  demo: {
    step: 'startup fund: investors, startups, grants at every stage, a joint venture',
    seed: seedFundDemo,
  },
  publicPages: {
    routes: PUBLIC_PAGES,
    // Any write of the fund can change what the public sees of it (a tranche, a rate, a call).
    changedBy: (route) => (route.startsWith('/api/v1/fund/') ? PUBLIC_PAGES : []),
  },
};

export { grantDecided, grantRecovered, tranchePaid } from './fund.events.ts';
export type { FundTables } from './fund.table.ts';

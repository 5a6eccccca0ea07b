// The startup fund's public face: other areas import only from here (docs/decisions/0033-startup-fund.md).
import type { AreaManifest } from '../../platform/area.ts';
import { inOrder } from '../../platform/figures.ts';
import { fundCli } from './fund.cli.ts';
import { seedFundDemo } from './fund.demo.ts';
import { fundEvents } from './fund.events.ts';
import { fundFigures } from './fund.figures.ts';
import { fundPersonalRecords } from './fund.records.ts';
import { fundRoutes } from './fund.routes.ts';

// The fund's open data is served by the open-data route with every other dataset.
const PUBLIC_PAGES = ['/api/v1/public/fund'];

export const fundArea: AreaManifest = {
  personalRecords: fundPersonalRecords,
  name: 'fund',
  // An investor's contact email and the founders with their CNICs, sealed (decision 0038).
  personalData: [
    { table: 'fund_investors', id: 'id', purpose: 'contacts', columns: [{ name: 'contact_email' }] },
    { table: 'fund_startups', id: 'id', purpose: 'identity', columns: [{ name: 'founders' }] },
  ],
  routes: (deps) => fundRoutes(deps),
  figures: inOrder(95, fundFigures),
  events: fundEvents,
  cli: fundCli,
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

export {
  appealFiled,
  appealResolved,
  arrivalReviewed,
  grantDecided,
  grantRecovered,
  grantSubmitted,
  tranchePaid,
} from './fund.events.ts';
export { FUND_CURRENCIES, type FundTables } from './fund.table.ts';
export { fundJvRecords } from './jv-open-data.ts';
export { fundGrantRecords } from './public.service.ts';

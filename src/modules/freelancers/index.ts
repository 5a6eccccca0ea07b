import type { AreaManifest } from '../../platform/area.ts';
import { inOrder } from '../../platform/figures.ts';
import { freelancersFigures } from './freelancers.figures.ts';
import { freelancersPersonalRecords } from './freelancers.records.ts';
import { freelancersRoutes } from './freelancers.routes.ts';

// The freelancers area's public face: other areas import only from here.
export { declareEarnings, earningsSummary, listMyEarnings } from './earnings.service.ts';
export { freelancersFigures } from './freelancers.figures.ts';
export { freelancersRoutes } from './freelancers.routes.ts';
export type { EarningsDeclaration, FreelancerProfile } from './freelancers.schema.ts';
export type { EarningsPlatform, FreelancersTables } from './freelancers.table.ts';
export { getFreelancerProfile, updateFreelancerProfile } from './profile.service.ts';

export const freelancersArea: AreaManifest = {
  personalRecords: freelancersPersonalRecords,
  name: 'freelancers',
  routes: (deps) => freelancersRoutes(deps),
  figures: inOrder(80, freelancersFigures),
};

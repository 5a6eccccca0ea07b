// The freelancers area's public face: other areas import only from here.
export { declareEarnings, earningsSummary, listMyEarnings } from './earnings.service.ts';
export { freelancersFigures } from './freelancers.figures.ts';
export { freelancersRoutes } from './freelancers.routes.ts';
export type { EarningsDeclaration, FreelancerProfile } from './freelancers.schema.ts';
export type { EarningsPlatform, FreelancersTables } from './freelancers.table.ts';
export { getFreelancerProfile, updateFreelancerProfile } from './profile.service.ts';

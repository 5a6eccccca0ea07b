// The transparency area's public face.
export { currentFigures, refreshFigures } from './figures.service.ts';
export { snapshotHash, takeSnapshot, verifySnapshots } from './snapshot.service.ts';
export { seedTransparencyDemo } from './transparency.demo.ts';
export { transparencyRoutes } from './transparency.routes.ts';
export type { TransparencyTables } from './transparency.table.ts';

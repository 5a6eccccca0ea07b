import type { AreaManifest } from '../../platform/area.ts';
import { inOrder } from '../../platform/figures.ts';
import { seedComplaintsDemo } from './complaints.demo.ts';
import { complaintChanged } from './complaints.events.ts';
import { complaintsFigures } from './complaints.figures.ts';
import { complaintsRoutes } from './complaints.routes.ts';

// The complaints area's public face: other areas import only from here.
export { complaintChanged } from './complaints.events.ts';
export { SERVICE_DAYS } from './complaints.service.ts';
export type { ComplaintsTable } from './complaints.table.ts';

export const complaintsArea: AreaManifest = {
  name: 'complaints',
  routes: (deps) => complaintsRoutes(deps),
  figures: inOrder(95, complaintsFigures),
  events: [complaintChanged],
  demo: { step: 'complaints and their answers', seed: seedComplaintsDemo },
  // The contact of someone not signed in, sealed (decision 0038).
  personalData: [
    { table: 'complaints', id: 'complaint_id', purpose: 'contacts', columns: [{ name: 'contact' }] },
  ],
};

import type { AreaManifest } from '../../platform/area.ts';
import { inOrder } from '../../platform/figures.ts';
import {
  centreBecameOperational,
  centreInspected,
  inspectionVisitAssigned,
  inspectionVisitChanged,
} from './centers.events.ts';
import { centersFigures } from './centers.figures.ts';
import { centersRoutes } from './centers.routes.ts';

// The centres area's public face: other areas import only from here.

export { createCenter, getCenter, listCenters, updateCenter } from './center.service.ts';
export { canReadAnyCenter, isCenterAdmin, lockManagedCenter, ownsCenter } from './center-access.ts';
export {
  addClosure,
  addSpace,
  previewClosure,
  setAmenities,
  setBookingRules,
  setOpeningHours,
  setPrices,
  setSeatActive,
} from './center-setup.service.ts';
export { changeCenterStatus, previewStatusChange } from './center-status.service.ts';
export { centersFigures } from './centers.figures.ts';
export {
  amenitiesOf,
  type CenterRow,
  pricesOf,
  toPublicSummary as toCenterSummary,
} from './centers.repository.ts';
export { centersRoutes } from './centers.routes.ts';
export {
  type Center,
  type CenterSummary,
  CenterSummarySchema,
  InspectionPhotoSchema,
  IsoDateSchema,
  SeatKindSchema,
} from './centers.schema.ts';
export type { CenterStatus, CentersTables, SeatKind } from './centers.table.ts';
export {
  type Affected,
  type CentreUnavailable,
  type CentreUnavailableHandler,
  centreUnavailable,
} from './centre-unavailable.ts';
export { listInspections, recordInspection } from './inspection.service.ts';
export {
  addInspectionPhoto,
  latestPassedInspectionPhotos,
  openPassedInspectionPhoto,
} from './inspection-photos.service.ts';
export { bookInspectionVisit } from './inspection-visit.service.ts';
export type { CenterInspectionVisitsTable } from './inspection-visits.table.ts';
export { submitMonthlyReport } from './monthly-report.service.ts';
export { setPhotoConsent } from './photo-consent.service.ts';
export { publishPhoto } from './public-photos.service.ts';

/** A write on a centre (its record, setup or status) changes these public pages' centre. */
const CENTRE_WRITE =
  /^\/api\/v1\/centers\/:id(\/(amenities|closures|hours|prices|rules|seats|spaces|status)(\/.*)?)?$/;

/**
 * Which centre a successful write changed, for the public pages that show centres (this area's and
 * the portal's): 'list' for a new centre, its id for a change to one, null for anything else.
 */
export function centreChangedBy(route: string, params: Record<string, string | undefined>): string | null {
  if (route === '/api/v1/centers') return 'list';
  if (params.id && CENTRE_WRITE.test(route)) return params.id;
  return null;
}

export const centersArea: AreaManifest = {
  name: 'centers',
  routes: (deps) => centersRoutes(deps),
  figures: inOrder(30, centersFigures),
  events: [centreBecameOperational, centreInspected, inspectionVisitChanged, inspectionVisitAssigned],
  publicPages: {
    routes: ['/api/v1/centers', '/api/v1/centers/:id'],
    changedBy: (route, params) => {
      const changed = centreChangedBy(route, params);
      if (!changed) return [];
      return changed === 'list' ? ['/api/v1/centers'] : ['/api/v1/centers', `/api/v1/centers/${changed}`];
    },
  },
};
export {
  centreBecameOperational,
  centreInspected,
  inspectionVisitAssigned,
  inspectionVisitChanged,
} from './centers.events.ts';

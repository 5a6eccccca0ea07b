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
  IsoDateSchema,
  SeatKindSchema,
} from './centers.schema.ts';
export type { CenterStatus, CentersTables, SeatKind } from './centers.table.ts';
export {
  type Affected,
  type CentreUnavailable,
  type CentreUnavailableHandler,
  onCentreUnavailable,
} from './centre-unavailable.ts';
export { listInspections, recordInspection } from './inspection.service.ts';
export { submitMonthlyReport } from './monthly-report.service.ts';

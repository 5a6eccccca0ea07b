import type { AreaManifest } from '../../platform/area.ts';
import { geoRoutes } from './geo.routes.ts';

// The geography area's public face.
export { geoRoutes } from './geo.routes.ts';
export type { City, District, Province } from './geo.schema.ts';
export { assertInPakistan, getCity, listCities, listProvinces } from './geo.service.ts';
export type { GeoTables } from './geo.table.ts';
export { distanceKm, isInPakistan } from './pakistan-boundary.ts';

export const geoArea: AreaManifest = { name: 'geo', routes: (deps) => geoRoutes(deps) };

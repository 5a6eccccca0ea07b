// The geography area's public face.
export { geoRoutes } from './geo.routes.ts';
export { listProvinces, listCities, getCity, assertInPakistan } from './geo.service.ts';
export { isInPakistan, distanceKm } from './pakistan-boundary.ts';
export type { Province, City, District } from './geo.schema.ts';
export type { GeoTables } from './geo.table.ts';

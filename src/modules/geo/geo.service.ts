import type { Deps } from '../../deps.ts';
import { invalidField, notFound } from '../../shared/errors.ts';
import * as repo from './geo.repository.ts';
import type { City } from './geo.schema.ts';
import { isInPakistan } from './pakistan-boundary.ts';

export const listProvinces = (deps: Deps) => repo.listProvinces(deps.db);

export async function listDistricts(deps: Deps, provinceCode: string) {
  if (!(await repo.findProvince(deps.db, provinceCode))) throw notFound(`Province ${provinceCode}`);
  return repo.listDistricts(deps.db, provinceCode);
}

export const listCities = (
  deps: Deps,
  f: { province?: string | undefined; q?: string | undefined; limit: number },
) => repo.listCities(deps.db, f);

export async function getCity(deps: Deps, id: number): Promise<City> {
  const city = await repo.findCity(deps.db, id);
  if (!city) throw notFound('City');
  return city;
}

export async function describePoint(deps: Deps, lat: number, lng: number) {
  const inPakistan = isInPakistan(lat, lng);
  const nearest = inPakistan ? await repo.nearestCity(deps.db, lat, lng) : undefined;
  return {
    inPakistan,
    nearestCity: nearest ? { ...nearest, distanceKm: undefined } : null,
    distanceKm: nearest ? Math.round(nearest.distanceKm * 10) / 10 : null,
  };
}

/** For other areas: fails with a field error when a location is not inside Pakistan. */
export function assertInPakistan(latitude: number, longitude: number, field = 'location'): void {
  if (!isInPakistan(latitude, longitude)) throw invalidField(field, 'must lie inside Pakistan');
}

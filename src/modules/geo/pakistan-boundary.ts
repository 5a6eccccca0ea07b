import { createRequire } from 'node:module';
import { geoContains } from 'd3-geo';
import type { Feature, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';

// Pakistan's outline from world-atlas (Natural Earth 1:10m, ISC licence), bundled with the
// package, never fetched. It includes Azad Jammu & Kashmir and Gilgit-Baltistan and the coast
// at Gwadar; a point in the Arabian Sea is outside. Loaded once, on first use.
let outline: Feature<Geometry> | undefined;

function pakistan(): Feature<Geometry> {
  if (!outline) {
    const require = createRequire(import.meta.url);
    const world = require('world-atlas/countries-10m.json') as Topology;
    const countries = feature(world, world.objects.countries!) as unknown as {
      features: Feature<Geometry>[];
    };
    const pk = countries.features.find((f) => f.id === '586');
    if (!pk) throw new Error('world-atlas has no Pakistan (586)');
    outline = pk;
  }
  return outline;
}

export function isInPakistan(latitude: number, longitude: number): boolean {
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return false;
  // A cheap box first: most points far away never touch the polygon.
  if (latitude < 23 || latitude > 37.5 || longitude < 60.5 || longitude > 78) return false;
  return geoContains(pakistan(), [longitude, latitude]);
}

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
}

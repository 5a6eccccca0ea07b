import { geoMercator, geoPath } from 'd3-geo';
import type { FeatureCollection, Geometry } from 'geojson';
import { useTranslation } from 'react-i18next';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries from 'world-atlas/countries-110m.json';
import type { components } from '../../api/client';
import { centerName } from './lib';

type Result = components['schemas']['CenterSearchResult'];

/** A dot on the map: where, its name, and whether it is shown as full. */
export type MapPoint = { id: string; label: string; latitude: number; longitude: number; full?: boolean };

const PAKISTAN = '586';
const NEIGHBOURS = new Set(['004', '156', '356', '364']); // Afghanistan, China, India, Iran
const W = 360;
const H = 400;

const topo = countries as unknown as Topology<{ countries: GeometryCollection }>;
const all = feature(topo, topo.objects.countries) as FeatureCollection<Geometry, { name: string }>;
const pakistan = all.features.find((f) => String(f.id) === PAKISTAN);
const around = all.features.filter((f) => NEIGHBOURS.has(String(f.id)));
const projection = geoMercator();
if (pakistan)
  projection.fitExtent(
    [
      [8, 8],
      [W - 8, H - 8],
    ],
    pakistan,
  );
const path = geoPath(projection);
const pakistanPath = pakistan ? (path(pakistan) ?? '') : '';
const aroundPaths = around.map((f) => ({ id: String(f.id), d: path(f) ?? '' }));

/**
 * An offline map of Pakistan: its outline and neighbours from the bundled world atlas, points as
 * dots, and optionally "you are here". No tiles, nothing fetched.
 */
export function PakistanMap({
  points,
  origin,
  label,
  originLabel,
}: {
  points: MapPoint[];
  origin?: { latitude: number; longitude: number };
  label: string;
  originLabel?: string;
}) {
  const at = (lat: number, lng: number) => projection([lng, lat]) ?? [0, 0];
  return (
    <figure className="map-box">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
        {aroundPaths.map((p) => (
          <path key={p.id} d={p.d} fill="#e3e6e3" stroke="#b9bfba" strokeWidth={0.7} />
        ))}
        <path d={pakistanPath} fill="#f4faf6" stroke="#0b5d3b" strokeWidth={1.2} />
        {points.map((pt) => {
          const [x, y] = at(pt.latitude, pt.longitude);
          return (
            <circle
              key={pt.id}
              cx={x}
              cy={y}
              r={5}
              fill={pt.full ? '#8a1c1c' : '#0b5d3b'}
              stroke="#fff"
              strokeWidth={1.5}
            >
              <title>{pt.label}</title>
            </circle>
          );
        })}
        {origin
          ? (() => {
              const [ox, oy] = at(origin.latitude, origin.longitude);
              return (
                <circle cx={ox} cy={oy} r={4} fill="#1d4ed8" stroke="#fff" strokeWidth={1.5}>
                  <title>{originLabel}</title>
                </circle>
              );
            })()
          : null}
      </svg>
    </figure>
  );
}

/** The search page's map: the results, full centres in red, and where the search started. */
export default function CentresMap({
  origin,
  items,
}: {
  origin: { latitude: number; longitude: number };
  items: Result[];
}) {
  const { t } = useTranslation();
  const points = items.map((r) => ({
    id: r.center.id,
    label: centerName(r.center),
    latitude: r.center.latitude,
    longitude: r.center.longitude,
    full: r.freeSeats === 0,
  }));
  return (
    <PakistanMap
      points={points}
      origin={origin}
      label={t('bk.find.mapLabel')}
      originLabel={t('bk.find.you')}
    />
  );
}

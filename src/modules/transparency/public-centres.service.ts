import type { Deps } from '../../deps.ts';
import { notFound } from '../../shared/errors.ts';
import { amenitiesOf, pricesOf } from '../centers/index.ts';
import {
  findPublicCentre,
  listPublicCentreRows,
  type PublicCentreRow,
  refreshCentreStats,
} from './public-centres.repository.ts';
import type { PublicCentre, PublicCentreDetail } from './public-centres.schema.ts';

export { refreshCentreStats };

type Band = NonNullable<PublicCentre['occupancyBand']>;

/** The published bands: under 25%, 25–50%, 50–75%, over 75% (basis points, 10,000 = 100%). */
export function occupancyBand(bp: number | null): Band | null {
  if (bp === null) return null;
  if (bp < 2500) return 'under_25';
  if (bp < 5000) return '25_50';
  if (bp < 7500) return '50_75';
  return 'over_75';
}

const hhmm = (t: string) => t.slice(0, 5);

function toPublic(r: PublicCentreRow): PublicCentre {
  return {
    id: r.center_id,
    nameEn: r.name_en,
    nameUr: r.name_ur,
    address: r.address,
    cityId: r.city_id,
    cityName: r.city_name,
    cityNameUr: r.city_name_ur,
    provinceCode: r.province_code,
    latitude: r.latitude,
    longitude: r.longitude,
    seatCount: Number(r.seat_count ?? 0),
    amenities: amenitiesOf(r),
    prices: pricesOf(r),
    occupancyBand: occupancyBand(r.occupancy_bp === null ? null : Number(r.occupancy_bp)),
    uptime:
      r.report_month && r.internet_uptime_permille !== null && r.power_uptime_permille !== null
        ? {
            month: String(r.report_month).slice(0, 7),
            internetPercent: Number(r.internet_uptime_permille) / 10,
            powerPercent: Number(r.power_uptime_permille) / 10,
          }
        : null,
    statsAsOf: r.computed_at ? r.computed_at.toISOString() : null,
  };
}

/** The public directory: operational centres, answered from the centres and the stats rollup. */
export async function listPublicCentres(
  deps: Deps,
  q: { province?: string | undefined; limit: number; offset: number },
): Promise<{ items: PublicCentre[]; total: number }> {
  const { rows, total } = await listPublicCentreRows(deps.db, q);
  return { items: rows.map(toPublic), total };
}

/** One operational centre's public page; any other centre is not found. */
export async function getPublicCentre(deps: Deps, id: string): Promise<PublicCentreDetail> {
  const found = await findPublicCentre(deps.db, id);
  if (!found) throw notFound('Centre');
  return {
    ...toPublic(found.row),
    openingHours: found.hours.map((h) => ({
      weekday: h.weekday,
      opens: hhmm(h.opens),
      closes: hhmm(h.closes),
    })),
    seatsByKind: Object.fromEntries(found.seats.map((s) => [s.kind, Number(s.n)])),
  };
}

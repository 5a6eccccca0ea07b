import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { invalidField } from '../../shared/errors.ts';
import { addDays } from '../../shared/time.ts';
import { getCity } from '../geo/index.ts';
import type { LiveFreeSeats } from './availability/free-seats-live.ts';
import { karachiAt } from './booking-window.ts';
import type { BookingPlan } from './bookings.table.ts';
import { searchCenters as search } from './search.repository.ts';
import type { CenterSearchQuery, CenterSearchResponse } from './search.schema.ts';

const PRICE_COLUMN = {
  hourly: 'price_hourly_minor',
  day_pass: 'price_day_pass_minor',
  monthly: 'price_monthly_desk_minor',
  meeting_room: 'price_meeting_room_hourly_minor',
} as const satisfies Record<BookingPlan, string>;

/**
 * Public: operational centres near a point or a city, optionally with a free seat in a window.
 * Answered from the free-seat index when this process has one that is loaded (decision 0068),
 * else by the exact query; both give the same answer (availability/free-seat-index.test.ts).
 */
export async function searchCenters(
  deps: Deps,
  _actor: Actor,
  q: CenterSearchQuery,
  index: LiveFreeSeats | null = null,
): Promise<CenterSearchResponse & { source: 'index' | 'query' }> {
  let origin: { latitude: number; longitude: number };
  if (q.lat !== undefined && q.lng !== undefined) origin = { latitude: q.lat, longitude: q.lng };
  else {
    const city = await getCity(deps, q.cityId!).catch(() => {
      throw invalidField('cityId', 'no such city');
    });
    origin = { latitude: city.latitude, longitude: city.longitude };
  }
  const window =
    q.date && q.from && q.to
      ? {
          date: q.date,
          start: karachiAt(q.date, q.from),
          // An end at or before the start is the next morning: only centres open across
          // midnight then can hold it.
          end: karachiAt(q.to > q.from ? q.date : addDays(q.date, 1), q.to),
        }
      : null;
  const filter = {
    lat: origin.latitude,
    lng: origin.longitude,
    radiusKm: q.radiusKm,
    kind: q.kind,
    window,
    minInternetMbps: q.minInternetMbps,
    backupPower: q.backupPower,
    womenOnlyArea: q.womenOnlyArea,
    prayerArea: q.prayerArea,
    parking: q.parking,
    accessible: q.accessible,
    priceColumn: PRICE_COLUMN[q.plan],
    maxPriceMinor: q.maxPriceMinor,
    limit: q.limit,
  };
  const fast = (await index?.search(filter)) ?? null;
  if (fast) return { origin, items: fast, source: 'index' };
  return { origin, items: await search(deps.db, filter), source: 'query' };
}

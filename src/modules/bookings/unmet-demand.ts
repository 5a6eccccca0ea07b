import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { consumeRateLimit } from '../../db/rate-limit.ts';
import { addressKey } from '../../shared/client-address.ts';
import { addDays, karachiDate } from '../../shared/time.ts';
import type { CenterSearchQuery } from './search.schema.ts';
import './unmet-demand.table.ts';

/**
 * Unmet demand (issue 17): an availability search (a date and hours) that found no centre with a
 * free seat is kept as its district, the day it was made and the hour wanted — no person, no
 * address, no exact point, no filters. Staff read it when they set a call's quotas; owners when
 * they choose where to apply (public page /demand).
 */
/**
 * The place a search was about: its city, or the city nearest the point; counted under the city's
 * district where the bundled geography has one (it has 30), else under the city itself.
 */
async function placeOf(
  db: Kysely<Database>,
  q: CenterSearchQuery,
  origin: { latitude: number; longitude: number },
): Promise<{ id: number; district_id: number | null } | undefined> {
  if (q.cityId !== undefined)
    return db
      .selectFrom('cities')
      .select(['id', 'district_id'])
      .where('id', '=', q.cityId)
      .executeTakeFirst();
  return db
    .selectFrom('cities')
    .select(['id', 'district_id'])
    .orderBy(
      sql`power(latitude - ${origin.latitude}, 2) + power((longitude - ${origin.longitude}) * cos(radians(${origin.latitude})), 2)`,
    )
    .limit(1)
    .executeTakeFirst();
}

/** How far ahead a wanted day counts, and the widest search that still says "near here". */
export const UNMET_MAX_AHEAD_DAYS = 60;
export const UNMET_MAX_RADIUS_KM = 50;

/**
 * Whether an empty search says "no seat here then" rather than "nothing that cheap, that fast, or
 * with parking": a plain availability search, near a place, for today or a day ahead.
 */
export function countsAsUnmet(q: CenterSearchQuery, today: string): boolean {
  if (!q.date || !q.from || !q.to) return false;
  if (q.date < today || q.date > addDays(today, UNMET_MAX_AHEAD_DAYS)) return false;
  if (q.radiusKm > UNMET_MAX_RADIUS_KM) return false;
  if (q.maxPriceMinor !== undefined || q.minInternetMbps !== undefined) return false;
  return !(q.backupPower || q.womenOnlyArea || q.prayerArea || q.parking || q.accessible);
}

/**
 * Records an availability search that found nothing (called on the primary, never the replica):
 * at most once a day per client address (IPv6 per /64) and place, so one person repeating a
 * search, or a script, adds one.
 */
export async function recordUnmetSearch(
  db: Kysely<Database>,
  now: Date,
  q: CenterSearchQuery,
  origin: { latitude: number; longitude: number },
  ip?: string,
): Promise<void> {
  if (!countsAsUnmet(q, karachiDate(now))) return;
  const place = await placeOf(db, q, origin);
  if (!place) return;
  const once = await consumeRateLimit(db, `unmet:${addressKey(ip)}:${place.id}`, 1, 86_400, now);
  if (!once.allowed) return;
  await db
    .insertInto('unmet_searches')
    .values({
      city_id: place.id,
      district_id: place.district_id,
      recorded_on: karachiDate(now),
      wanted_hour: Number(q.from!.slice(0, 2)),
      seat_kind: q.kind,
    })
    .execute();
}

export type UnmetDemand = {
  from: string;
  to: string;
  total: number;
  places: {
    place: string;
    kind: 'district' | 'city';
    nameEn: string;
    nameUr: string | null;
    provinceCode: string;
    latitude: number;
    longitude: number;
    searches: number;
    peakHour: number;
  }[];
  provinces: { code: string; searches: number }[];
};

/** By place (district, else city) over the last `days` days (Asia/Karachi), most searches first. */
export async function unmetDemand(db: Kysely<Database>, now: Date, days: number): Promise<UnmetDemand> {
  const to = karachiDate(now);
  const from = addDays(to, -(days - 1));
  // A district where the city has one, else the city: one place per row, with its own centre point.
  const rows = await db
    .selectFrom('unmet_searches as u')
    .innerJoin('cities as c', 'c.id', 'u.city_id')
    .leftJoin('districts as d', 'd.id', 'u.district_id')
    .select([
      sql<string>`coalesce('d' || d.id, 'c' || c.id)`.as('place'),
      sql<string>`coalesce(d.name_en, c.name_en)`.as('name_en'),
      sql<string | null>`CASE WHEN d.id IS NULL THEN c.name_ur ELSE d.name_ur END`.as('name_ur'),
      'c.province_code',
      sql<boolean>`d.id IS NOT NULL`.as('is_district'),
      sql<number>`coalesce(d.latitude, c.latitude)`.as('latitude'),
      sql<number>`coalesce(d.longitude, c.longitude)`.as('longitude'),
      sql<number>`count(*)`.as('n'),
      sql<number>`mode() WITHIN GROUP (ORDER BY u.wanted_hour)`.as('peak'),
    ])
    .where('u.recorded_on', '>=', from)
    .where('u.recorded_on', '<=', to)
    .groupBy([
      sql`coalesce('d' || d.id, 'c' || c.id)`,
      sql`coalesce(d.name_en, c.name_en)`,
      sql`CASE WHEN d.id IS NULL THEN c.name_ur ELSE d.name_ur END`,
      'c.province_code',
      sql`d.id IS NOT NULL`,
      sql`coalesce(d.latitude, c.latitude)`,
      sql`coalesce(d.longitude, c.longitude)`,
    ])
    .orderBy(sql`count(*)`, 'desc')
    .orderBy(sql`coalesce(d.name_en, c.name_en)`)
    .execute();
  const provinces = new Map<string, number>();
  for (const r of rows) provinces.set(r.province_code, (provinces.get(r.province_code) ?? 0) + Number(r.n));
  return {
    from,
    to,
    total: rows.reduce((s, r) => s + Number(r.n), 0),
    places: rows.map((r) => ({
      place: r.place,
      kind: r.is_district ? ('district' as const) : ('city' as const),
      nameEn: r.name_en,
      nameUr: r.name_ur,
      provinceCode: r.province_code,
      latitude: Number(r.latitude),
      longitude: Number(r.longitude),
      searches: Number(r.n),
      peakHour: Number(r.peak),
    })),
    provinces: [...provinces]
      .map(([code, searches]) => ({ code, searches }))
      .sort((a, b) => b.searches - a.searches),
  };
}

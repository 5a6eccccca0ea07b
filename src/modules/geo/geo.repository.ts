import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { City, District, Province } from './geo.schema.ts';

export async function listProvinces(db: Db): Promise<Province[]> {
  const rows = await db
    .selectFrom('provinces as p')
    .select([
      'p.code',
      'p.name_en',
      'p.name_ur',
      'p.kind',
      'p.latitude',
      'p.longitude',
      (eb) =>
        eb
          .selectFrom('cities')
          .whereRef('cities.province_code', '=', 'p.code')
          .select(eb.fn.countAll<number>().as('n'))
          .as('city_count'),
      (eb) =>
        eb
          .selectFrom('districts')
          .whereRef('districts.province_code', '=', 'p.code')
          .select(eb.fn.countAll<number>().as('n'))
          .as('district_count'),
    ])
    .orderBy('p.sort_order')
    .execute();
  return rows.map((r) => ({
    code: r.code,
    nameEn: r.name_en,
    nameUr: r.name_ur,
    kind: r.kind,
    latitude: r.latitude,
    longitude: r.longitude,
    cityCount: Number(r.city_count ?? 0),
    districtCount: Number(r.district_count ?? 0),
  }));
}

export async function findProvince(db: Db, code: string) {
  return db.selectFrom('provinces').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function listDistricts(db: Db, provinceCode: string): Promise<District[]> {
  const rows = await db
    .selectFrom('districts')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .orderBy('name_en')
    .execute();
  return rows.map((r) => ({ id: r.id, provinceCode: r.province_code, nameEn: r.name_en, nameUr: r.name_ur }));
}

type CityRow = {
  id: number;
  province_code: string;
  district_id: number | null;
  name_en: string;
  name_ur: string | null;
  latitude: number;
  longitude: number;
};
const toCity = (r: CityRow): City => ({
  id: r.id,
  provinceCode: r.province_code,
  districtId: r.district_id,
  nameEn: r.name_en,
  nameUr: r.name_ur,
  latitude: r.latitude,
  longitude: r.longitude,
});

export async function listCities(
  db: Db,
  f: { province?: string | undefined; q?: string | undefined; limit: number },
): Promise<City[]> {
  let q = db.selectFrom('cities').selectAll();
  if (f.province) q = q.where('province_code', '=', f.province);
  const search = f.q;
  if (search) {
    const escaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
    const folded = `%${escaped(foldForSearch(search))}%`;
    q = q.where((eb) =>
      eb.or([
        eb(sql<string>`translate(lower(name_en), ${FOLD_FROM}, ${FOLD_TO})`, 'like', folded),
        eb('name_ur', 'like', `%${escaped(search)}%`),
      ]),
    );
  }
  return (await q.orderBy('name_en').limit(f.limit).execute()).map(toCity);
}

// Romanised place names carry diacritics and typographic apostrophes (Muzaffarābād, Khairpur Mir’s)
// that nobody types; searching folds them on both sides. The same pairs, in the same order.
const FOLD_PAIRS: [string, string][] = [
  ['āáàâä', 'a'],
  ['īíìîï', 'i'],
  ['ūúùûü', 'u'],
  ['ēéèêë', 'e'],
  ['ōóòôö', 'o'],
  ['ĀÁÀÂÄ', 'a'],
  ['ĪÍÌÎÏ', 'i'],
  ['ŪÚÙÛÜ', 'u'],
  ['’‘ʼ`', "'"],
];
const FOLD_FROM = FOLD_PAIRS.map(([from]) => from).join('');
const FOLD_TO = FOLD_PAIRS.map(([from, to]) => to.repeat([...from].length)).join('');

/** What a search compares: lower case, without diacritics, with plain apostrophes. */
export function foldForSearch(text: string): string {
  let out = text.toLowerCase();
  const fromChars = [...FOLD_FROM];
  const toChars = [...FOLD_TO];
  out = [...out].map((ch) => toChars[fromChars.indexOf(ch)] ?? ch).join('');
  return out.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

export async function findCity(db: Db, id: number): Promise<City | undefined> {
  const row = await db.selectFrom('cities').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toCity(row);
}

/** Nearest city by great-circle distance; 458 rows, so a scan is cheaper than an index. */
export async function nearestCity(
  db: Db,
  lat: number,
  lng: number,
): Promise<(City & { distanceKm: number }) | undefined> {
  const row = await db
    .selectFrom('cities')
    .selectAll()
    .select(
      sql<number>`2 * 6371.0088 * asin(least(1, sqrt(
        power(sin(radians(latitude - ${lat}) / 2), 2) +
        cos(radians(${lat})) * cos(radians(latitude)) * power(sin(radians(longitude - ${lng}) / 2), 2))))`.as(
        'distance_km',
      ),
    )
    .orderBy('distance_km')
    .limit(1)
    .executeTakeFirst();
  return row && { ...toCity(row), distanceKm: Number(row.distance_km) };
}

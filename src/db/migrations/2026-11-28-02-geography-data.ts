import { City, State } from 'country-state-city';
import { type Kysely, sql } from 'kysely';

// Pakistan's provinces and territories, with the cities and districts the maintained
// `country-state-city` package (pinned) carries. The former FATA merged into Khyber Pakhtunkhwa
// in 2018, so its places are filed there. Entries named "… District" are districts; a city takes
// the district of its own name where one exists.

const PROVINCES = [
  { code: 'PB', iso: 'PB', en: 'Punjab', ur: 'پنجاب', kind: 'province', order: 1 },
  { code: 'SD', iso: 'SD', en: 'Sindh', ur: 'سندھ', kind: 'province', order: 2 },
  { code: 'KP', iso: 'KP', en: 'Khyber Pakhtunkhwa', ur: 'خیبر پختونخوا', kind: 'province', order: 3 },
  {
    code: 'ICT',
    iso: 'IS',
    en: 'Islamabad Capital Territory',
    ur: 'اسلام آباد وفاقی دارالحکومت',
    kind: 'territory',
    order: 4,
  },
  { code: 'BA', iso: 'BA', en: 'Balochistan', ur: 'بلوچستان', kind: 'province', order: 5 },
  {
    code: 'AJK',
    iso: 'JK',
    en: 'Azad Jammu & Kashmir',
    ur: 'آزاد جموں و کشمیر',
    kind: 'territory',
    order: 6,
  },
  { code: 'GB', iso: 'GB', en: 'Gilgit-Baltistan', ur: 'گلگت بلتستان', kind: 'territory', order: 7 },
] as const;

const ISO_TO_CODE: Record<string, string> = { TA: 'KP' };
for (const p of PROVINCES) ISO_TO_CODE[p.iso] = p.code;

const CITY_UR: Record<string, string> = {
  Karachi: 'کراچی',
  Lahore: 'لاہور',
  Islamabad: 'اسلام آباد',
  Rawalpindi: 'راولپنڈی',
  Faisalabad: 'فیصل آباد',
  Multan: 'ملتان',
  Peshawar: 'پشاور',
  Quetta: 'کوئٹہ',
  Hyderabad: 'حیدرآباد',
  Gujranwala: 'گوجرانوالہ',
  Sialkot: 'سیالکوٹ',
  Bahawalpur: 'بہاولپور',
  Sukkur: 'سکھر',
  Abbottabad: 'ایبٹ آباد',
  Mardan: 'مردان',
  Gilgit: 'گلگت',
  Muzaffarābād: 'مظفرآباد',
  Sargodha: 'سرگودھا',
  'Dera Ghazi Khan': 'ڈیرہ غازی خان',
  Larkana: 'لاڑکانہ',
  Gwadar: 'گوادر',
  Swat: 'سوات',
  Mirpur: 'میرپور',
  Skardu: 'سکردو',
};

export async function up(db: Kysely<unknown>): Promise<void> {
  const states = State.getStatesOfCountry('PK');
  for (const p of PROVINCES) {
    const s = states.find((x) => x.isoCode === p.iso);
    if (!s) throw new Error(`country-state-city lacks ${p.en}`);
    await sql`INSERT INTO provinces (code, name_en, name_ur, kind, latitude, longitude, sort_order)
      VALUES (${p.code}, ${p.en}, ${p.ur}, ${p.kind}, ${Number(s.latitude)}, ${Number(s.longitude)}, ${p.order})`.execute(
      db,
    );
  }
  const places = City.getCitiesOfCountry('PK') ?? [];
  const districts = places.filter((c) => / District$/.test(c.name));
  const cities = places.filter((c) => !/ District$/.test(c.name));
  const districtIds = new Map<string, number>();
  for (const d of districts) {
    const province = ISO_TO_CODE[d.stateCode];
    if (!province) continue;
    const name = d.name.replace(/ District$/, '');
    const row = await sql<{
      id: number;
    }>`INSERT INTO districts (province_code, name_en, name_ur, latitude, longitude)
      VALUES (${province}, ${name}, ${CITY_UR[name] ?? null}, ${Number(d.latitude)}, ${Number(d.longitude)})
      ON CONFLICT (province_code, name_en) DO UPDATE SET name_en = EXCLUDED.name_en RETURNING id`.execute(db);
    districtIds.set(`${province}/${name}`, row.rows[0]!.id);
  }
  const seen = new Set<string>();
  const values = [];
  for (const c of cities) {
    const province = ISO_TO_CODE[c.stateCode];
    if (!province || seen.has(`${province}/${c.name}`)) continue;
    seen.add(`${province}/${c.name}`);
    values.push(
      sql`(${province}, ${districtIds.get(`${province}/${c.name}`) ?? null}, ${c.name}, ${CITY_UR[c.name] ?? null}, ${Number(c.latitude)}, ${Number(c.longitude)})`,
    );
  }
  await sql`INSERT INTO cities (province_code, district_id, name_en, name_ur, latitude, longitude)
    VALUES ${sql.join(values)}`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM cities`.execute(db);
  await sql`DELETE FROM districts`.execute(db);
  await sql`DELETE FROM provinces`.execute(db);
}

import type { Deps } from '../../deps.ts';
import { addDays, karachiDate } from '../../shared/time.ts';

// The demo's unmet demand, relative to today: searches over the last 60 days that found no free
// seat, heavier in big districts with few centres, most wanting a seat in the morning or evening.
// Deterministic (a fixed sequence), so every fresh start shows the same map.

const WEIGHTED = [
  ['Peshawar', 40],
  ['Quetta', 34],
  ['Multan', 30],
  ['Hyderabad', 28],
  ['Faisalabad', 24],
  ['Sukkur', 16],
  ['Bahawalpur', 14],
  ['Dera Ismail Khan', 12],
  ['Gilgit', 8],
  ['Mardan', 8],
  ['Khuzdar', 7],
  ['Turbat', 6],
  ['Larkana', 6],
  ['Sialkot', 5],
  ['Abbottabad', 4],
] as const;
const HOURS = [9, 9, 10, 10, 11, 14, 17, 18, 19, 20, 21];

export async function seedUnmetDemand(deps: Deps): Promise<void> {
  const names = WEIGHTED.map(([n]) => n);
  const cities = await deps.db
    .selectFrom('cities')
    .select(['id', 'name_en', 'district_id'])
    .where('name_en', 'in', names)
    .execute();
  const idOf = new Map(cities.map((c) => [c.name_en, c]));
  const today = karachiDate(deps.clock.now());
  let seed = 17;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const rows: {
    city_id: number;
    district_id: number | null;
    recorded_on: string;
    wanted_hour: number;
    seat_kind: string;
  }[] = [];
  for (const [name, weight] of WEIGHTED) {
    const city = idOf.get(name);
    if (city === undefined) continue;
    for (let i = 0; i < weight; i++)
      rows.push({
        city_id: city.id,
        district_id: city.district_id,
        recorded_on: addDays(today, -Math.floor(next() * 60)),
        wanted_hour: HOURS[Math.floor(next() * HOURS.length)]!,
        seat_kind: next() < 0.85 ? 'hot_desk' : 'dedicated_desk',
      });
  }
  if (rows.length) await deps.db.insertInto('unmet_searches').values(rows).execute();
}

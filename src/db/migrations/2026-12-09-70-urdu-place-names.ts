import { type Kysely, sql } from 'kysely';
import { CITIES_UR, DISTRICTS_UR } from './data/urdu-place-names.ts';

// Urdu names for every district and city the geography carries (data/urdu-place-names.ts says
// where they come from). Only rows still without one are filled: a name set before stays.

export async function up(db: Kysely<unknown>): Promise<void> {
  const rows = (names: Readonly<Record<string, string>>) =>
    sql.join(Object.entries(names).map(([en, ur]) => sql`(${en}, ${ur})`));
  await sql`UPDATE districts d SET name_ur = v.ur FROM (VALUES ${rows(DISTRICTS_UR)}) AS v(en, ur)
    WHERE d.name_en = v.en AND d.name_ur IS NULL`.execute(db);
  await sql`UPDATE cities c SET name_ur = v.ur FROM (VALUES ${rows(CITIES_UR)}) AS v(en, ur)
    WHERE c.name_en = v.en AND c.name_ur IS NULL`.execute(db);
}

export async function down(_db: Kysely<unknown>): Promise<void> {
  // Names are data, not shape: going down leaves them (the earlier migration's names are unknown here).
}

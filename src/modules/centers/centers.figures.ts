import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { type FigureProvider, fromProvinceRows } from '../../platform/figures.ts';
import type { CenterStatus } from './centers.table.ts';

async function countByStatus(db: Db, statuses: CenterStatus[]) {
  return fromProvinceRows(
    await db
      .selectFrom('centers')
      .select(['province_code', sql<number>`count(*)`.as('n')])
      .where('status', 'in', statuses)
      .groupBy('province_code')
      .execute(),
  );
}

/** Public figures from centres: how many exist at each stage, and their seats. Current state. */
export const centersFigures: FigureProvider[] = [
  {
    key: 'centres.under_setup',
    area: 'centers',
    unit: 'centres',
    labelEn: 'Centres under set-up',
    labelUr: 'زیر تعمیر مراکز',
    definitionEn: 'Centres approved and being fitted out, or awaiting or past inspection but not yet open.',
    definitionUr: 'منظور شدہ مراکز جو تیار ہو رہے ہیں یا معائنے کے بعد ابھی کھلے نہیں۔',
    compute: (db) => countByStatus(db, ['approved', 'under_setup', 'inspected']),
  },
  {
    key: 'centres.operational',
    area: 'centers',
    unit: 'centres',
    labelEn: 'Centres operational',
    labelUr: 'فعال مراکز',
    definitionEn: 'Centres that passed inspection and take bookings now (suspended centres not counted).',
    definitionUr: 'معائنہ پاس کر کے اس وقت بکنگ لینے والے مراکز (معطل شامل نہیں)۔',
    compute: (db) => countByStatus(db, ['operational']),
  },
  {
    key: 'centres.closed',
    area: 'centers',
    unit: 'centres',
    labelEn: 'Centres closed',
    labelUr: 'بند مراکز',
    definitionEn: 'Centres closed for good.',
    definitionUr: 'مستقل طور پر بند مراکز۔',
    compute: (db) => countByStatus(db, ['closed']),
  },
  {
    key: 'seats.total',
    area: 'centers',
    unit: 'seats',
    labelEn: 'Seats in operational centres',
    labelUr: 'فعال مراکز میں نشستیں',
    definitionEn: 'Bookable seats (desks, cabins, room places) in operational centres.',
    definitionUr: 'فعال مراکز میں قابلِ بکنگ نشستیں (ڈیسک، کیبن، کمروں کی جگہیں)۔',
    compute: async (db) =>
      fromProvinceRows(
        await db
          .selectFrom('seats')
          .innerJoin('centers', 'centers.center_id', 'seats.center_id')
          .select(['centers.province_code', sql<number>`count(*)`.as('n')])
          .where('centers.status', '=', 'operational')
          .where('seats.active', '=', true)
          .groupBy('centers.province_code')
          .execute(),
      ),
  },
];

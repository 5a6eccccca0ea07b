import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { FigureProvider } from '../../platform/figures.ts';

async function countRole(db: Db, role: 'freelancer' | 'owner', asOf: Date) {
  const { n } = await db
    .selectFrom('users')
    .select(sql<number>`count(*)`.as('n'))
    .where('role', '=', role)
    .where('created_at', '<=', asOf)
    .executeTakeFirstOrThrow();
  return { total: Number(n), byProvince: null };
}

/** Public figures from identity: aggregate counts only, never who. */
export const identityFigures: FigureProvider[] = [
  {
    key: 'freelancers.registered',
    area: 'identity',
    unit: 'people',
    labelEn: 'Freelancers registered',
    labelUr: 'رجسٹرڈ فری لانسرز',
    definitionEn:
      'People with a freelancer account on Markaz (CNIC-checked format, one account per CNIC), as of the time shown.',
    definitionUr: 'مرکز پر فری لانسر اکاؤنٹ رکھنے والے افراد (ہر شناختی کارڈ پر ایک اکاؤنٹ)، دیے گئے وقت تک۔',
    compute: (db, asOf) => countRole(db, 'freelancer', asOf),
  },
  {
    key: 'owners.registered',
    area: 'identity',
    unit: 'people',
    labelEn: 'Building owners registered',
    labelUr: 'رجسٹرڈ عمارت مالکان',
    definitionEn: 'People with a building-owner account on Markaz, as of the time shown.',
    definitionUr: 'مرکز پر عمارت کے مالک کا اکاؤنٹ رکھنے والے افراد، دیے گئے وقت تک۔',
    compute: (db, asOf) => countRole(db, 'owner', asOf),
  },
];

import { sql } from 'kysely';
import { type FigureProvider, fromProvinceRows } from '../../platform/figures.ts';

/** The portal's count of certificates: valid ones, by the province of the centre that trained. */
export const credentialsFigures: FigureProvider[] = [
  {
    key: 'training.certified',
    area: 'credentials',
    unit: 'people',
    labelEn: 'Certificates held',
    labelUr: 'جاری شدہ اسناد',
    definitionEn:
      'Certificates of completion issued and not revoked (signed Open Badges 3.0 credentials anyone can verify at /verify). The promise: 16,000 trained.',
    definitionUr:
      'جاری کی گئی اور منسوخ نہ کی گئی تکمیل کی اسناد (دستخط شدہ اوپن بیجز 3.0، جن کی تصدیق کوئی بھی /verify پر کر سکتا ہے)۔ وعدہ: 16,000 افراد کی تربیت۔',
    compute: async (db) => {
      const rows = await db
        .selectFrom('certificates as k')
        .leftJoin('centers as c', (j) => j.on(sql`c.center_id::text`, '=', sql.ref('k.centre_id')))
        .select(['c.province_code', sql<number>`count(*)::int`.as('n')])
        .where('k.revoked_at', 'is', null)
        .groupBy('c.province_code')
        .execute();
      return fromProvinceRows(rows);
    },
  },
];

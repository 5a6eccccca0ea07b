import type { PersonalRecords } from '../../platform/personal-records.ts';
import { invalidField } from '../../shared/errors.ts';

/** The freelancer's profile and declared earnings in their export; home city correctable; profile erased on closure. */
export const freelancersPersonalRecords: PersonalRecords = {
  tables: [
    {
      section: 'freelancer_profile',
      title: { en: 'Freelancer profile', ur: 'فری لانسر پروفائل' },
      table: 'freelancer_profiles',
      by: 'user_id',
      columns: ['skills', 'platforms', 'portfolio_url', 'home_city_id', 'bio', 'gender', 'updated_at'],
    },
    {
      section: 'earnings_declared',
      title: { en: 'Earnings you declared', ur: 'آپ کی بتائی ہوئی آمدنی' },
      table: 'earnings_declarations',
      by: 'freelancer_id',
      columns: ['month', 'platform', 'amount_minor', 'currency', 'declared_at'],
      orderBy: 'month',
    },
    {
      section: 'earnings_statements',
      title: { en: 'Earnings statements you uploaded', ur: 'آپ کے اپ لوڈ کیے گئے آمدنی کے گوشوارے' },
      table: 'earnings_statements',
      by: 'freelancer_id',
      columns: ['month', 'file_name', 'content_type', 'size_bytes', 'uploaded_at'],
      orderBy: 'month',
    },
  ],
  corrections: [
    {
      field: 'home_city',
      label: { en: 'Home city', ur: 'آبائی شہر' },
      parse(value) {
        if (!/^\d{1,6}$/.test(value.trim()))
          throw invalidField('value', 'choose a city from the list (its number)');
        return value.trim();
      },
      async current(db, _deps, userId) {
        const r = await db
          .selectFrom('freelancer_profiles as p')
          .leftJoin('cities as c', 'c.id', 'p.home_city_id')
          .select(['p.home_city_id', 'c.name_en as name'])
          .where('p.user_id', '=', userId)
          .executeTakeFirst();
        return r?.home_city_id == null ? null : `${r.home_city_id} (${r.name ?? '?'})`;
      },
      async apply(trx, deps, userId, value) {
        const city = await trx
          .selectFrom('cities')
          .select('id')
          .where('id', '=', Number(value))
          .executeTakeFirst();
        if (!city) throw invalidField('value', 'no such city');
        const res = await trx
          .updateTable('freelancer_profiles')
          .set({ home_city_id: city.id, updated_at: deps.clock.now() })
          .where('user_id', '=', userId)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) === 0)
          throw invalidField('field', 'there is no freelancer profile to correct');
      },
    },
  ],
  async erase(trx, _deps, userId) {
    // Declared earnings stay (the portal's totals count them) under the pseudonymous id; the
    // profile, which describes the person, goes.
    await trx.deleteFrom('freelancer_profiles').where('user_id', '=', userId).execute();
  },
};

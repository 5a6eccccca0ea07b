import { sql } from 'kysely';
import type { FigureProvider } from '../../platform/figures.ts';
import { addDays, karachiDate } from '../../shared/time.ts';

/** Public figures from freelancers' declarations: one aggregate, never a person's amount. */
export const freelancersFigures: FigureProvider[] = [
  {
    key: 'earnings.usd_declared_12m',
    area: 'freelancers',
    unit: 'usd_cents',
    labelEn: 'Declared earnings, last 12 months (USD)',
    labelUr: 'اعلان کردہ آمدن، پچھلے 12 ماہ (ڈالر)',
    definitionEn:
      "Sum of freelancers' self-declared monthly earnings in US dollars for the 12 months before this one. Self-declared, not verified against bank records.",
    definitionUr:
      'اس ماہ سے پہلے کے 12 ماہ میں فری لانسرز کی خود اعلان کردہ ماہانہ آمدن (ڈالر) کا مجموعہ۔ بینک ریکارڈ سے تصدیق شدہ نہیں۔',
    compute: async (db, asOf) => {
      const thisMonth = `${karachiDate(asOf).slice(0, 7)}-01`;
      const from = `${addDays(thisMonth, -365).slice(0, 7)}-01`;
      const { n } = await db
        .selectFrom('earnings_declarations')
        .select(sql<number>`coalesce(sum(amount_minor), 0)`.as('n'))
        .where('month', '>=', from)
        .where('month', '<', thisMonth)
        .executeTakeFirstOrThrow();
      return { total: Number(n), byProvince: null };
    },
  },
];

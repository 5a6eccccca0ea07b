import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { type FigureProvider, fromProvinceRows } from '../../platform/figures.ts';
import { leverageBps } from './public.service.ts';

// The portal's startup-fund figures: grants paid, foreign money that arrived, and the leverage
// between them, by the startup's province. Recovered grants are left out of all three.

const byProvince = (db: Db, amount: 'paid' | 'foreign') =>
  sql<{ province_code: string; n: string }>`
    SELECT c.province_code, sum(${amount === 'paid' ? sql`g.paid_pkr_minor` : sql`coalesce((SELECT sum(a.amount_pkr_minor) FROM fund_arrivals a WHERE a.grant_id = g.id AND a.status = 'accepted'), 0)`})::text AS n
      FROM fund_grants g JOIN fund_startups s ON s.id = g.startup_id JOIN cities c ON c.id = s.city_id
     WHERE g.status = 'approved' GROUP BY c.province_code`.execute(db);

const foreignUsd = (db: Db) =>
  sql<{ province_code: string; n: string }>`
    SELECT c.province_code, sum(coalesce(a.amount_usd_minor, a.amount_minor))::text AS n
      FROM fund_arrivals a JOIN fund_grants g ON g.id = a.grant_id JOIN fund_startups s ON s.id = g.startup_id JOIN cities c ON c.id = s.city_id
     WHERE a.status = 'accepted' AND g.status = 'approved' GROUP BY c.province_code`.execute(db);

export const fundFigures: FigureProvider[] = [
  {
    key: 'startup.grants_pkr',
    area: 'startup-fund',
    unit: 'pkr_paisa',
    labelEn: 'Startup grants paid (PKR)',
    labelUr: 'اسٹارٹ اپ گرانٹس کی ادائیگی (روپے)',
    definitionEn:
      'Matching grants paid to startups, in rupees at each payment date’s rate; recovered grants are left out. The announcement: about Rs 2 billion a year.',
    definitionUr:
      'اسٹارٹ اپس کو ادا کی گئی میچنگ گرانٹس، ہر ادائیگی کی تاریخ کے نرخ پر روپوں میں؛ واپس لی گئی گرانٹس شامل نہیں۔ اعلان: تقریباً 2 ارب روپے سالانہ۔',
    compute: async (db) => fromProvinceRows((await byProvince(db, 'paid')).rows),
  },
  {
    key: 'startup.foreign_usd',
    area: 'startup-fund',
    unit: 'usd_cents',
    labelEn: 'Foreign investment arrived alongside grants (USD)',
    labelUr: 'گرانٹس کے ساتھ آنے والی غیر ملکی سرمایہ کاری (ڈالر)',
    definitionEn:
      'Money from foreign investors in rounds the fund matched, counted only once staff accepted proof that it arrived, never what a founder declared.',
    definitionUr:
      'ان راؤنڈز میں غیر ملکی سرمایہ کاروں کی رقم جن میں فنڈ نے گرانٹ دی، صرف تب گنی جاتی ہے جب عملہ اس کے پہنچنے کا ثبوت قبول کر لے۔',
    compute: async (db) => fromProvinceRows((await foreignUsd(db)).rows),
  },
  {
    key: 'startup.leverage_bps',
    area: 'startup-fund',
    unit: 'basis_points',
    labelEn: 'Foreign money per rupee of grant',
    labelUr: 'گرانٹ کے ہر روپے پر غیر ملکی رقم',
    definitionEn:
      'Foreign money that arrived (in rupees at its arrival date’s rate) divided by the grants paid; 10,000 basis points is one rupee per rupee.',
    definitionUr:
      'پہنچنے والی غیر ملکی رقم (آمد کی تاریخ کے نرخ پر روپوں میں) تقسیم ادا شدہ گرانٹس؛ 10,000 بیسس پوائنٹس یعنی ایک روپے کے بدلے ایک روپیہ۔',
    compute: async (db) => {
      const [paid, foreign] = await Promise.all([byProvince(db, 'paid'), byProvince(db, 'foreign')]);
      const p = fromProvinceRows(paid.rows);
      const f = fromProvinceRows(foreign.rows);
      const byProv: Record<string, number> = {};
      for (const [code, n] of Object.entries(p.byProvince ?? {})) {
        const lev = leverageBps(f.byProvince?.[code] ?? 0, n);
        if (lev !== null) byProv[code] = lev;
      }
      return { total: leverageBps(f.total ?? 0, p.total ?? 0), byProvince: byProv };
    },
  },
];

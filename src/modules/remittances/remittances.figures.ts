import { sql } from 'kysely';
import type { FigureProvider } from '../../platform/figures.ts';
import { window } from './reconcile.service.ts';
import { MIN_GROUP } from './remittance-rules.ts';
import { withheldInGroup } from './suppression.ts';

type Row = { province_code: string | null; people: number; attested: number; n: string | number | null };

/**
 * Per province, over the 12 ended months: freelancers with any earnings (declared or attested),
 * those with bank-attested earnings, and the attested sum.
 */
async function byProvince(
  db: Parameters<NonNullable<FigureProvider['compute']>>[0],
  asOf: Date,
): Promise<Row[]> {
  const w = window(asOf, 12);
  const { rows } = await sql<Row>`
    WITH people AS (
      SELECT freelancer_id FROM earnings_declarations
       WHERE month BETWEEN ${`${w.from}-01`}::date AND ${`${w.to}-01`}::date AND amount_minor > 0
      UNION
      SELECT freelancer_id FROM remittance_attestations
       WHERE it_export AND month BETWEEN ${`${w.from}-01`}::date AND ${`${w.to}-01`}::date
    ), a AS (
      SELECT freelancer_id, sum(usd_minor) AS n FROM remittance_attestations
       WHERE it_export AND month BETWEEN ${`${w.from}-01`}::date AND ${`${w.to}-01`}::date GROUP BY 1
    )
    SELECT ci.province_code, count(*)::int AS people, count(a.freelancer_id)::int AS attested, sum(a.n) AS n
      FROM people
      LEFT JOIN a ON a.freelancer_id = people.freelancer_id
      LEFT JOIN freelancer_profiles f ON f.user_id = people.freelancer_id
      LEFT JOIN cities ci ON ci.id = f.home_city_id
     GROUP BY 1`.execute(db);
  return rows;
}

const sum = (rows: Row[], f: (r: Row) => number) => rows.reduce((s, r) => s + f(r), 0);

/** Bank-attested export earnings: never mixed with the declared figure, small groups withheld. */
export const remittancesFigures: FigureProvider[] = [
  {
    key: 'earnings.usd_attested_12m',
    area: 'remittances',
    unit: 'usd_cents',
    labelEn: 'Bank-attested earnings, last 12 months (USD)',
    labelUr: 'بینک سے تصدیق شدہ آمدن، پچھلے 12 ماہ (ڈالر)',
    definitionEn:
      'Sum of the US dollars that partner banks reported as IT-export proceeds (State Bank purpose codes) credited to consenting freelancers’ accounts in the 12 ended months. Reported by the banks, not by the freelancers; shown beside, never added to, the declared figure. Provinces with fewer than 3 such freelancers are withheld.',
    definitionUr:
      'پچھلے 12 مکمل مہینوں میں شراکت دار بینکوں کی طرف سے رضامند فری لانسرز کے کھاتوں میں آئی ٹی برآمدات کی آمدن (اسٹیٹ بینک کے مقصد کوڈ) کے طور پر بتائے گئے ڈالر۔ یہ بینکوں کی رپورٹ ہے، فری لانسرز کی نہیں؛ اعلان کردہ آمدن کے ساتھ دکھائی جاتی ہے، اس میں جمع نہیں کی جاتی۔ 3 سے کم ایسے فری لانسرز والے صوبے نہیں دکھائے جاتے۔',
    compute: async (db, asOf) => {
      const rows = await byProvince(db, asOf);
      const people = sum(rows, (r) => r.attested);
      // Complementary suppression: no withheld province is the total minus the provinces shown.
      const hidden = withheldInGroup(
        rows.map((r) => ({ key: r.province_code ?? 'not_stated', n: r.attested })),
        people < MIN_GROUP,
        MIN_GROUP,
      );
      const out: Record<string, number> = {};
      for (const r of rows)
        if (r.province_code && r.attested >= MIN_GROUP && !hidden.has(r.province_code))
          out[r.province_code] = Number(r.n ?? 0);
      return {
        total: people >= MIN_GROUP ? sum(rows, (r) => Number(r.n ?? 0)) : people === 0 ? 0 : null,
        byProvince: out,
      };
    },
  },
  {
    key: 'earnings.attested_share_bp',
    area: 'remittances',
    unit: 'basis_points',
    labelEn: 'Share of earning freelancers with bank-attested earnings',
    labelUr: 'کمانے والے فری لانسرز میں بینک سے تصدیق شدہ آمدن والوں کا حصہ',
    definitionEn:
      'Of the freelancers who declared earnings or had earnings attested in the 12 ended months, the share whose bank attested any. The rest rest on their own word.',
    definitionUr:
      'پچھلے 12 مکمل مہینوں میں جن فری لانسرز نے آمدن کا اعلان کیا یا جن کی آمدن کی تصدیق ہوئی، ان میں سے جن کی آمدن کی بینک نے تصدیق کی ان کا حصہ۔ باقی صرف ان کے اپنے بیان پر ہے۔',
    compute: async (db, asOf) => {
      const rows = await byProvince(db, asOf);
      const bp = (a: number, p: number) => Math.round((a * 10_000) / p);
      const people = sum(rows, (r) => r.people);
      const attested = sum(rows, (r) => r.attested);
      const out: Record<string, number> = {};
      for (const r of rows)
        if (r.province_code && r.people >= MIN_GROUP && (r.attested === 0 || r.attested >= MIN_GROUP))
          out[r.province_code] = bp(r.attested, r.people);
      return { total: people >= MIN_GROUP ? bp(attested, people) : null, byProvince: out };
    },
  },
];

import { sql } from 'kysely';
import { type FigureProvider, fromProvinceRows } from '../../platform/figures.ts';
import { karachiDate } from '../../shared/time.ts';

/**
 * Public figures from loans, by the province of the application each loan finances. Amounts are
 * paisa. Sanctions, disbursements and repayments are counted as of the instant asked; portfolio at
 * risk is the state after the last close of business.
 */
export const loanCentreFigures: FigureProvider[] = [
  {
    key: 'centres.loan_sanctioned',
    area: 'loans',
    unit: 'centres',
    labelEn: 'Loans sanctioned',
    labelUr: 'منظور شدہ قرضے',
    definitionEn: 'Shortlisted owners whose loan a partner bank has sanctioned.',
    definitionUr: 'وہ مالکان جن کا قرض کسی شراکت دار بینک نے منظور کیا۔',
    compute: async (db, asOf) =>
      fromProvinceRows(
        await db
          .selectFrom('loans')
          .select(['province_code', sql<number>`count(*)`.as('n')])
          .where('sanctioned_at', '<=', asOf)
          .groupBy('province_code')
          .execute(),
      ),
  },
  {
    key: 'centres.disbursed',
    area: 'loans',
    unit: 'centres',
    labelEn: 'Loans disbursed',
    labelUr: 'جاری شدہ قرضے',
    definitionEn: 'Loans with at least one disbursement.',
    definitionUr: 'کم از کم ایک قسط جاری ہونے والے قرضے۔',
    compute: async (db, asOf) =>
      fromProvinceRows(
        await db
          .selectFrom('loans')
          .select(['province_code', sql<number>`count(*)`.as('n')])
          .where('first_disbursed_on', '<=', karachiDate(asOf))
          .groupBy('province_code')
          .execute(),
      ),
  },
];

export const loanMoneyFigures: FigureProvider[] = [
  {
    key: 'loans.sanctioned_pkr',
    area: 'loans',
    unit: 'pkr_paisa',
    labelEn: 'Loans sanctioned (PKR)',
    labelUr: 'منظور شدہ قرض (روپے)',
    definitionEn: 'Sum of sanctioned loan amounts.',
    definitionUr: 'منظور شدہ قرضوں کی کل رقم۔',
    compute: async (db, asOf) =>
      fromProvinceRows(
        await db
          .selectFrom('loans')
          .select(['province_code', sql<number>`sum(sanctioned_minor)`.as('n')])
          .where('sanctioned_at', '<=', asOf)
          .groupBy('province_code')
          .execute(),
      ),
  },
  {
    key: 'loans.disbursed_pkr',
    area: 'loans',
    unit: 'pkr_paisa',
    labelEn: 'Loans disbursed (PKR)',
    labelUr: 'جاری شدہ قرض (روپے)',
    definitionEn: 'Sum of disbursements.',
    definitionUr: 'جاری کی گئی رقوم کا مجموعہ۔',
    compute: async (db, asOf) =>
      fromProvinceRows(
        await db
          .selectFrom('loan_disbursements as d')
          .innerJoin('loans as l', 'l.id', 'd.loan_id')
          .select(['l.province_code', sql<number>`sum(d.amount_minor)`.as('n')])
          .where('d.disbursed_on', '<=', karachiDate(asOf))
          .groupBy('l.province_code')
          .execute(),
      ),
  },
  {
    key: 'loans.repaid_pkr',
    area: 'loans',
    unit: 'pkr_paisa',
    labelEn: 'Principal repaid (PKR)',
    labelUr: 'واپس شدہ اصل رقم (روپے)',
    definitionEn: 'Sum of principal repaid by owners.',
    definitionUr: 'مالکان کی واپس کی گئی اصل رقم۔',
    compute: async (db, asOf) =>
      fromProvinceRows(
        await db
          .selectFrom('loan_repayments as r')
          .innerJoin('loans as l', 'l.id', 'r.loan_id')
          .select(['l.province_code', sql<number>`sum(r.amount_minor)`.as('n')])
          .where('r.paid_on', '<=', karachiDate(asOf))
          .groupBy('l.province_code')
          .execute(),
      ),
  },
  {
    key: 'loans.par30_pkr',
    area: 'loans',
    unit: 'pkr_paisa',
    labelEn: 'Portfolio at risk, 30+ days (PKR)',
    labelUr: 'خطرے میں قرضے، 30+ دن (روپے)',
    definitionEn: 'Outstanding principal of loans more than 30 days past due.',
    definitionUr: '30 دن سے زیادہ واجب الادا قرضوں کی بقایا اصل رقم۔',
    compute: async (db) =>
      fromProvinceRows(
        await db
          .selectFrom('loans')
          .select(['province_code', sql<number>`sum(disbursed_minor - repaid_minor)`.as('n')])
          .where('status', 'in', ['active', 'loss'])
          .where('days_past_due', '>', 30)
          .groupBy('province_code')
          .execute(),
      ),
  },
];

/** Subsidy paid to banks on approved, reconciled claims; by bank, not by province. */
export const subsidyPaidFigure: FigureProvider = {
  key: 'subsidy.paid_pkr',
  area: 'loans',
  unit: 'pkr_paisa',
  labelEn: 'Markup subsidy paid to banks (PKR)',
  labelUr: 'بینکوں کو ادا شدہ مارک اپ سبسڈی (روپے)',
  definitionEn: "Markup paid by the programme on owners' behalf, after reconciliation.",
  definitionUr: 'مالکان کی جانب سے پروگرام کا ادا کردہ مارک اپ، مطابقت کے بعد۔',
  compute: async (db, asOf) => {
    const r = await db
      .selectFrom('subsidy_claims')
      .select(sql<number>`coalesce(sum(paid_minor), 0)`.as('n'))
      .where('paid_on', '<=', karachiDate(asOf))
      .executeTakeFirstOrThrow();
    return { total: Number(r.n), byProvince: null };
  },
};

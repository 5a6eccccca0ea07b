import { sql } from 'kysely';
import { type FigureProvider, fromProvinceRows } from '../../platform/figures.ts';
import { trainingOutcomes } from './outcomes.service.ts';

const byCentreProvince =
  (status: string[]) => async (db: Parameters<NonNullable<FigureProvider['compute']>>[0]) => {
    const rows = await db
      .selectFrom('training_enrolments as e')
      .innerJoin('centers as c', 'c.center_id', 'e.center_id')
      .select(['c.province_code', sql<number>`count(*)::int`.as('n')])
      .where('e.status', 'in', status as never[])
      .groupBy('c.province_code')
      .execute();
    return fromProvinceRows(rows);
  };

/** The portal's training figures: delivered against the promise of 16,000 trained. */
export const trainingFigures: FigureProvider[] = [
  {
    key: 'training.trained',
    area: 'training',
    unit: 'people',
    labelEn: 'People trained',
    labelUr: 'تربیت یافتہ افراد',
    definitionEn:
      "People who completed a course: attendance and assessment met the course's completion rule when the cohort finished. The promise: 16,000.",
    definitionUr:
      'وہ افراد جنہوں نے کورس مکمل کیا: حاضری اور امتحان کورس کے معیار پر پورے اترے۔ وعدہ: 16,000۔',
    compute: (db) => byCentreProvince(['completed'])(db),
  },
  {
    key: 'training.applied',
    area: 'training',
    unit: 'people',
    labelEn: 'Training applications',
    labelUr: 'تربیت کی درخواستیں',
    definitionEn: 'Applications to a training cohort that met the published eligibility rules.',
    definitionUr: 'تربیتی گروپ کے لیے وہ درخواستیں جو شائع شدہ اہلیت کے قواعد پر پوری اتریں۔',
    compute: (db) =>
      byCentreProvince([
        'applied',
        'admitted',
        'waitlisted',
        'not_admitted',
        'withdrawn',
        'completed',
        'not_completed',
      ])(db),
  },
  {
    key: 'training.admitted',
    area: 'training',
    unit: 'people',
    labelEn: 'Admitted to training',
    labelUr: 'تربیت میں داخلہ',
    definitionEn: 'People admitted to a cohort who stayed on (admitted, completed or not completed).',
    definitionUr: 'گروپ میں داخل ہونے والے افراد جو شامل رہے۔',
    compute: (db) => byCentreProvince(['admitted', 'completed', 'not_completed'])(db),
  },
  {
    key: 'training.women_share',
    area: 'training',
    unit: 'basis_points',
    labelEn: 'Women among those trained',
    labelUr: 'تربیت یافتہ افراد میں خواتین',
    definitionEn:
      'Share of women among those completing a course who declared a gender (optional, self-declared). Withheld under 3 people.',
    definitionUr:
      'کورس مکمل کرنے والوں میں خواتین کا تناسب (صنف اختیاری، خود بتائی گئی)۔ 3 سے کم افراد پر نہیں دکھایا جاتا۔',
    compute: async (db, asOf) => ({
      total: (await trainingOutcomes(db, asOf)).womenShareBp,
      byProvince: null,
    }),
  },
  {
    key: 'training.declaring_earnings_share',
    area: 'training',
    unit: 'basis_points',
    labelEn: 'Trainees declaring earnings',
    labelUr: 'آمدن بتانے والے تربیت یافتہ',
    definitionEn:
      'Share of those who completed at least 3 months ago who have declared any USD earnings since. Withheld under 3 people.',
    definitionUr:
      'کم از کم 3 ماہ پہلے کورس مکمل کرنے والوں میں سے وہ جنہوں نے اس کے بعد کوئی ڈالر آمدن بتائی۔',
    compute: async (db, asOf) => ({
      total: (await trainingOutcomes(db, asOf)).declaringShareBp,
      byProvince: null,
    }),
  },
  {
    key: 'training.median_declared_usd_year',
    area: 'training',
    unit: 'usd_cents',
    labelEn: 'Median declared earnings of trainees, a year (USD)',
    labelUr: 'تربیت یافتہ افراد کی درمیانی اعلان کردہ سالانہ آمدن (ڈالر)',
    definitionEn:
      'Median, over trainees declaring any earnings since completing, of their declared monthly average times 12. The claim was USD 50,000 a year. Self-declared.',
    definitionUr:
      'مکمل کرنے کے بعد آمدن بتانے والوں کی ماہانہ اوسط ضرب 12 کا درمیانی عدد۔ دعویٰ 50,000 ڈالر سالانہ تھا۔',
    compute: async (db, asOf) => ({
      total: (await trainingOutcomes(db, asOf)).medianDeclaredUsdCentsPerYear,
      byProvince: null,
    }),
  },
  {
    key: 'training.median_usd_year_attested_first',
    area: 'training',
    unit: 'usd_cents',
    labelEn: 'Median earnings of trainees, a year (USD), bank-attested where available',
    labelUr: 'تربیت یافتہ افراد کی درمیانی سالانہ آمدن (ڈالر)، جہاں دستیاب ہو بینک سے تصدیق شدہ',
    definitionEn:
      'Median, over trainees with earnings since completing, of their monthly average times 12: for each trainee, the IT-export dollars their bank attested where a bank attested any, otherwise what they declared. The claim was USD 50,000 a year. The training page says what share of trainees rest on bank figures.',
    definitionUr:
      'مکمل کرنے کے بعد آمدن والے تربیت یافتہ افراد کی ماہانہ اوسط ضرب 12 کا درمیانی عدد: ہر ایک کے لیے، جہاں بینک نے آئی ٹی برآمدی ڈالر کی تصدیق کی وہ رقم، ورنہ ان کی اپنی بتائی ہوئی آمدن۔ دعویٰ 50,000 ڈالر سالانہ تھا۔ تربیت کا صفحہ بتاتا ہے کہ کتنے افراد کی آمدن بینک کے اعداد پر مبنی ہے۔',
    compute: async (db, asOf) => ({
      total: (await trainingOutcomes(db, asOf)).medianUsdCentsPerYear,
      byProvince: null,
    }),
  },
  {
    key: 'training.stipends_paid_pkr',
    area: 'training',
    unit: 'pkr_paisa',
    labelEn: 'Trainer stipends payable (PKR)',
    labelUr: 'ٹرینر وظائف (روپے)',
    definitionEn: 'Trainer stipends earned by centres (Rs 20,000 a month per centre), less any clawed back.',
    definitionUr: 'مراکز کے ٹرینرز کے کمائے گئے وظائف (ہر مرکز 20,000 روپے ماہانہ)، واپس لیے گئے منہا۔',
    compute: async (db) => {
      const rows = await db
        .selectFrom('training_stipends as s')
        .innerJoin('centers as c', 'c.center_id', 's.center_id')
        .select(['c.province_code', sql<number>`sum(s.amount_minor)::bigint`.as('n')])
        .where('s.status', '=', 'payable')
        .groupBy('c.province_code')
        .execute();
      return fromProvinceRows(rows);
    },
  },
];

import { sql } from 'kysely';
import type { FigureProvider } from '../../platform/figures.ts';
import { complaintStats } from './complaints.service.ts';

/** The portal's complaint figures: how many, how many overdue, how fast they are answered. */
export const complaintsFigures: FigureProvider[] = [
  {
    key: 'complaints.received',
    area: 'complaints',
    unit: 'complaints',
    labelEn: 'Complaints received',
    labelUr: 'موصول شکایات',
    definitionEn:
      'Complaints filed about a centre or the programme since the channel opened. By province: the province of the centre complained about.',
    definitionUr:
      'کسی مرکز یا پروگرام کے بارے میں درج شکایات، چینل کھلنے سے اب تک۔ صوبہ وار: جس مرکز کی شکایت ہے اس کا صوبہ۔',
    compute: async (db, asOf) => {
      const list = await db
        .selectFrom('complaints')
        .select(['province_code', sql<number>`count(*)`.as('n')])
        .where('received_at', '<=', asOf)
        .groupBy('province_code')
        .execute();
      const byProvince: Record<string, number> = {};
      let total = 0;
      for (const r of list) {
        total += Number(r.n);
        if (r.province_code) byProvince[r.province_code] = Number(r.n);
      }
      return { total, byProvince };
    },
  },
  {
    key: 'complaints.overdue',
    area: 'complaints',
    unit: 'complaints',
    labelEn: 'Complaints open past 7 days',
    labelUr: '7 دن سے زیادہ کھلی شکایات',
    definitionEn: 'Complaints not yet answered whose service standard (an answer within 7 days) has passed.',
    definitionUr: 'وہ شکایات جن کا ابھی جواب نہیں دیا گیا اور جن کی 7 دن کی مدت گزر چکی ہے۔',
    compute: async (db, asOf) => ({ total: (await complaintStats(db, asOf)).overdue, byProvince: null }),
  },
  {
    key: 'complaints.median_days',
    area: 'complaints',
    unit: 'days',
    labelEn: 'Median days to answer a complaint',
    labelUr: 'شکایت کے جواب میں درمیانی دن',
    definitionEn:
      'The median time from filing to the answer (resolved or rejected), in whole days, over complaints answered in the last 365 days.',
    definitionUr: 'درج ہونے سے جواب (حل یا مسترد) تک کا درمیانی وقت، پچھلے 365 دن میں جواب دی گئی شکایات پر۔',
    compute: async (db, asOf) => {
      const m = (await complaintStats(db, asOf)).medianDaysToAnswer;
      return { total: m, byProvince: null };
    },
  },
];

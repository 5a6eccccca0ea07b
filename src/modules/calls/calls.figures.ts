import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { type FigureProvider, fromProvinceRows } from '../../platform/figures.ts';

/** Public figures from selection: how many buildings applied and were shortlisted, by province. */
export const callsFigures: FigureProvider[] = [
  {
    key: 'centres.applied',
    area: 'calls',
    unit: 'applications',
    labelEn: 'Buildings applied',
    labelUr: 'درخواست دینے والی عمارتیں',
    definitionEn: 'Applications submitted to any call for buildings (drafts not counted).',
    definitionUr: 'عمارتوں کی کسی بھی کال پر جمع کرائی گئی درخواستیں (مسودے شامل نہیں)۔',
    compute: async (db, asOf) =>
      fromProvinceRows(
        await db
          .selectFrom('applications')
          .select(['province_code', sql<number>`count(*)`.as('n')])
          .where('submitted_at', '<=', asOf)
          .groupBy('province_code')
          .execute(),
      ),
  },
  {
    key: 'centres.shortlisted',
    area: 'calls',
    unit: 'centres',
    labelEn: 'Buildings shortlisted',
    labelUr: 'شارٹ لسٹ عمارتیں',
    definitionEn: 'Applications shortlisted by a confirmed decision, within province quotas.',
    definitionUr: 'صوبائی کوٹے کے اندر حتمی فیصلے سے شارٹ لسٹ درخواستیں۔',
    compute: async (db, asOf) =>
      fromProvinceRows(
        await db
          .selectFrom('applications')
          .select(['province_code', sql<number>`count(*)`.as('n')])
          .where('status', '=', 'shortlisted')
          .where('decided_at', '<=', asOf)
          .groupBy('province_code')
          .execute(),
      ),
  },
];

export type FunnelStep = {
  step: string;
  waiting: number;
  medianDays: number | null;
  p90Days: number | null;
  overStandard: string[];
};

/**
 * How long submitted applications have waited for a decision: count, median and 90th percentile
 * of days waiting, and the references of those waiting longer than the service standard.
 * References only — never names.
 */
export async function applicationAgeing(db: Db, asOf: Date, standardDays: number): Promise<FunnelStep> {
  const rows = await db
    .selectFrom('applications')
    .select([
      'reference',
      sql<number>`extract(epoch from (${asOf}::timestamptz - submitted_at)) / 86400`.as('days'),
    ])
    .where('status', '=', 'submitted')
    .where('submitted_at', '<=', asOf)
    .orderBy('submitted_at')
    .execute();
  const days = rows.map((r) => Number(r.days)).sort((a, b) => a - b);
  const pct = (p: number) =>
    days.length ? Math.floor(days[Math.min(days.length - 1, Math.ceil(p * days.length) - 1)]!) : null;
  return {
    step: 'submitted_awaiting_decision',
    waiting: rows.length,
    medianDays: pct(0.5),
    p90Days: pct(0.9),
    overStandard: rows.filter((r) => Number(r.days) > standardDays).map((r) => r.reference),
  };
}

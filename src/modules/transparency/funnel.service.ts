import type { Deps } from '../../deps.ts';
import { applicationAgeing } from '../calls/index.ts';

/** Days an application may wait for a decision before the portal lists it as late. */
export const DECISION_SERVICE_STANDARD_DAYS = 60;

export type FunnelStage = {
  step: string;
  labelEn: string;
  labelUr: string;
  available: boolean;
  waiting: number | null;
  medianDays: number | null;
  p90Days: number | null;
  serviceStandardDays: number | null;
  overStandard: string[];
};

/**
 * The application funnel with ageing: at each step, how many cases wait and for how long, and
 * which (by public reference, never by person) wait longer than the service standard. Steps
 * whose area is not built yet say so.
 */
export async function funnel(deps: Deps): Promise<{ asOf: string; stages: FunnelStage[] }> {
  const now = deps.clock.now();
  const decision = await applicationAgeing(deps.db, now, DECISION_SERVICE_STANDARD_DAYS);
  const notYet = (step: string, labelEn: string, labelUr: string): FunnelStage => ({
    step,
    labelEn,
    labelUr,
    available: false,
    waiting: null,
    medianDays: null,
    p90Days: null,
    serviceStandardDays: null,
    overStandard: [],
  });
  return {
    asOf: now.toISOString(),
    stages: [
      {
        step: decision.step,
        labelEn: 'Submitted, awaiting evaluation and decision',
        labelUr: 'جمع شدہ، جانچ اور فیصلے کی منتظر',
        available: true,
        waiting: decision.waiting,
        medianDays: decision.medianDays,
        p90Days: decision.p90Days,
        serviceStandardDays: DECISION_SERVICE_STANDARD_DAYS,
        overStandard: decision.overStandard,
      },
      notYet(
        'shortlisted_awaiting_loan',
        'Shortlisted, awaiting loan sanction',
        'شارٹ لسٹ، قرض کی منظوری کی منتظر',
      ),
      notYet(
        'sanctioned_awaiting_disbursement',
        'Loan sanctioned, awaiting disbursement',
        'قرض منظور، اجرا کا منتظر',
      ),
      notYet('disbursed_awaiting_opening', 'Disbursed, centre being set up', 'رقم جاری، مرکز زیر تعمیر'),
    ],
  };
}

import type { Criterion, Quota } from './call.schema.ts';

/** The first phase's province quotas: 250 centres. */
export const FIRST_PHASE_QUOTAS: Quota[] = [
  { provinceCode: 'PB', districtId: null, seats: 149 },
  { provinceCode: 'SD', districtId: null, seats: 51 },
  { provinceCode: 'KP', districtId: null, seats: 28 },
  { provinceCode: 'ICT', districtId: null, seats: 11 },
  { provinceCode: 'BA', districtId: null, seats: 6 },
  { provinceCode: 'AJK', districtId: null, seats: 3 },
  { provinceCode: 'GB', districtId: null, seats: 2 },
];

/** The default evaluation criteria; weights add up to 100, each scored out of 10. */
export const DEFAULT_CRITERIA: Criterion[] = [
  { key: 'covered_area', labelEn: 'Covered area', labelUr: 'مسقف رقبہ', weight: 15, maxScore: 10 },
  { key: 'seats_offered', labelEn: 'Seats offered', labelUr: 'پیش کردہ نشستیں', weight: 20, maxScore: 10 },
  {
    key: 'internet_bandwidth',
    labelEn: 'Internet bandwidth',
    labelUr: 'انٹرنیٹ کی رفتار',
    weight: 20,
    maxScore: 10,
  },
  { key: 'backup_power', labelEn: 'Backup power', labelUr: 'متبادل بجلی', weight: 10, maxScore: 10 },
  {
    key: 'location',
    labelEn: 'Location: freelancer hotspot, distance to city centre',
    labelUr: 'مقام: فری لانسرز کا مرکز، شہر کے مرکز سے فاصلہ',
    weight: 15,
    maxScore: 10,
  },
  {
    key: 'accessibility',
    labelEn: 'Accessibility for women and people with disabilities',
    labelUr: 'خواتین اور معذور افراد کے لیے رسائی',
    weight: 10,
    maxScore: 10,
  },
  { key: 'readiness', labelEn: 'Readiness date', labelUr: 'تیاری کی تاریخ', weight: 10, maxScore: 10 },
];

/** Days an evaluator has from assignment to submit scores (reminded 3 days before, and once late). */
export const SCORING_DAYS = 14;

/** The date an assignment's scores are due, Karachi calendar day. */
export function scoringDeadline(assignedAt: Date): Date {
  return new Date(assignedAt.getTime() + SCORING_DAYS * 86_400_000);
}

import type { RoundingMode } from '../../shared/money.ts';

/**
 * The loan rules the programme may change. One place, so a change is one line and a test.
 * (Programme-wide settings are not yet stored in the database; these are the defaults the
 * issue names.)
 */
export const LOAN_SETTINGS = {
  /** Instalments in whole rupees (100 paisa); 1 would mean to the paisa. */
  scheduleUnitMinor: 100 as 100 | 1,
  scheduleRounding: 'half_even' as RoundingMode,
  /** Days past due after which a loan is classified loss and stops accruing subsidy. */
  lossDaysPastDue: 540,
  /** Where an overpayment goes: off the last instalments (shortening the loan) or the next ones. */
  overpayment: 'last' as 'last' | 'next',
  /** Day count for the markup subsidy: actual/365. */
  dayCountBasis: 365,
} as const;

/** Arrears buckets by days past due of the oldest unpaid instalment. */
export function arrearsBucket(daysPastDue: number): ArrearsBucket {
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return '1-30';
  if (daysPastDue <= 60) return '31-60';
  if (daysPastDue <= 90) return '61-90';
  if (daysPastDue <= 180) return '91-180';
  return '180+';
}
export type ArrearsBucket = 'current' | '1-30' | '31-60' | '61-90' | '91-180' | '180+';

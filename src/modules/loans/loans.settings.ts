export type RepaymentLimit = 'outstanding' | 'outstanding_plus_one_instalment';

/** The loan rules the programme may change, as the services use them. */
export type LoanSettings = {
  /** Instalments in whole rupees (100 paisa) or to the paisa (1). */
  scheduleUnitMinor: 100 | 1;
  scheduleRounding: 'half_even' | 'half_up';
  /** Days past due after which a loan is classified loss and stops accruing subsidy. */
  lossDaysPastDue: number;
  /** Where an overpayment goes: off the last instalments (shortening the loan) or the next ones. */
  overpayment: 'last' | 'next';
  /** A bank's quarterly claim is due this many working days after the quarter ends. */
  claimDeadlineWorkingDays: number;
  /**
   * The most one repayment may be: the outstanding principal, or that plus the next instalment
   * (what a bank's standing order may still collect after a prepayment; the excess is owed back).
   */
  repaymentLimit: RepaymentLimit;
  /** Day count for the markup subsidy: actual/365 (not a setting; decision 0005). */
  dayCountBasis: 365;
};

/**
 * The defaults the issue names, used until the admin changes them (the stored settings are read
 * with `loadLoanSettings`; the migration stores these same values).
 */
export const LOAN_SETTINGS: Readonly<LoanSettings> = Object.freeze({
  scheduleUnitMinor: 100,
  scheduleRounding: 'half_even',
  lossDaysPastDue: 540,
  overpayment: 'last',
  claimDeadlineWorkingDays: 15,
  repaymentLimit: 'outstanding_plus_one_instalment',
  dayCountBasis: 365,
});

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

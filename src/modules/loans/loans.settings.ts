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

/** An arrears bucket label ('current', '1-30', …, '181+'): see arrears-buckets.service.ts (settings). */
export type ArrearsBucket = string;

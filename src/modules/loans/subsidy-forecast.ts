import { addDays } from '../../shared/time.ts';
import { quarterBounds, quarterOf, shiftQuarter } from './claim-csv.ts';
import { roundedTotal } from './subsidy.ts';

/**
 * The markup subsidy forecast for the next four quarters, for budgeting. Assumptions (shown on the
 * page): each performing loan repays every instalment on its due date and nothing early; arrears
 * already overdue stay outstanding; no new tranches or loans; the rate in force today (benchmark +
 * spread) holds; actual/365 on the principal outstanding at the end of each day, as the close of
 * business accrues it. The first period runs from today to the end of the current quarter.
 */
export type ForecastPeriod = { quarter: string; from: string; to: string };
export type ForecastLoan = {
  outstandingMinor: number;
  rateBps: number;
  /** Instalments due today or later, with what is still unpaid on each. */
  instalments: readonly { dueDate: string; unpaidMinor: number }[];
};

export function forecastPeriods(today: string, count = 4): ForecastPeriod[] {
  const first = quarterOf(today);
  return Array.from({ length: count }, (_, i) => {
    const quarter = shiftQuarter(first, i);
    const b = quarterBounds(quarter)!;
    return { quarter, from: i === 0 ? today : b.start, to: b.end };
  });
}

/** A loan's exact forecast accrual per period, as numerators over BPS_DAY_DENOMINATOR. */
export function forecastLoan(loan: ForecastLoan, periods: readonly ForecastPeriod[]): bigint[] {
  const due = [...loan.instalments].sort((a, b) => (a.dueDate < b.dueDate ? -1 : 1));
  const rate = BigInt(loan.rateBps);
  let outstanding = loan.outstandingMinor;
  let next = 0;
  return periods.map((p) => {
    let num = 0n;
    for (let d = p.from; d <= p.to; d = addDays(d, 1)) {
      // An instalment repaid on its due date lowers that day's closing balance.
      while (next < due.length && due[next]!.dueDate <= d) outstanding -= due[next++]!.unpaidMinor;
      if (outstanding > 0) num += BigInt(outstanding) * rate;
    }
    return num;
  });
}

/** Paisa for a sum of exact numerators, rounded half to even once (decision 0005). */
export function forecastPaisa(numerators: readonly bigint[]): number {
  return Number(roundedTotal(numerators.reduce((s, n) => s + n, 0n)));
}

import { divideRounded } from '../../shared/money.ts';

/**
 * The markup subsidy: each day a performing loan accrues outstanding principal × (benchmark +
 * spread) / 365, actual/365. Rounding (docs/decisions/0005-subsidy-rounding.md): each day's exact
 * accrual is kept as an integer numerator over 3,650,000 (basis points × days in the year); the
 * running total is rounded half to even once, and a day's posted paisa are the growth of that
 * rounded running total. So the paisa posted over any period equal the rounded exact total of the
 * loan to that day minus the rounded total before it, and never drift from the exact figure by
 * more than half a paisa over the whole life of a loan.
 */
export const BPS_DAY_DENOMINATOR = 10_000n * 365n;

export type AccrualDay = { day: string; outstandingMinor: number; rateBps: number };
export type PostedAccrual = AccrualDay & { numerator: bigint; amountMinor: number };

/** One day's exact accrual, as a numerator over BPS_DAY_DENOMINATOR. */
export function dailyNumerator(outstandingMinor: number, rateBps: number): bigint {
  if (!Number.isSafeInteger(outstandingMinor) || outstandingMinor < 0)
    throw new RangeError('outstanding must be a non-negative safe integer');
  if (!Number.isInteger(rateBps) || rateBps < 0)
    throw new RangeError('rate must be non-negative basis points');
  return BigInt(outstandingMinor) * BigInt(rateBps);
}

/** Paisa owed for an exact cumulative numerator: rounded half to even, once. */
export function roundedTotal(cumulativeNumerator: bigint): bigint {
  return divideRounded(cumulativeNumerator, BPS_DAY_DENOMINATOR, 'half_even');
}

/** Posts days in order after `priorNumerator` (the loan's exact accrual before the first of them). */
export function accrueDays(days: readonly AccrualDay[], priorNumerator = 0n): PostedAccrual[] {
  let cum = priorNumerator;
  let posted = roundedTotal(cum);
  return days.map((d) => {
    const numerator = dailyNumerator(d.outstandingMinor, d.rateBps);
    cum += numerator;
    const total = roundedTotal(cum);
    const amountMinor = Number(total - posted);
    posted = total;
    return { ...d, numerator, amountMinor };
  });
}

/** The subsidy for a period, computed directly: rounded total at its end minus at its start. */
export function accrualForPeriod(days: readonly AccrualDay[], priorNumerator = 0n): number {
  const sum = days.reduce((s, d) => s + dailyNumerator(d.outstandingMinor, d.rateBps), 0n);
  return Number(roundedTotal(priorNumerator + sum) - roundedTotal(priorNumerator));
}

/** The rate in force on a day: the latest entry effective on or before it. */
export function rateInForce<T extends { effectiveFrom: string }>(
  entries: readonly T[],
  day: string,
): T | null {
  let best: T | null = null;
  for (const e of entries)
    if (e.effectiveFrom <= day && (!best || e.effectiveFrom > best.effectiveFrom)) best = e;
  return best;
}

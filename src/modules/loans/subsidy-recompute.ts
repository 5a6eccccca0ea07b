import { quarterOf } from './claim-csv.ts';
import { dailyNumerator, roundedTotal } from './subsidy.ts';

/**
 * What a loan's subsidy should have been, recomputed from its history, against what was posted
 * (decision 0035). Pure. Each day from `from` on that the close of business ran and the loan was
 * live accrues its principal outstanding at the end of that day (all principal movements by value
 * date, reversals included) at the rate in force; days before `from`, days the batch did not run,
 * and days the loan was not live (loss or closure dated back: the clawback's business, decision
 * 0006) keep what was accrued. The rounding rule is the accrual's (decision 0005): the paisa of a
 * quarter are the rounded running total at its end less at its start, so the adjustments are
 * exactly what makes the posted paisa equal the rounded exact total, quarter by quarter.
 */
export type RecordedAccrual = { day: string; numerator: bigint; amountMinor: number };
export type RecordedAdjustment = { quarter: string; numeratorDelta: bigint; amountMinor: number };
export type PrincipalMovement = { on: string; deltaMinor: number };

export type LoanSubsidyHistory = {
  /** The earliest value date to recompute from. */
  from: string;
  /** Days on or after `from` on which the close of business ran, ascending. */
  days: readonly string[];
  movements: readonly PrincipalMovement[];
  rateOn: (day: string) => number | null;
  liveOn: (day: string) => boolean;
  recorded: readonly RecordedAccrual[];
  adjustments: readonly RecordedAdjustment[];
};

export type QuarterAdjustment = { quarter: string; numeratorDelta: bigint; amountMinor: number };

/** The principal outstanding at the end of each of `days`, from movements by value date. */
export function outstandingByDay(
  movements: readonly PrincipalMovement[],
  days: readonly string[],
): Map<string, number> {
  const sorted = [...movements].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const out = new Map<string, number>();
  let i = 0;
  let balance = 0;
  for (const day of days) {
    while (i < sorted.length && sorted[i]!.on <= day) balance += sorted[i++]!.deltaMinor;
    out.set(day, balance);
  }
  return out;
}

/** The exact numerator each day should carry: recorded ones kept, the recomputed ones replaced. */
export function correctedNumerators(h: LoanSubsidyHistory): Map<string, bigint> {
  const byDay = new Map<string, bigint>();
  for (const r of h.recorded) byDay.set(r.day, r.numerator);
  const days = h.days.filter((d) => d >= h.from);
  const outstanding = outstandingByDay(h.movements, days);
  for (const day of days) {
    if (!h.liveOn(day)) continue;
    const rate = h.rateOn(day);
    const o = outstanding.get(day)!;
    if (rate === null || o <= 0) byDay.delete(day);
    else byDay.set(day, dailyNumerator(o, rate));
  }
  return byDay;
}

/** The adjustments, per quarter, that bring what was posted to the recomputed figures. */
export function recomputeSubsidy(h: LoanSubsidyHistory): QuarterAdjustment[] {
  const corrected = correctedNumerators(h);
  const quarters = new Map<string, { correct: bigint; recordedNum: bigint; posted: number }>();
  const q = (quarter: string) => {
    const v = quarters.get(quarter) ?? { correct: 0n, recordedNum: 0n, posted: 0 };
    quarters.set(quarter, v);
    return v;
  };
  for (const [day, n] of corrected) q(quarterOf(day)).correct += n;
  for (const r of h.recorded) {
    const v = q(quarterOf(r.day));
    v.recordedNum += r.numerator;
    v.posted += r.amountMinor;
  }
  for (const a of h.adjustments) {
    const v = q(a.quarter);
    v.recordedNum += a.numeratorDelta;
    v.posted += a.amountMinor;
  }
  const result: QuarterAdjustment[] = [];
  let cum = 0n;
  for (const quarter of [...quarters.keys()].sort()) {
    const v = quarters.get(quarter)!;
    const before = roundedTotal(cum);
    cum += v.correct;
    const correctPaisa = Number(roundedTotal(cum) - before);
    const amountMinor = correctPaisa - v.posted;
    const numeratorDelta = v.correct - v.recordedNum;
    if (amountMinor !== 0 || numeratorDelta !== 0n) result.push({ quarter, numeratorDelta, amountMinor });
  }
  return result;
}

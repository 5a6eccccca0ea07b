import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/time.ts';
import { quarterOf } from './claim-csv.ts';
import { accrueDays } from './subsidy.ts';
import {
  outstandingByDay,
  type PrincipalMovement,
  type RecordedAdjustment,
  recomputeSubsidy,
} from './subsidy-recompute.ts';
import { type QuarterFigures, recomputeFromQuarters } from './subsidy-restate.ts';

const range = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};

/** The per-quarter sums the batch path reads from the database, from per-day rows. */
function quarters(
  recorded: { day: string; numerator: bigint; amountMinor: number }[],
  adjustments: RecordedAdjustment[],
  keep: (day: string) => boolean,
): QuarterFigures[] {
  const m = new Map<string, QuarterFigures>();
  const of = (quarter: string) => {
    const v = m.get(quarter) ?? { quarter, recordedNumerator: 0n, postedMinor: 0, keptNumerator: 0n };
    m.set(quarter, v);
    return v;
  };
  for (const r of recorded) {
    const v = of(quarterOf(r.day));
    v.recordedNumerator += r.numerator;
    v.postedMinor += r.amountMinor;
    if (keep(r.day)) v.keptNumerator += r.numerator;
  }
  for (const a of adjustments) {
    const v = of(a.quarter);
    v.recordedNumerator += a.numeratorDelta;
    v.postedMinor += a.amountMinor;
  }
  return [...m.values()];
}

describe('the restatement’s batch recomputation', () => {
  it('finds the same adjustments as the per-loan one, for any history, rate change, loss date and start', () => {
    const days = range('2026-01-01', '2026-09-30');
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000 }),
        fc.integer({ min: 0, max: 2_000 }),
        fc.integer({ min: 0, max: days.length - 1 }),
        fc.integer({ min: 0, max: days.length - 1 }),
        fc.option(fc.integer({ min: 0, max: days.length - 1 })),
        fc.array(
          fc.record({
            offset: fc.integer({ min: 0, max: days.length - 1 }),
            deltaMinor: fc.integer({ min: -30_000_000, max: 30_000_000 }),
          }),
          { maxLength: 4 },
        ),
        (oldRate, newRate, fixOffset, startOffset, lossOffset, late) => {
          const movements: PrincipalMovement[] = [{ on: '2025-12-31', deltaMinor: 200_000_000 }];
          const o = outstandingByDay(movements, days);
          const recorded = accrueDays(
            days
              .filter((d) => o.get(d)! > 0)
              .map((day) => ({ day, outstandingMinor: o.get(day)!, rateBps: oldRate })),
          ).map((a) => ({ day: a.day, numerator: a.numerator, amountMinor: a.amountMinor }));
          for (const m of late) movements.push({ on: days[m.offset]!, deltaMinor: m.deltaMinor });
          const fix = days[fixOffset]!;
          const start = days[startOffset]!;
          const loss = lossOffset === null ? null : days[lossOffset]!;
          const rateOn = (d: string) => (d >= fix ? newRate : oldRate);
          const liveOn = (d: string) => !(loss && d >= loss);
          const adjustments: RecordedAdjustment[] = recomputeSubsidy({
            from: start,
            days,
            movements,
            rateOn: () => oldRate,
            liveOn,
            recorded,
            adjustments: [],
          });
          const single = recomputeSubsidy({
            from: start,
            days,
            movements,
            rateOn,
            liveOn,
            recorded,
            adjustments,
          });
          const batch = recomputeFromQuarters({
            start,
            days,
            movements,
            rateOn,
            liveOn,
            quarters: quarters(recorded, adjustments, (d) => d < start || !liveOn(d)),
          });
          expect(batch).toEqual(single);
        },
      ),
      { numRuns: 80 },
    );
  });
});

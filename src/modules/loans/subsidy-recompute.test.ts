import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/time.ts';
import { quarterOf } from './claim-csv.ts';
import { accrueDays } from './subsidy.ts';
import {
  type LoanSubsidyHistory,
  outstandingByDay,
  type PrincipalMovement,
  type RecordedAdjustment,
  recomputeSubsidy,
} from './subsidy-recompute.ts';

const range = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};

/** What the close of business would have posted day by day for these movements at one rate. */
function accrued(days: string[], movements: PrincipalMovement[], rateBps: number) {
  const o = outstandingByDay(movements, days);
  return accrueDays(
    days.filter((d) => o.get(d)! > 0).map((day) => ({ day, outstandingMinor: o.get(day)!, rateBps })),
  ).map((a) => ({ day: a.day, numerator: a.numerator, amountMinor: a.amountMinor }));
}

function history(
  days: string[],
  movements: PrincipalMovement[],
  recorded: ReturnType<typeof accrued>,
  from: string,
  adjustments: RecordedAdjustment[] = [],
  rateBps = 1_350,
): LoanSubsidyHistory {
  return { from, days, movements, rateOn: () => rateBps, liveOn: () => true, recorded, adjustments };
}

describe('recomputing the subsidy from a back-dated entry', () => {
  it('the issue’s case: Rs 1,000,000 repaid on 1 May, found after Q2 was accrued: Rs −22,561.64', () => {
    // Rs 5,000,000 at 13.50% accrued for all of Q2 (91 days): 5e8 × 1,350 × 91 / 3,650,000
    // = 16,828,767.12 → 16,828,767. With the repayment dated 1 May, May 1–Jun 30 (61 days) accrue
    // on Rs 4,000,000: (5e8 × 1,350 × 30 + 4e8 × 1,350 × 61) / 3,650,000 = 14,572,602.74 →
    // 14,572,603. The adjustment is 14,572,603 − 16,828,767 = −2,256,164 paisa.
    const days = range('2026-04-01', '2026-06-30');
    const before: PrincipalMovement[] = [{ on: '2026-03-01', deltaMinor: 500_000_000 }];
    const recorded = accrued(days, before, 1_350);
    expect(recorded.reduce((s, r) => s + r.amountMinor, 0)).toBe(16_828_767);
    const after = [...before, { on: '2026-05-01', deltaMinor: -100_000_000 }];
    const adj = recomputeSubsidy(history(days, after, recorded, '2026-05-01'));
    expect(adj).toEqual([
      { quarter: '2026-Q2', numeratorDelta: -(100_000_000n * 1_350n * 61n), amountMinor: -2_256_164 },
    ]);
  });

  it('a back-dated entry spanning two quarters adjusts each quarter by its own days', () => {
    // Rs 1,000,000 disbursed, and a Rs 200,000 repayment dated 20 Jun found on 10 Jul.
    // Jun 20–30 (11 days): 2e7 × 1,000 × 11 / 3,650,000 = 60,273.97; Jul 1–9 (9 days): 49,315.07.
    const days = range('2026-06-01', '2026-07-09');
    const before: PrincipalMovement[] = [{ on: '2026-06-01', deltaMinor: 100_000_000 }];
    const recorded = accrued(days, before, 1_000);
    const after = [...before, { on: '2026-06-20', deltaMinor: -20_000_000 }];
    const adj = recomputeSubsidy(history(days, after, recorded, '2026-06-20', [], 1_000));
    // Q2 posted: 1e8 × 1,000 × 30 / 3.65e6 = 821,917.81 → 821,918; correct: (1e8 × 19 + 8e7 × 11)
    // × 1,000 / 3.65e6 = 761,643.84 → 761,644: −60,274. Q3 posted: round(1,068,493.15) − 821,918
    // = 246,575; correct: round(958,904.11) − 761,644 = 197,260: −49,315.
    expect(adj.map((a) => [a.quarter, a.amountMinor])).toEqual([
      ['2026-Q2', -60_274],
      ['2026-Q3', -49_315],
    ]);
  });

  it('after its adjustments, recomputing again finds nothing', () => {
    const days = range('2026-04-01', '2026-06-30');
    const before: PrincipalMovement[] = [{ on: '2026-03-01', deltaMinor: 500_000_000 }];
    const recorded = accrued(days, before, 1_350);
    const after = [...before, { on: '2026-05-01', deltaMinor: -100_000_000 }];
    const adj = recomputeSubsidy(history(days, after, recorded, '2026-05-01'));
    expect(recomputeSubsidy(history(days, after, recorded, '2026-05-01', adj))).toEqual([]);
  });
});

describe('property: after any sequence of back-dated entries the posted subsidy equals a fresh computation', () => {
  it('per quarter, to the paisa', () => {
    const days = range('2026-01-01', '2026-09-30');
    const move = fc.record({
      offset: fc.integer({ min: 0, max: days.length - 1 }),
      deltaMinor: fc.integer({ min: -30_000_000, max: 30_000_000 }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000 }),
        fc.array(move, { minLength: 1, maxLength: 5 }),
        (rate, late) => {
          const movements: PrincipalMovement[] = [{ on: '2025-12-31', deltaMinor: 200_000_000 }];
          const recorded = accrued(days, movements, rate);
          let adjustments: RecordedAdjustment[] = [];
          for (const m of late) {
            movements.push({ on: days[m.offset]!, deltaMinor: m.deltaMinor });
            const from = days[m.offset]!;
            const earliest = [from, ...movements.map((x) => x.on).filter((d) => d >= days[0]!)].sort()[0]!;
            adjustments = [
              ...adjustments,
              ...recomputeSubsidy(history(days, movements, recorded, earliest, adjustments, rate)),
            ];
          }
          const fresh = accrued(days, movements, rate);
          const perQuarter = (rows: { quarter: string; amountMinor: number }[]) => {
            const m = new Map<string, number>();
            for (const r of rows) m.set(r.quarter, (m.get(r.quarter) ?? 0) + r.amountMinor);
            return [...m.entries()].filter(([, v]) => v !== 0).sort();
          };
          const posted = perQuarter([
            ...recorded.map((r) => ({ quarter: quarterOf(r.day), amountMinor: r.amountMinor })),
            ...adjustments,
          ]);
          const expected = perQuarter(
            fresh.map((r) => ({ quarter: quarterOf(r.day), amountMinor: r.amountMinor })),
          );
          expect(posted).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });
});

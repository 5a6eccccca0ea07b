import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accrualForPeriod, accrueDays, BPS_DAY_DENOMINATOR, rateInForce } from './subsidy.ts';

describe('subsidy accrual: hand-worked cases', () => {
  it('Rs 10,000,000 at KIBOR 11.50% + 5.00% for one day: Rs 4,520.55 (exact 4,520.547945…)', () => {
    // 1,000,000,000 paisa × 1,650 bps / 3,650,000 = 452,054.79… paisa → 452,055.
    const [d] = accrueDays([{ day: '2026-10-01', outstandingMinor: 1_000_000_000, rateBps: 1_650 }]);
    expect(d!.amountMinor).toBe(452_055);
  });

  it('a 92-day quarter: the daily postings sum to the quarter computed at once, Rs 415,890.41', () => {
    // 452,054.794… × 92 = 41,589,041.09… paisa → 41,589,041.
    const days = Array.from({ length: 92 }, (_, i) => ({
      day: `d${i}`,
      outstandingMinor: 1_000_000_000,
      rateBps: 1_650,
    }));
    const posted = accrueDays(days);
    expect(posted.reduce((s, d) => s + d.amountMinor, 0)).toBe(41_589_041);
    expect(accrualForPeriod(days)).toBe(41_589_041);
    // Daily postings differ by a paisa as the carried fraction crosses a half.
    expect(new Set(posted.map((d) => d.amountMinor))).toEqual(new Set([452_054, 452_055]));
  });

  it('half a paisa exactly rounds to even', () => {
    // 1,825 paisa × 1,000 bps = 1,825,000 = half of 3,650,000 → 0.5 paisa → 0 (even).
    expect(accrueDays([{ day: 'a', outstandingMinor: 1_825, rateBps: 1_000 }])[0]!.amountMinor).toBe(0);
    // Two such days: exactly 1 paisa in all.
    expect(
      accrualForPeriod([
        { day: 'a', outstandingMinor: 1_825, rateBps: 1_000 },
        { day: 'b', outstandingMinor: 1_825, rateBps: 1_000 },
      ]),
    ).toBe(1);
  });

  it('the rate in force is the latest effective on or before the day', () => {
    const rates = [
      { effectiveFrom: '2026-07-01', bps: 1100 },
      { effectiveFrom: '2026-01-01', bps: 1200 },
    ];
    expect(rateInForce(rates, '2026-06-30')?.bps).toBe(1200);
    expect(rateInForce(rates, '2026-07-01')?.bps).toBe(1100);
    expect(rateInForce(rates, '2025-12-31')).toBeNull();
  });
});

describe('subsidy accrual: properties', () => {
  const day = fc.record({
    day: fc.constant('x'),
    outstandingMinor: fc.integer({ min: 0, max: 1_000_000_000 }),
    rateBps: fc.integer({ min: 0, max: 5_000 }),
  });

  it('accrual over a period equals the sum of daily accruals, from any starting point', () => {
    fc.assert(
      fc.property(
        fc.array(day, { maxLength: 120 }),
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        (days, prior) => {
          const posted = accrueDays(days, prior);
          expect(posted.reduce((s, d) => s + d.amountMinor, 0)).toBe(accrualForPeriod(days, prior));
          for (const d of posted) expect(d.amountMinor).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('splitting a period in two changes nothing, and the total is within half a paisa of exact', () => {
    fc.assert(
      fc.property(fc.array(day, { maxLength: 120 }), fc.nat(), (days, cut) => {
        const k = days.length ? cut % days.length : 0;
        const first = accrueDays(days.slice(0, k));
        const prior = first.reduce((s, d) => s + d.numerator, 0n);
        const second = accrueDays(days.slice(k), prior);
        const total = [...first, ...second].reduce((s, d) => s + d.amountMinor, 0);
        expect(total).toBe(accrualForPeriod(days));
        const exact = days.reduce((s, d) => s + BigInt(d.outstandingMinor) * BigInt(d.rateBps), 0n);
        const diff = BigInt(total) * BPS_DAY_DENOMINATOR - exact;
        expect(2n * (diff < 0n ? -diff : diff) <= BPS_DAY_DENOMINATOR).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

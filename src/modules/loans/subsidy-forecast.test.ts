import { describe, expect, it } from 'vitest';
import { claimDeadline, quarterOf, shiftQuarter } from './claim-csv.ts';
import { forecastLoan, forecastPaisa, forecastPeriods } from './subsidy-forecast.ts';

describe('the subsidy forecast', () => {
  it('runs from today to the end of this quarter, then three whole quarters', () => {
    expect(forecastPeriods('2026-11-28')).toEqual([
      { quarter: '2026-Q4', from: '2026-11-28', to: '2026-12-31' },
      { quarter: '2027-Q1', from: '2027-01-01', to: '2027-03-31' },
      { quarter: '2027-Q2', from: '2027-04-01', to: '2027-06-30' },
      { quarter: '2027-Q3', from: '2027-07-01', to: '2027-09-30' },
    ]);
  });

  it('matches a hand-worked case: the balance falls on each due date', () => {
    // Rs 1,200,000 outstanding at 16.00% (KIBOR 11.50% + 450 bps), instalments of Rs 100,000 on the
    // 10th of each month from 10 Dec 2026. Today is 28 Nov 2026.
    // 2026-Q4 (28 Nov–31 Dec, 34 days): 12 days (28 Nov–9 Dec) at Rs 1,200,000, then 22 days at
    // Rs 1,100,000: (12 × 120,000,000 + 22 × 110,000,000) × 1,600 / 3,650,000
    //   = 3,860,000,000 × 1,600 / 3,650,000 = 1,692,054.79… → 1,692,055 paisa (Rs 16,920.55).
    // 2027-Q1 (90 days): 9 days (1–9 Jan) at 110M, 31 days (10 Jan–9 Feb) at 100M, 28 days
    // (10 Feb–9 Mar) at 90M, 22 days (10–31 Mar) at 80M: (990 + 3,100 + 2,520 + 1,760) × 1,000,000
    //   = 8,370,000,000 × 1,600 / 3,650,000 = 3,669,041.09… → 3,669,041 paisa.
    const instalments = Array.from({ length: 12 }, (_, i) => {
      const m = 12 + i;
      const y = 2026 + Math.floor((m - 1) / 12);
      return { dueDate: `${y}-${String(((m - 1) % 12) + 1).padStart(2, '0')}-10`, unpaidMinor: 10_000_000 };
    });
    const periods = forecastPeriods('2026-11-28');
    const nums = forecastLoan({ outstandingMinor: 120_000_000, rateBps: 1_600, instalments }, periods);
    expect(forecastPaisa([nums[0]!])).toBe(1_692_055);
    expect(forecastPaisa([nums[1]!])).toBe(3_669_041);
    // Paid off on 10 Nov 2027: nothing accrues after, and Q3 2027 still has 10 Jul–9 Aug at Rs 200,000 etc.
    expect(nums.every((n) => n >= 0n)).toBe(true);
  });

  it('leaves overdue arrears outstanding and never goes below zero', () => {
    const periods = forecastPeriods('2026-11-28');
    const nums = forecastLoan(
      {
        outstandingMinor: 1_000_000,
        rateBps: 1_000,
        instalments: [{ dueDate: '2026-11-28', unpaidMinor: 1_000_000 }],
      },
      periods,
    );
    expect(nums.map(Number)).toEqual([0, 0, 0, 0]);
  });
});

describe('the claim deadline', () => {
  it('counts 15 working days after quarter end, skipping weekends and public holidays', () => {
    // 2027-Q1 ends Wed 31 Mar 2027; weekdays from 1 Apr: without holidays the 15th is Wed 21 Apr.
    expect(claimDeadline('2027-03-31', 15)).toBe('2027-04-21');
    // With a holiday on Thu 1 Apr it moves to Thu 22 Apr.
    expect(claimDeadline('2027-03-31', 15, new Set(['2027-04-01']))).toBe('2027-04-22');
    // 2026-Q2 ends Tue 30 Jun 2026: no fixed holiday in the window → Tue 21 Jul 2026.
    expect(claimDeadline('2026-06-30', 15)).toBe('2026-07-21');
  });

  it('moves between quarters', () => {
    expect(quarterOf('2026-11-28')).toBe('2026-Q4');
    expect(shiftQuarter('2026-Q4', 1)).toBe('2027-Q1');
    expect(shiftQuarter('2026-Q1', -1)).toBe('2025-Q4');
    expect(shiftQuarter('2026-Q4', -6)).toBe('2025-Q2');
  });
});

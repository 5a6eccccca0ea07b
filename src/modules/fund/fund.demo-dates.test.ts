import { describe, expect, it } from 'vitest';
import { demoRates, nextQuarter, quarterBefore, shiftedTo } from './fund.demo.ts';

// The fund demo's dates move with today (brief item 5): run a year later, its story is a year
// later too, so the grant waiting for a decision is still recent and a rate exists for today.
describe('the fund demo’s dates', () => {
  it('move with today, and so do the rates and the quarters reports name', () => {
    expect(shiftedTo('2026-12-07')('2026-11-03')).toBe('2026-11-03');
    expect(shiftedTo('2027-12-07')('2026-11-03')).toBe('2027-11-03');
    expect(shiftedTo('2026-06-01')('2026-11-03')).toBe('2026-04-28');
    const rates = demoRates('2028-03-15');
    expect(rates[0]![0]).toBe(shiftedTo('2028-03-15')('2025-07-01'));
    const last = rates.at(-1)![0];
    expect(last > '2028-03-07' && last <= '2028-03-15').toBe(true);
    expect(quarterBefore('2026-04-10')).toBe('2026-Q1');
    expect(quarterBefore('2026-02-10')).toBe('2025-Q4');
    expect(quarterBefore('2026-12-31')).toBe('2026-Q3');
    expect(nextQuarter('2026-Q4')).toBe('2027-Q1');
    expect(nextQuarter('2026-Q2')).toBe('2026-Q3');
  });
});

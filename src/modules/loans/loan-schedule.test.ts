import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, generateSchedule, ScheduleError } from './loan-schedule.ts';

const amounts = (t: Parameters<typeof generateSchedule>[0]) =>
  generateSchedule(t).map((i) => i.principalMinor);

describe('schedule: hand-worked cases', () => {
  it('Rs 1,250 over 4 months in whole rupees: 312, 312, 312, 314', () => {
    // 1250 / 4 = 312.5 → half to even gives 312; the remainder 1250 − 3×312 = 314 goes last.
    expect(
      amounts({ principalMinor: 125_000, tenorMonths: 4, graceMonths: 0, firstRepaymentDate: '2027-01-15' }),
    ).toEqual([31_200, 31_200, 31_200, 31_400]);
  });

  it('Rs 1,250 over 4 months to the paisa: 312.50 each', () => {
    expect(
      amounts({
        principalMinor: 125_000,
        tenorMonths: 4,
        graceMonths: 0,
        firstRepaymentDate: '2027-01-15',
        unitMinor: 1,
      }),
    ).toEqual([31_250, 31_250, 31_250, 31_250]);
  });

  it('Rs 1,350 over 4: 337.5 rounds half to even up to 338; the last is 1350 − 3×338 = 336', () => {
    expect(
      amounts({ principalMinor: 135_000, tenorMonths: 4, graceMonths: 0, firstRepaymentDate: '2027-01-15' }),
    ).toEqual([33_800, 33_800, 33_800, 33_600]);
  });

  it('Rs 10,000,000 over 60 months with 12 of grace: 48 instalments of 208,333, the last 208,349', () => {
    // 10,000,000 / 48 = 208,333.33 → 208,333; 47 × 208,333 = 9,791,651; last = 208,349.
    const s = generateSchedule({
      principalMinor: 1_000_000_000,
      tenorMonths: 60,
      graceMonths: 12,
      firstRepaymentDate: '2027-12-10',
    });
    expect(s).toHaveLength(48);
    expect(s[0]).toEqual({ number: 1, dueDate: '2027-12-10', principalMinor: 20_833_300 });
    expect(s[47]).toEqual({ number: 48, dueDate: '2031-11-10', principalMinor: 20_834_900 });
  });

  it('repayment day 31 falls on the last day of short months', () => {
    const s = generateSchedule({
      principalMinor: 300_000,
      tenorMonths: 3,
      graceMonths: 0,
      firstRepaymentDate: '2027-01-31',
      repaymentDay: 31,
    });
    expect(s.map((i) => i.dueDate)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31']);
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
  });

  it('refuses grace that fills the tenor, naming the field', () => {
    expect(() =>
      generateSchedule({
        principalMinor: 100,
        tenorMonths: 6,
        graceMonths: 6,
        firstRepaymentDate: '2027-01-01',
      }),
    ).toThrow(ScheduleError);
    try {
      generateSchedule({
        principalMinor: 0,
        tenorMonths: 6,
        graceMonths: 0,
        firstRepaymentDate: '2027-01-01',
      });
    } catch (e) {
      expect((e as ScheduleError).field).toBe('principalMinor');
    }
  });
});

describe('schedule: properties', () => {
  const terms = fc.record({
    principalMinor: fc.integer({ min: 1, max: 2_000_000_000 }),
    tenorMonths: fc.integer({ min: 1, max: 120 }),
    grace: fc.integer({ min: 0, max: 119 }),
    unitMinor: fc.constantFrom(1, 100),
    rounding: fc.constantFrom('half_even' as const, 'half_up' as const, 'down' as const),
  });

  it('instalments sum exactly to the principal, none negative, count = tenor − grace, dates rise', () => {
    fc.assert(
      fc.property(terms, ({ principalMinor, tenorMonths, grace, unitMinor, rounding }) => {
        const graceMonths = grace % tenorMonths;
        const s = generateSchedule({
          principalMinor,
          tenorMonths,
          graceMonths,
          firstRepaymentDate: '2027-03-31',
          unitMinor,
          rounding,
        });
        expect(s).toHaveLength(tenorMonths - graceMonths);
        expect(s.reduce((a, i) => a + i.principalMinor, 0)).toBe(principalMinor);
        for (const i of s) expect(i.principalMinor).toBeGreaterThanOrEqual(0);
        // All but the last are whole units and equal.
        for (const i of s.slice(0, -1)) {
          expect(i.principalMinor % unitMinor).toBe(0);
          expect(i.principalMinor).toBe(s[0]!.principalMinor);
        }
        for (let k = 1; k < s.length; k++) expect(s[k]!.dueDate > s[k - 1]!.dueDate).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

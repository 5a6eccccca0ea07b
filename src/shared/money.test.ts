import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  divideRounded,
  formatMoney,
  money,
  parseMajor,
  pkr,
  type RoundingMode,
  splitEqually,
  subtract,
  sum,
} from './money.ts';

const amounts = (parts: { amountMinor: number }[]) => parts.map((p) => p.amountMinor);

describe('splitEqually', () => {
  it('splits Rs 1,250 into 4 whole-rupee parts as 312, 312, 312, 314', () => {
    const parts = splitEqually(pkr(1250), 4, 100);
    expect(amounts(parts)).toEqual([31200, 31200, 31200, 31400]);
    expect(parts.every((p) => p.currency === 'PKR')).toBe(true);
  });

  it('splits to the paisa by default, the remainder going to the last part', () => {
    expect(amounts(splitEqually(money(100), 3))).toEqual([33, 33, 34]);
    expect(amounts(splitEqually(money(200), 3))).toEqual([67, 67, 66]);
    expect(amounts(splitEqually(money(0), 5))).toEqual([0, 0, 0, 0, 0]);
    expect(amounts(splitEqually(money(999, 'USD'), 1))).toEqual([999]);
  });

  it('half-up and half-even differ exactly on a tie', () => {
    // 1,250 / 4 = 312.5 rupees: half-even keeps 312, half-up takes 313.
    expect(amounts(splitEqually(pkr(1250), 4, 100, 'half_even'))).toEqual([31200, 31200, 31200, 31400]);
    expect(amounts(splitEqually(pkr(1250), 4, 100, 'half_up'))).toEqual([31300, 31300, 31300, 31100]);
  });

  it('never leaves a negative last part when rounding up overshoots a small total', () => {
    // Rs 2.50 in 4 whole-rupee parts: rounding each to Rs 1 would need Rs 3 for the first three.
    const parts = amounts(splitEqually(money(250), 4, 100));
    expect(parts.reduce((a, b) => a + b, 0)).toBe(250);
    expect(Math.min(...parts)).toBeGreaterThanOrEqual(0);
    expect(amounts(splitEqually(money(150), 3, 100, 'half_up'))).toEqual([0, 0, 150]);
  });

  it('refuses nonsense part counts and units', () => {
    expect(() => splitEqually(pkr(10), 0)).toThrow(RangeError);
    expect(() => splitEqually(pkr(10), 1.5)).toThrow(RangeError);
    expect(() => splitEqually(pkr(10), 2, 0)).toThrow(RangeError);
  });

  const modes = fc.constantFrom<RoundingMode>('half_even', 'half_up', 'down');

  it('property: the parts always sum exactly to the total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 1, max: 500 }),
        fc.constantFrom(1, 100, 1000, 10_000),
        modes,
        (total, parts, unit, mode) => {
          const split = splitEqually(money(total), parts, unit, mode);
          expect(split).toHaveLength(parts);
          expect(split.reduce((a, p) => a + p.amountMinor, 0)).toBe(total);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('property: no part is negative when the total is not, and all but the last are whole units', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 1, max: 200 }),
        fc.constantFrom(1, 100, 1000),
        modes,
        (total, parts, unit, mode) => {
          const split = amounts(splitEqually(money(total), parts, unit, mode));
          expect(Math.min(...split)).toBeGreaterThanOrEqual(0);
          for (const p of split.slice(0, -1)) expect(p % unit).toBe(0);
          // The leading parts are equal to each other.
          expect(new Set(split.slice(0, -1)).size).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('property: the parts of a negative total are the mirror of the positive one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 1, max: 100 }), (total, parts) => {
        const pos = amounts(splitEqually(money(total), parts, 100));
        const neg = amounts(splitEqually(money(-total), parts, 100));
        expect(neg.map((n) => -n + 0)).toEqual(pos.map((n) => n + 0));
      }),
    );
  });
});

describe('divideRounded', () => {
  const cases: [bigint, bigint, RoundingMode, bigint][] = [
    [5n, 2n, 'half_even', 2n],
    [7n, 2n, 'half_even', 4n],
    [5n, 2n, 'half_up', 3n],
    [7n, 2n, 'half_up', 4n],
    [5n, 2n, 'down', 2n],
    [-5n, 2n, 'half_even', -2n],
    [-7n, 2n, 'half_even', -4n],
    [-5n, 2n, 'half_up', -3n],
    [-5n, 2n, 'down', -2n],
    [10n, 3n, 'half_even', 3n],
    [11n, 3n, 'half_even', 4n],
    [1n, 3n, 'half_up', 0n],
    [2n, 3n, 'half_up', 1n],
    [0n, 7n, 'half_even', 0n],
  ];
  for (const [n, d, mode, want] of cases) {
    it(`${n} / ${d} ${mode} = ${want}`, () => {
      expect(divideRounded(n, d, mode)).toBe(want);
    });
  }

  it('is exact far beyond 2^53', () => {
    const big = 10n ** 30n + 5n;
    expect(divideRounded(big, 10n, 'half_even')).toBe(10n ** 29n);
    expect(divideRounded(big, 10n, 'half_up')).toBe(10n ** 29n + 1n);
  });

  it('refuses a zero or negative denominator', () => {
    expect(() => divideRounded(1n, 0n)).toThrow(RangeError);
    expect(() => divideRounded(1n, -2n)).toThrow(RangeError);
  });

  it('property: the result is within half a unit of the true quotient; ties go to even', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        (n, d) => {
          const q = divideRounded(n, d, 'half_even');
          const err = n - q * d; // exact remainder against the rounded quotient
          const twice = 2n * (err < 0n ? -err : err);
          expect(twice <= d).toBe(true);
          if (twice === d) expect(q % 2n).toBe(0n);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('parseMajor and formatMoney', () => {
  it('parses amounts with separators and up to two decimals', () => {
    expect(parseMajor('1250').amountMinor).toBe(125000);
    expect(parseMajor('1,250.5').amountMinor).toBe(125050);
    expect(parseMajor(' 1250.50 ').amountMinor).toBe(125050);
    expect(parseMajor('0.07').amountMinor).toBe(7);
    expect(parseMajor('-12.34', 'USD')).toEqual({ amountMinor: -1234, currency: 'USD' });
  });

  it('rejects three decimals and anything that is not an amount', () => {
    for (const bad of ['1.234', '1.', '.5', 'abc', '', '1e5', '12,34.5.6', '--1', 'Rs 10']) {
      expect(() => parseMajor(bad), bad).toThrow(RangeError);
    }
  });

  it('rejects amounts beyond a safe integer of paisa', () => {
    expect(() => parseMajor('999999999999999999')).toThrow(RangeError);
  });

  it('formats for people and round-trips through parseMajor', () => {
    expect(formatMoney(pkr(1250))).toBe('Rs 1,250.00');
    expect(formatMoney(money(-5, 'USD'))).toBe('-$0.05');
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (n) => {
        const text = formatMoney(money(n)).replace('Rs ', '');
        expect(parseMajor(text).amountMinor).toBe(n);
      }),
    );
  });
});

describe('arithmetic', () => {
  it('adds and subtracts in one currency only', () => {
    expect(add(pkr(1), money(50)).amountMinor).toBe(150);
    expect(subtract(pkr(1), money(150)).amountMinor).toBe(-50);
    expect(sum([pkr(1), pkr(2), money(3)]).amountMinor).toBe(303);
    expect(() => add(pkr(1), money(1, 'USD'))).toThrow(/currency mismatch/);
  });

  it('refuses fractions and unsafe integers', () => {
    expect(() => money(1.5)).toThrow(RangeError);
    expect(() => money(2 ** 53)).toThrow(RangeError);
    expect(() => add(money(2 ** 52), money(2 ** 52))).toThrow(RangeError);
  });
});

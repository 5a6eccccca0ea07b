import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateRepayment } from './allocation.ts';

const four = [
  { number: 1, dueDate: '2027-01-15', principalMinor: 31_200, paidMinor: 0 },
  { number: 2, dueDate: '2027-02-15', principalMinor: 31_200, paidMinor: 0 },
  { number: 3, dueDate: '2027-03-15', principalMinor: 31_200, paidMinor: 0 },
  { number: 4, dueDate: '2027-04-15', principalMinor: 31_400, paidMinor: 0 },
];

describe('repayment allocation', () => {
  it('oldest overdue first, then the current one', () => {
    // On 20 Feb instalment 1 is overdue and 2 is overdue; 3 is current.
    expect(allocateRepayment(four, 70_000, '2027-02-20')).toEqual([
      { number: 1, amountMinor: 31_200 },
      { number: 2, amountMinor: 31_200 },
      { number: 3, amountMinor: 7_600 },
    ]);
  });

  it('an overpayment reduces the last instalments', () => {
    // On 10 Jan nothing is overdue; instalment 1 is current; the extra 10,000 comes off the last.
    expect(allocateRepayment(four, 41_200, '2027-01-10')).toEqual([
      { number: 1, amountMinor: 31_200 },
      { number: 4, amountMinor: 10_000 },
    ]);
  });

  it('by setting, an overpayment goes to the next instalments instead', () => {
    expect(allocateRepayment(four, 41_200, '2027-01-10', 'next')).toEqual([
      { number: 1, amountMinor: 31_200 },
      { number: 2, amountMinor: 10_000 },
    ]);
  });

  it('the whole outstanding pays everything', () => {
    expect(allocateRepayment(four, 125_000, '2027-01-10').map((l) => l.amountMinor)).toEqual([
      31_200, 31_200, 31_200, 31_400,
    ]);
  });

  it('never allocates more than an instalment lacks, and allocates exactly the amount', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50_000 }), { minLength: 1, maxLength: 24 }),
        fc.nat(),
        fc.integer({ min: 0, max: 30 }),
        (paid, amt, dayIdx) => {
          const inst = paid.map((p, k) => ({
            number: k + 1,
            dueDate: `2027-${String((k % 12) + 1).padStart(2, '0')}-${String(k < 12 ? 10 : 20)}`,
            principalMinor: 50_000,
            paidMinor: p,
          }));
          const outstanding = inst.reduce((s, i) => s + i.principalMinor - i.paidMinor, 0);
          if (outstanding === 0) return;
          const amount = 1 + (amt % outstanding);
          const lines = allocateRepayment(
            inst,
            amount,
            `2027-06-${String((dayIdx % 28) + 1).padStart(2, '0')}`,
          );
          expect(lines.reduce((s, l) => s + l.amountMinor, 0)).toBe(amount);
          for (const l of lines) {
            const i = inst[l.number - 1]!;
            expect(l.amountMinor).toBeGreaterThan(0);
            expect(l.amountMinor).toBeLessThanOrEqual(i.principalMinor - i.paidMinor);
          }
        },
      ),
    );
  });
});

import type { AllocationLine } from './loans.table.ts';

export type OpenInstalment = { number: number; dueDate: string; principalMinor: number; paidMinor: number };

/**
 * Where a repayment goes: the oldest overdue instalment first, then the current one (the first
 * falling due on or after the payment date); anything more reduces the last instalments, from the
 * end (or, by setting, the next ones). A payment of the whole outstanding pays every instalment.
 * Pure; the caller has checked that the amount is positive and not above what is outstanding.
 */
export function allocateRepayment(
  instalments: readonly OpenInstalment[],
  amountMinor: number,
  paidOn: string,
  overpayment: 'last' | 'next' = 'last',
): AllocationLine[] {
  const open = instalments
    .filter((i) => i.paidMinor < i.principalMinor)
    .sort((a, b) => a.number - b.number)
    .map((i) => ({ ...i, take: 0 }));
  let left = amountMinor;
  const pay = (i: (typeof open)[number]) => {
    const x = Math.min(left, i.principalMinor - i.paidMinor - i.take);
    i.take += x;
    left -= x;
  };
  const current = open.find((i) => i.dueDate >= paidOn);
  for (const i of open) {
    if (left === 0) break;
    if (i.dueDate < paidOn || i === current) pay(i);
  }
  for (const i of overpayment === 'last' ? [...open].reverse() : open) {
    if (left === 0) break;
    pay(i);
  }
  if (left !== 0) throw new RangeError('repayment exceeds the outstanding principal');
  return open.filter((i) => i.take > 0).map((i) => ({ number: i.number, amountMinor: i.take }));
}

import { writeCsv } from '../../platform/csv.ts';
import type { Loan } from './loans.schema.ts';

const rupees = (minor: number) =>
  `${Math.trunc(minor / 100)}.${String(Math.abs(minor % 100)).padStart(2, '0')}`;

/** A loan's schedule as CSV (RFC 4180): one line per instalment, amounts in rupees with two decimals. */
export function scheduleCsv(loan: Loan): string {
  return writeCsv(
    ['number', 'due_date', 'principal_pkr', 'paid_pkr', 'outstanding_pkr', 'status'],
    loan.instalments.map((i) => [
      i.number,
      i.dueDate,
      rupees(i.principalMinor),
      rupees(i.paidMinor),
      rupees(i.principalMinor - i.paidMinor),
      i.status,
    ]),
  );
}

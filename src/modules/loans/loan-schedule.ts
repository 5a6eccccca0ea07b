import { money, type RoundingMode, splitEqually } from '../../shared/money.ts';
import { isIsoDate } from '../../shared/time.ts';

/**
 * Repayment schedules. Owners repay principal only (the programme pays the markup), in equal
 * monthly instalments over the months after grace; grace counts inside the tenor. Instalments are
 * rounded to a unit (whole rupees by default) half to even, and the rounding remainder goes to the
 * last one, so the instalments always sum exactly to the principal.
 */
export type ScheduleTerms = {
  principalMinor: number;
  tenorMonths: number;
  graceMonths: number;
  /** The first instalment's due date, 'YYYY-MM-DD'. */
  firstRepaymentDate: string;
  /** Day of the month instalments fall due (clamped to the month's last day); default: the first date's day. */
  repaymentDay?: number;
  /** 100 = whole rupees, 1 = paisa. */
  unitMinor?: number;
  rounding?: RoundingMode;
};

export type Instalment = {
  number: number;
  dueDate: string;
  principalMinor: number;
  /** Where a roll off a weekend or holiday moved `dueDate`: the day the schedule set. */
  scheduledDate?: string;
};

export class ScheduleError extends Error {
  constructor(
    public readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

function daysInMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

/** The date `months` months after `date`, on `day` (clamped to the end of that month). */
export function addMonths(date: string, months: number, day = Number(date.slice(8, 10))): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month1 = (((m % 12) + 12) % 12) + 1;
  const d = Math.min(day, daysInMonth(year, month1));
  return `${String(year).padStart(4, '0')}-${String(month1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function repaymentMonths(tenorMonths: number, graceMonths: number): number {
  return tenorMonths - graceMonths;
}

/** Checks the terms; throws a ScheduleError naming the field. */
export function checkTerms(t: ScheduleTerms): void {
  if (!Number.isSafeInteger(t.principalMinor) || t.principalMinor <= 0)
    throw new ScheduleError('principalMinor', 'must be a positive whole number of paisa');
  if (!Number.isInteger(t.tenorMonths) || t.tenorMonths < 1 || t.tenorMonths > 240)
    throw new ScheduleError('tenorMonths', 'must be 1–240 months');
  if (!Number.isInteger(t.graceMonths) || t.graceMonths < 0)
    throw new ScheduleError('graceMonths', 'must be 0 or more months');
  if (t.graceMonths >= t.tenorMonths)
    throw new ScheduleError('graceMonths', 'must be less than the tenor (grace counts inside it)');
  if (!isIsoDate(t.firstRepaymentDate)) throw new ScheduleError('firstRepaymentDate', 'must be YYYY-MM-DD');
  if (
    t.repaymentDay !== undefined &&
    (!Number.isInteger(t.repaymentDay) || t.repaymentDay < 1 || t.repaymentDay > 31)
  )
    throw new ScheduleError('repaymentDay', 'must be a day of the month, 1–31');
}

export function generateSchedule(t: ScheduleTerms): Instalment[] {
  checkTerms(t);
  const n = repaymentMonths(t.tenorMonths, t.graceMonths);
  const day = t.repaymentDay ?? Number(t.firstRepaymentDate.slice(8, 10));
  const parts = splitEqually(money(t.principalMinor), n, t.unitMinor ?? 100, t.rounding ?? 'half_even');
  return parts.map((p, i) => ({
    number: i + 1,
    dueDate: i === 0 ? t.firstRepaymentDate : addMonths(t.firstRepaymentDate, i, day),
    principalMinor: p.amountMinor,
  }));
}

/** The first repayment date a preview assumes from a start date: one month after grace ends. */
export function firstRepaymentAfter(start: string, graceMonths: number): string {
  return addMonths(start, graceMonths + 1);
}

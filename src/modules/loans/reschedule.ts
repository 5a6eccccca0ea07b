import { invalidField } from '../../shared/errors.ts';
import { generateSchedule, type Instalment, ScheduleError } from './loan-schedule.ts';

export type RescheduleTerms = { tenorMonths: number; firstRepaymentDate: string; repaymentDay: number };

/**
 * The instalments a reschedule adds: the outstanding principal in equal monthly instalments from
 * the new first date, numbered after the last instalment that has been paid at all (paid ones
 * stay; a partly paid one is closed at what was paid, so numbers never repeat). Pure.
 */
export function rescheduledInstalments(
  current: readonly { number: number; paidMinor: number }[],
  outstandingMinor: number,
  terms: RescheduleTerms,
  unit: { unitMinor: number; rounding: 'half_even' | 'half_up' },
): Instalment[] {
  const start = current.filter((i) => i.paidMinor > 0).reduce((n, i) => Math.max(n, i.number), 0);
  try {
    return generateSchedule({
      principalMinor: outstandingMinor,
      tenorMonths: terms.tenorMonths,
      graceMonths: 0,
      firstRepaymentDate: terms.firstRepaymentDate,
      repaymentDay: terms.repaymentDay,
      unitMinor: unit.unitMinor,
      rounding: unit.rounding,
    }).map((l) => ({ ...l, number: start + l.number }));
  } catch (err) {
    if (err instanceof ScheduleError)
      throw invalidField(err.field, err.message.replace(`${err.field}: `, ''));
    throw err;
  }
}

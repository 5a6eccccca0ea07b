import { addDays } from '../../shared/time.ts';
import type { Instalment } from './loan-schedule.ts';

/** Saturday or Sunday ('YYYY-MM-DD', a calendar day). */
export function isWeekend(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 || d === 6;
}

/** The day itself if it is a working day, else the next one: weekends and `holidays` skipped. */
export function nextWorkingDay(day: string, holidays: ReadonlySet<string>): string {
  let d = day;
  while (isWeekend(d) || holidays.has(d)) d = addDays(d, 1);
  return d;
}

/**
 * A schedule whose due dates on a weekend or public holiday move to the next working day, rolled
 * from the day the schedule set (`scheduledDate`, kept where it differs, so a later change to the
 * calendar can roll it again from there).
 */
export function rollDueDates<T extends Instalment>(lines: readonly T[], holidays: ReadonlySet<string>): T[] {
  return lines.map((l) => {
    const { scheduledDate, ...rest } = l;
    const set = scheduledDate ?? l.dueDate;
    const dueDate = nextWorkingDay(set, holidays);
    return (dueDate === set ? { ...rest, dueDate } : { ...rest, dueDate, scheduledDate: set }) as T;
  });
}

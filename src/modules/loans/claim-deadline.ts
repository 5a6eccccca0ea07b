import type { Deps } from '../../deps.ts';
import { addDays } from '../../shared/time.ts';
import { claimDeadline } from './claim-csv.ts';
import { fixedHolidaysBetween } from './holidays.ts';
import { rulesOn } from './loan-rules.service.ts';
import type { Instalment } from './loan-schedule.ts';
import { loadLoanSettings } from './loan-settings.service.ts';
import { rollDueDates } from './working-days.ts';

type Db = Deps['db'];

/**
 * Working days a bank has after quarter end to file its claim. The one place that reads the
 * setting: when programme loan settings are stored in the database, this reads them.
 */
export async function claimFilingWorkingDays(db: Db): Promise<number> {
  return (await loadLoanSettings(db)).claimDeadlineWorkingDays;
}

/**
 * Public holidays between two days inclusive, as a set of 'YYYY-MM-DD': the fixed-date ones built
 * in for every year and the days staff entered (Islamic holidays confirmed, others announced).
 */
export async function holidaysBetween(db: Db, from: string, to: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('programme_holidays')
    .select('day')
    .where('day', '>=', from)
    .where('day', '<=', to)
    .execute();
  return new Set([...fixedHolidaysBetween(from, to), ...rows.map((r) => r.day)]);
}

/** The filing deadline for a quarter ending on `quarterEnd`: weekends and public holidays skipped. */
export async function claimDueBy(db: Db, quarterEnd: string): Promise<string> {
  const days = await claimFilingWorkingDays(db);
  // 15 working days span at most ~3 weeks plus holidays; a generous window of holidays is loaded.
  const holidays = await holidaysBetween(db, quarterEnd, addDays(quarterEnd, days * 3 + 30));
  return claimDeadline(quarterEnd, days, holidays);
}

/**
 * A new schedule's due dates, moved off weekends and public holidays to the next working day when
 * the loan rules in force on its first due date say so (`dueDateRoll`); as made otherwise.
 */
export async function rollByRules<T extends Instalment>(db: Db, lines: T[]): Promise<T[]> {
  if (!lines.length) return lines;
  const { dueDateRoll } = await rulesOn(db, lines[0]!.dueDate);
  if (dueDateRoll !== 'next_working_day') return lines;
  const holidays = await holidaysBetween(db, lines[0]!.dueDate, addDays(lines.at(-1)!.dueDate, 14));
  return rollDueDates(lines, holidays);
}

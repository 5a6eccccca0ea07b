import type { Deps } from '../../deps.ts';
import { addDays } from '../../shared/time.ts';
import { claimDeadline } from './claim-csv.ts';
import { loadLoanSettings } from './loan-settings.service.ts';

type Db = Deps['db'];

/**
 * Working days a bank has after quarter end to file its claim. The one place that reads the
 * setting: when programme loan settings are stored in the database, this reads them.
 */
export async function claimFilingWorkingDays(db: Db): Promise<number> {
  return (await loadLoanSettings(db)).claimDeadlineWorkingDays;
}

/** Public holidays between two days inclusive, as a set of 'YYYY-MM-DD'. */
export async function holidaysBetween(db: Db, from: string, to: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('programme_holidays')
    .select('day')
    .where('day', '>=', from)
    .where('day', '<=', to)
    .execute();
  return new Set(rows.map((r) => r.day));
}

/** The filing deadline for a quarter ending on `quarterEnd`: weekends and public holidays skipped. */
export async function claimDueBy(db: Db, quarterEnd: string): Promise<string> {
  const days = await claimFilingWorkingDays(db);
  // 15 working days span at most ~3 weeks plus holidays; a generous window of holidays is loaded.
  const holidays = await holidaysBetween(db, quarterEnd, addDays(quarterEnd, days * 3 + 30));
  return claimDeadline(quarterEnd, days, holidays);
}

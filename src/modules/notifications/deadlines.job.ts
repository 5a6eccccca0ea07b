import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { addDays, karachiDate, karachiMidnight } from '../../shared/time.ts';
import { claimDueBy } from '../loans/index.ts';
import { bankOfficers } from './audience.repository.ts';
import {
  appealsClosing,
  banksWithoutClaim,
  centresWithoutReport,
  grantsWithoutReport,
  openAssignments,
} from './deadlines.repository.ts';
import type { NoticeRequest } from './queue.service.ts';

// Reminders of deadlines, queued by the daily job (scheduled.job.ts). Each is a window, not one
// exact day, so a day the job did not run is caught up the next; the source key makes each one
// notice per person and thing however often the job runs.

/** Days before a deadline the reminder goes (appeals, scores), and before a claim's due date. */
export const REMIND_DAYS = 3;
export const CLAIM_REMIND_DAYS = 5;
/** A month's report is due from the 1st; from this day of the month it is missing. */
export const REPORT_MISSING_FROM_DAY = 10;

/** The quarter that ended last before `day`: its label (`2026-Q3`) and last day. */
export function lastQuarter(day: string): { quarter: string; end: string } {
  const y = Number(day.slice(0, 4));
  const q = Math.floor((Number(day.slice(5, 7)) - 1) / 3); // this quarter, 0-based
  const [year, n] = q === 0 ? [y - 1, 4] : [y, q];
  const end = addDays(
    `${year + (n === 4 ? 1 : 0)}-${String(n === 4 ? 1 : n * 3 + 1).padStart(2, '0')}-01`,
    -1,
  );
  return { quarter: `${year}-Q${n}`, end };
}

export async function deadlineNotices(trx: Kysely<Database>, now: Date): Promise<NoticeRequest[]> {
  const day = karachiDate(now);
  const out: NoticeRequest[] = [];
  for (const a of await appealsClosing(trx, now, new Date(now.getTime() + REMIND_DAYS * 86_400_000))) {
    out.push({
      sourceKey: `appeal-closing:${a.id}`,
      kind: 'application.appeal_closing',
      userId: a.owner_id,
      params: { reference: a.reference, deadline: karachiDate(new Date(a.deadline)) },
      link: `/applications/${a.id}`,
    });
  }
  const month = `${addDays(`${day.slice(0, 7)}-01`, -1).slice(0, 7)}-01`;
  const missing = Number(day.slice(8, 10)) >= REPORT_MISSING_FROM_DAY;
  const prefix = missing ? 'report-missing:' : 'report-due:';
  for (const c of await centresWithoutReport(trx, month, prefix)) {
    out.push({
      sourceKey: `${prefix}${c.center_id}:${month.slice(0, 7)}`,
      kind: missing ? 'centre.report_missing' : 'centre.report_due',
      userId: c.owner_id,
      params: { centre: c.name_en, centre_ur: c.name_ur ?? '', month: month.slice(0, 7) },
      link: `/owner/centres/${c.center_id}/reports`,
    });
  }
  for (const e of await openAssignments(trx, new Date(now.getTime() + REMIND_DAYS * 86_400_000))) {
    const late = new Date(e.deadline) <= now;
    out.push({
      sourceKey: `${late ? 'scores-late' : 'scores-due'}:${e.id}`,
      kind: 'evaluation.deadline',
      userId: e.evaluator_id,
      params: {
        reference: e.reference,
        deadline: karachiDate(new Date(e.deadline)),
        state: late ? 'passed' : 'soon',
      },
      link: `/evaluations/${e.id}`,
    });
  }
  const q = lastQuarter(day);
  for (const g of await grantsWithoutReport(trx, q.quarter, q.end)) {
    out.push({
      sourceKey: `fund-report-due:${g.id}:${q.quarter}`,
      kind: 'fund.report_due',
      userId: g.owner_id,
      params: { startup: g.name, quarter: q.quarter },
      link: '/fund/mine',
    });
  }
  const due = await claimDueBy(trx, q.end);
  if (
    day <= due &&
    karachiMidnight(due).getTime() - karachiMidnight(day).getTime() <= CLAIM_REMIND_DAYS * 86_400_000
  ) {
    for (const bankId of await banksWithoutClaim(trx, q.quarter, q.end)) {
      for (const userId of await bankOfficers(trx, bankId)) {
        out.push({
          sourceKey: `claim-deadline:${bankId}:${q.quarter}`,
          kind: 'claim.deadline',
          userId,
          params: { quarter: q.quarter, dueDate: due },
          link: '/loans/claims',
        });
      }
    }
  }
  return out;
}

import type { Deps } from '../../deps.ts';
import { dailyAt, type Job } from '../../jobs/scheduler.ts';
import { addDays } from '../../shared/time.ts';
import { applicationAgeing } from '../calls/index.ts';
import {
  bookingsStarting,
  digestFigures,
  digestReaders,
  instalmentsDueOn,
  rupees,
  when,
} from './audience.repository.ts';
import { deadlineNotices } from './deadlines.job.ts';
import { DECISION_STANDARD_DAYS } from './kinds.ts';
import { type NoticeRequest, queueNotices } from './queue.service.ts';

/**
 * The day's time-based notices, once a day at 08:00 Karachi (job_runs makes it once per day across
 * processes; stable ids make a re-run add nothing): instalments due in 3 days, overdue by 7 and 30
 * days (day 1 comes from the loan.instalment_overdue event), deadlines (deadlines.job.ts: appeals,
 * monthly reports, scores, subsidy claims) and the staff's daily digest.
 */
export async function queueDailyNotices(deps: Deps, day: string) {
  return deps.db.transaction().execute(async (trx) => {
    const requests: NoticeRequest[] = [];
    for (const i of await instalmentsDueOn(trx, addDays(day, 3))) {
      requests.push({
        sourceKey: `due:${i.loan_id}:${i.number}`,
        kind: 'loan.instalment_due',
        userId: i.owner_id,
        params: { number: String(i.number), dueDate: String(i.due_date), amount: rupees(i.unpaid) },
        link: `/loans/${i.loan_id}`,
      });
    }
    for (const days of [7, 30]) {
      for (const i of await instalmentsDueOn(trx, addDays(day, -days))) {
        requests.push({
          sourceKey: `overdue:${i.loan_id}:${i.number}:${days}`,
          kind: 'loan.instalment_overdue',
          userId: i.owner_id,
          params: {
            number: String(i.number),
            dueDate: String(i.due_date),
            amount: rupees(i.unpaid),
            days: String(days),
          },
          link: `/loans/${i.loan_id}`,
        });
      }
    }
    requests.push(...(await deadlineNotices(trx, deps.clock.now())));
    const month = `${addDays(`${day.slice(0, 7)}-01`, -1).slice(0, 7)}-01`;
    const f = await digestFigures(trx, month);
    const late = await applicationAgeing(trx, deps.clock.now(), DECISION_STANDARD_DAYS);
    for (const userId of await digestReaders(trx)) {
      requests.push({
        sourceKey: `digest:${day}`,
        kind: 'staff.daily_digest',
        userId,
        params: {
          day,
          arrears: String(f.arrears),
          lateCases: String(late.overStandard.length),
          deadNotices: String(f.dead_notices),
          deadEvents: String(f.dead_events),
          missingReports: String(f.missing_reports),
        },
        link: '/admin/notifications',
      });
    }
    return { queued: await queueNotices(trx, deps, requests) };
  });
}

/**
 * Reminders an hour before a booking starts (the SMS is opt-in; the inbox always). Runs every
 * minute; the stable id (`reminder:<booking>`) makes each booking's reminder one notice however
 * often it runs and in however many processes.
 */
export async function queueBookingReminders(deps: Deps) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const soon = await bookingsStarting(trx, now, new Date(now.getTime() + 3600_000));
    const queued = await queueNotices(
      trx,
      deps,
      soon.map((b) => ({
        sourceKey: `reminder:${b.booking_id}`,
        kind: 'booking.reminder' as const,
        userId: b.booker_id,
        params: { centre: b.name_en, centre_ur: b.name_ur ?? '', start: when(new Date(b.starts_at)) },
        link: '/bookings',
      })),
    );
    return { queued };
  });
}

export const notificationJobs = (): Job[] => [
  {
    kind: 'periodic',
    name: 'notifications.daily',
    order: 70,
    duePeriod: dailyAt('08:00'),
    run: (deps, day) => queueDailyNotices(deps, day),
  },
  {
    kind: 'continuous',
    name: 'notifications.reminders',
    order: 70,
    everySeconds: 60,
    run: (deps) => queueBookingReminders(deps),
  },
];

import { sql } from 'kysely';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { dailyAt, type Job } from '../../jobs/scheduler.ts';
import { emitEvents } from '../../platform/events/index.ts';
import { disputeReminderDays } from './remittance-settings.service.ts';
import { disputeReminded } from './remittances.events.ts';

const DAY = 86_400_000;

/**
 * Reminds banks of the disputes they leave unanswered: every open dispute whose bank has not been
 * reminded (or asked) for `days` days gets one more reminder, recorded on the dispute in the same
 * statement that picks it (`reminders` + 1, `last_reminded_at` = now), so a run again the same day,
 * or by another process, finds nothing; each becomes a `remittances.dispute_reminded` event that the
 * notifications area turns into a notice to the bank's officers (inbox and email). Returns how
 * many disputes were reminded.
 */
export async function remindUnansweredDisputes(deps: Deps, period?: number): Promise<number> {
  // The period staff set on the web, else MARKAZ_DISPUTE_REMINDER_DAYS.
  const days = period ?? (await disputeReminderDays(deps));
  const now = deps.clock.now();
  const due = new Date(now.getTime() - days * DAY);
  return inTransaction(deps.db, async (trx) => {
    const reminded = await trx
      .updateTable('remittance_disputes')
      .set({ reminders: sql`reminders + 1`, last_reminded_at: now })
      .where('status', '=', 'open')
      .where(sql<Date>`coalesce(last_reminded_at, created_at)`, '<=', due)
      .returning([
        'id',
        'bank_id',
        'freelancer_id',
        'reminders',
        'created_at',
        sql<string>`to_char(month, 'YYYY-MM')`.as('month'),
      ])
      .execute();
    await emitEvents(
      trx,
      deps,
      disputeReminded,
      reminded.map((r) => ({
        disputeId: r.id,
        freelancerId: r.freelancer_id,
        bankId: r.bank_id,
        month: r.month,
        reminder: r.reminders,
        daysOpen: Math.floor((now.getTime() - r.created_at.getTime()) / DAY),
      })),
      { dedupeKey: (p) => `${p.disputeId}:${p.reminder}` },
    );
    return reminded.length;
  });
}

/** Once a day, at 09:00 Karachi (a bank's working morning), across every server process. */
export const disputeRemindersJob: Job = {
  kind: 'periodic',
  name: 'remittances.dispute_reminders',
  duePeriod: dailyAt('09:00'),
  run: (deps) => remindUnansweredDisputes(deps),
};

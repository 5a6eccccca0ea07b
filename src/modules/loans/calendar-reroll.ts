import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { addDays, karachiDate } from '../../shared/time.ts';
import { holidaysBetween } from './claim-deadline.ts';
import { rulesOn } from './loan-rules.service.ts';
import { nextWorkingDay } from './working-days.ts';

type Db = Deps['db'];
const NOTE_BATCH = 2_000;

export type CalendarChange = { day: string; change: 'added' | 'removed'; nameEn: string; nameUr: string };
export type Rerolled = { loans: number; instalments: number };

/**
 * After a holiday is added or removed (inside that transaction), every instalment not yet due,
 * unpaid, whose day as scheduled is on or before the changed day and whose due date is on or after
 * it, is rolled again from its scheduled day to the next working day (decision 0079). Instalments
 * already due or (partly) paid never move. One set-based UPDATE for all loans; then one note per
 * loan that moved (the bank and staff read it on the loan page), inserted in batches of 2,000.
 */
export async function rerollForCalendarChange(
  trx: Db,
  actor: Actor,
  clock: Deps['clock'],
  change: CalendarChange,
): Promise<Rerolled> {
  const { dueDateRoll } = await rulesOn(trx, change.day);
  if (dueDateRoll !== 'next_working_day') return { loans: 0, instalments: 0 };
  const today = karachiDate(clock.now());
  const affectedBy = sql`i.status = 'scheduled' AND i.paid_minor = 0 AND i.due_date > ${today}::date
    AND i.due_date >= ${change.day}::date AND coalesce(i.scheduled_date, i.due_date) <= ${change.day}::date`;
  const { rows: setDays } = await sql<{ day: string }>`
    SELECT DISTINCT coalesce(i.scheduled_date, i.due_date)::text AS day
    FROM loan_instalments i JOIN loans l ON l.id = i.loan_id
    WHERE l.status IN ('active', 'loss') AND ${affectedBy}`.execute(trx);
  if (!setDays.length) return { loans: 0, instalments: 0 };
  const first = [change.day, ...setDays.map((r) => r.day)].sort()[0]!;
  const holidays = await holidaysBetween(trx, first, addDays(change.day, 60));
  const pairs = setDays.map((r) => sql`(${r.day}::date, ${nextWorkingDay(r.day, holidays)}::date)`);
  const { rows: moved } = await sql<{ loanId: string; number: number; from: string; to: string }>`
    WITH m(set_day, new_day) AS (VALUES ${sql.join(pairs)}),
    moving AS (
      SELECT i.loan_id, i.number, i.due_date AS old_day, m.set_day, m.new_day
      FROM loan_instalments i
      JOIN loans l ON l.id = i.loan_id
      JOIN m ON m.set_day = coalesce(i.scheduled_date, i.due_date)
      WHERE l.status IN ('active', 'loss') AND ${affectedBy} AND i.due_date <> m.new_day
        AND m.new_day > ${today}::date
    )
    UPDATE loan_instalments i
    SET due_date = moving.new_day,
        scheduled_date = CASE WHEN moving.new_day = moving.set_day THEN NULL ELSE moving.set_day END
    FROM moving
    WHERE i.loan_id = moving.loan_id AND i.number = moving.number
      AND i.due_date = moving.old_day AND i.paid_minor = 0 AND i.status = 'scheduled'
    RETURNING i.loan_id AS "loanId", i.number, moving.old_day::text AS "from", i.due_date::text AS "to"`.execute(
    trx,
  );
  const byLoan = new Map<string, typeof moved>();
  for (const m of moved) byLoan.set(m.loanId, [...(byLoan.get(m.loanId) ?? []), m]);
  if (byLoan.size && actor.kind === 'user') {
    const now = clock.now();
    const notes = [...byLoan].map(([loanId, lines]) => ({
      loan_id: loanId,
      author_id: actor.userId,
      author_role: actor.role,
      body: rerollNote(change, lines),
      created_at: now,
    }));
    // Batched: a holiday can touch every active loan, and a statement takes at most 65,535 values.
    for (let i = 0; i < notes.length; i += NOTE_BATCH)
      await trx
        .insertInto('loan_notes')
        .values(notes.slice(i, i + NOTE_BATCH))
        .execute();
  }
  return { loans: byLoan.size, instalments: moved.length };
}

/** The note on a loan whose due dates moved: English, then Urdu. */
export function rerollNote(
  change: CalendarChange,
  lines: readonly { number: number; from: string; to: string }[],
): string {
  const sorted = [...lines].sort((a, b) => a.number - b.number);
  const en = sorted.map((l) => `instalment ${l.number}: ${l.from} → ${l.to}`).join('; ');
  const ur = sorted.map((l) => `قسط ${l.number}: ${l.from} سے ${l.to}`).join('؛ ');
  const what =
    change.change === 'added'
      ? `Holiday added: ${change.day} (${change.nameEn})`
      : `Holiday removed: ${change.day} (${change.nameEn})`;
  const whatUr =
    change.change === 'added'
      ? `چھٹی شامل کی گئی: ${change.day} (${change.nameUr})`
      : `چھٹی ہٹا دی گئی: ${change.day} (${change.nameUr})`;
  return `${what}. Due dates moved to the next working day — ${en}.\n${whatUr}۔ واجب الادا تاریخیں اگلے کام کے دن پر منتقل — ${ur}۔`;
}

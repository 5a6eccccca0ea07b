import { z } from 'zod';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { addDays } from '../../shared/time.ts';
import { rerollForCalendarChange } from './calendar-reroll.ts';
import {
  CalendarDaySchema,
  FIXED_SOURCE,
  fixedHolidays,
  PROPOSAL_SOURCE,
  proposedIslamicHolidays,
} from './holidays.ts';

/**
 * The programme's working-day calendar (decision 0062): weekends, the fixed-date public holidays
 * built in for every year, and the days staff entered — Islamic holidays confirmed after moon
 * sighting, or any other day the government announces. Due dates (when the loan rules roll them),
 * days past due and the claim deadline all read it.
 */
export const HolidaySchema = z
  .object({
    day: z.string(),
    nameEn: z.string(),
    nameUr: z.string(),
    kind: z.enum(['fixed', 'islamic', 'other']),
    status: z
      .enum(['fixed', 'confirmed', 'proposed'])
      .describe(
        'fixed: built in; confirmed: entered by staff; proposed: from the tabular Hijri calendar, not yet a holiday',
      ),
    source: z.string(),
    rerolled: z
      .object({ loans: z.number().int(), instalments: z.number().int() })
      .optional()
      .describe('On a change: the instalments not yet due whose due dates moved, and on how many loans'),
  })
  .meta({ id: 'Holiday' });
export type Holiday = z.infer<typeof HolidaySchema>;

export const NewHolidaySchema = z
  .object({
    day: CalendarDaySchema,
    nameEn: z.string().trim().min(2).max(100),
    nameUr: z.string().trim().min(2).max(100),
    kind: z.enum(['islamic', 'other']),
    source: z.string().trim().min(3).max(300).optional(),
  })
  .meta({ id: 'NewHoliday' });
export type NewHoliday = z.infer<typeof NewHolidaySchema>;

/**
 * A year's calendar: the holidays in force (built-in fixed days and the days staff entered) and,
 * for each Islamic holiday of the year not yet entered, the date the tabular calendar proposes.
 */
export async function listHolidays(deps: Deps, actor: Actor, year: number): Promise<Holiday[]> {
  // Owners read it too: it is the calendar their due dates follow (read-only).
  requireRole(actor, 'program_admin', 'bank_officer', 'auditor', 'owner');
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw invalidField('year', 'must be 2000–2100');
  const rows = await deps.db
    .selectFrom('programme_holidays')
    .selectAll()
    .where('day', '>=', `${year}-01-01`)
    .where('day', '<=', `${year}-12-31`)
    .execute();
  const byDay = new Map<string, Holiday>();
  for (const f of fixedHolidays(year))
    byDay.set(f.day, { ...f, kind: 'fixed', status: 'fixed', source: FIXED_SOURCE });
  for (const r of rows)
    byDay.set(r.day, {
      day: r.day,
      nameEn: r.name_en,
      nameUr: r.name_ur,
      kind: r.kind,
      status: r.kind === 'fixed' ? 'fixed' : 'confirmed',
      source: r.source,
    });
  const proposals = pendingProposals(
    proposedIslamicHolidays(year),
    rows.filter((r) => r.kind === 'islamic').map((r) => ({ day: r.day, nameEn: r.name_en })),
  ).map((p): Holiday => ({ ...p, kind: 'islamic', status: 'proposed', source: PROPOSAL_SOURCE }));
  return [...byDay.values(), ...proposals].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

const festivalOf = (name: string) => name.replace(/ \(.*\)$/, '');
const daysApart = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;

/**
 * The proposals still to confirm: one already entered (same name, within 5 days: a year can have
 * the same Eid twice, months apart) is dropped; the other days of a festival whose first entered
 * day moved from its proposal (the moon sighted a day later) move by the same number of days.
 */
export function pendingProposals<P extends { day: string; nameEn: string }>(
  proposed: readonly P[],
  entered: readonly { day: string; nameEn: string }[],
): P[] {
  const out: P[] = [];
  for (const p of proposed) {
    if (entered.some((e) => e.nameEn === p.nameEn && daysApart(e.day, p.day) <= 5)) continue;
    const moved = entered
      .map((e) => ({ e, q: proposed.find((q) => q.nameEn === e.nameEn && daysApart(q.day, e.day) <= 5) }))
      .find(({ e, q }) => q && festivalOf(e.nameEn) === festivalOf(p.nameEn) && daysApart(q.day, p.day) <= 5);
    const shift = moved ? Math.round((Date.parse(moved.e.day) - Date.parse(moved.q!.day)) / 86_400_000) : 0;
    out.push({ ...p, day: addDays(p.day, shift) });
  }
  return out;
}

/**
 * The admin confirms an Islamic holiday's date (or enters another holiday); audited. Instalments
 * not yet due on that day move to the next working day (decision 0079). Moving a confirmed date
 * (moon sighted a day later) is removing it and adding the right one: each rolls again.
 */
export async function addHoliday(deps: Deps, actor: Actor, input: NewHoliday): Promise<Holiday> {
  requireRole(actor, 'program_admin');
  if (fixedHolidays(Number(input.day.slice(0, 4))).some((f) => f.day === input.day))
    throw invalidField('day', 'is already a fixed public holiday', 'holiday_exists');
  const source =
    input.source ??
    (input.kind === 'islamic'
      ? 'Confirmed by programme staff after moon sighting'
      : 'Government notification');
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto('programme_holidays')
      .values({
        day: input.day,
        name_en: input.nameEn,
        name_ur: input.nameUr,
        kind: input.kind,
        source,
        entered_by: actor.kind === 'user' ? actor.userId : null,
        entered_at: deps.clock.now(),
      })
      .onConflict((oc) => oc.column('day').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row)
      throw new AppError('already_exists', `${input.day} is already a holiday`, {
        fields: [{ path: 'day', message: 'is already a holiday', rule: 'holiday_exists' }],
      });
    // Schedules already made roll again: what was due on the new holiday moves (decision 0079).
    const rerolled = await rerollForCalendarChange(trx, actor, deps.clock, {
      day: input.day,
      change: 'added',
      nameEn: input.nameEn,
      nameUr: input.nameUr,
    });
    await recordChange(trx, actor, deps.clock, {
      action: 'holiday.added',
      entity: 'holiday',
      entityId: input.day,
      after: { ...input, source },
      details: { rerolled },
    });
    return {
      day: row.day,
      nameEn: row.name_en,
      nameUr: row.name_ur,
      kind: input.kind,
      status: 'confirmed',
      source,
      rerolled,
    };
  });
}

/**
 * The admin removes a day staff entered (a date confirmed wrongly; the right one is then added).
 * Built-in fixed days cannot be removed. Instalments not yet due that had rolled past it roll
 * again from their scheduled day (decision 0079).
 */
export async function removeHoliday(
  deps: Deps,
  actor: Actor,
  day: string,
): Promise<{ loans: number; instalments: number }> {
  requireRole(actor, 'program_admin');
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .deleteFrom('programme_holidays')
      .where('day', '=', day)
      .where('kind', '<>', 'fixed')
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notFound('Holiday');
    const rerolled = await rerollForCalendarChange(trx, actor, deps.clock, {
      day,
      change: 'removed',
      nameEn: row.name_en,
      nameUr: row.name_ur,
    });
    await recordChange(trx, actor, deps.clock, {
      action: 'holiday.removed',
      entity: 'holiday',
      entityId: day,
      before: { day, nameEn: row.name_en, nameUr: row.name_ur, kind: row.kind, source: row.source },
      details: { rerolled },
    });
    return rerolled;
  });
}

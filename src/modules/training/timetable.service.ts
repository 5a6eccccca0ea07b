import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireUser } from '../../platform/actor.ts';
import type { CalendarEvent } from '../bookings/index.ts';

export const TimetableEntrySchema = z
  .object({
    sessionId: z.string().uuid(),
    cohortId: z.string().uuid(),
    enrolmentId: z.string().uuid(),
    courseTitleEn: z.string(),
    courseTitleUr: z.string(),
    centerName: z.string(),
    address: z.string(),
    start: z.string(),
    end: z.string(),
    status: z.enum(['scheduled', 'held', 'cancelled']),
    attended: z.boolean(),
  })
  .meta({ id: 'TimetableEntry' });
export type TimetableEntry = z.infer<typeof TimetableEntrySchema>;

async function sessionsOf(
  db: Kysely<Database>,
  userId: string,
  since: Date | null,
): Promise<TimetableEntry[]> {
  let q = db
    .selectFrom('training_enrolments as e')
    .innerJoin('training_cohorts as k', 'k.cohort_id', 'e.cohort_id')
    .innerJoin('training_courses as co', 'co.course_id', 'k.course_id')
    .innerJoin('centers as c', 'c.center_id', 'k.center_id')
    .innerJoin('training_sessions as s', (j) =>
      j.onRef('s.center_id', '=', 'k.center_id').onRef('s.cohort_id', '=', 'k.cohort_id'),
    )
    .leftJoin('training_attendance as a', (j) =>
      j
        .onRef('a.center_id', '=', 's.center_id')
        .onRef('a.session_id', '=', 's.session_id')
        .onRef('a.enrolment_id', '=', 'e.enrolment_id'),
    )
    .select([
      's.session_id',
      'k.cohort_id',
      'e.enrolment_id',
      'co.title_en',
      'co.title_ur',
      'c.name_en',
      'c.address',
      's.status',
      'a.present',
      sql<Date>`lower(s.during)`.as('starts_at'),
      sql<Date>`upper(s.during)`.as('ends_at'),
    ])
    .where('e.user_id', '=', userId)
    .where('e.status', 'in', ['admitted', 'completed', 'not_completed']);
  if (since) q = q.where(sql<boolean>`upper(s.during) >= ${since}`);
  const rows = await q.orderBy(sql`lower(s.during)`).limit(1000).execute();
  return rows.map((r) => ({
    sessionId: r.session_id,
    cohortId: r.cohort_id,
    enrolmentId: r.enrolment_id,
    courseTitleEn: r.title_en,
    courseTitleUr: r.title_ur,
    centerName: r.name_en,
    address: r.address,
    start: new Date(r.starts_at).toISOString(),
    end: new Date(r.ends_at).toISOString(),
    status: r.status,
    attended: r.present === true,
  }));
}

/** My sessions, for the freelancer's timetable page. */
export async function myTimetable(deps: Deps, actor: Actor): Promise<TimetableEntry[]> {
  requireUser(actor);
  return sessionsOf(deps.db, actor.userId, null);
}

/** The same sessions in the person's iCal feed (bookings' calendar-entries hook). */
export async function trainingCalendarEntries(
  db: Kysely<Database>,
  userId: string,
  since: Date,
): Promise<CalendarEvent[]> {
  return (await sessionsOf(db, userId, since)).map((s) => ({
    uid: `${s.sessionId}.${s.enrolmentId}@markaz.pk`,
    start: new Date(s.start),
    end: new Date(s.end),
    stamp: new Date(s.start),
    summary: `Training: ${s.courseTitleEn} — ${s.centerName}`,
    location: s.address,
    description: `Markaz training session. Show your check-in code to the trainer.`,
    cancelled: s.status === 'cancelled',
  }));
}

import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole, requireUser } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { ensureTokenSecret, mac, STEP_SECONDS, sameMac, stepAt } from '../bookings/index.ts';
import { enrolmentCompleted } from './training.events.ts';
import { findCohortRow } from './training.repository.ts';
import type { Completion } from './training.schema.ts';
import {
  actingUserId,
  canReadAll,
  lockRunnersEnrolment,
  requireAdmitted,
  requireCohortRunner,
  requireSomeone,
} from './training-access.ts';

type Db = Kysely<Database>;
const PURPOSE = 'training-check-in';
const EARLY_MINUTES = 15;

/** The trainee's rotating code for the session desk (the bookings' QR scheme, its own purpose). */
export async function attendanceToken(deps: Deps, actor: Actor, enrolmentId: string) {
  requireRole(actor, 'freelancer');
  requireUser(actor);
  const e = await deps.db
    .selectFrom('training_enrolments')
    .select(['center_id', 'user_id', 'status'])
    .where('enrolment_id', '=', enrolmentId)
    .executeTakeFirst();
  if (!e || e.user_id !== actor.userId) throw notFound('Enrolment');
  requireAdmitted(e);
  const now = deps.clock.now();
  const step = stepAt(now);
  const secret = await ensureTokenSecret(deps);
  return {
    token: `${enrolmentId}.${step}.${mac(secret, PURPOSE, `${e.center_id}:${enrolmentId}:${step}`)}`,
    stepSeconds: STEP_SECONDS,
    expiresAt: new Date((step + 1) * STEP_SECONDS * 1000).toISOString(),
  };
}

/** The trainer scans a trainee's code at the session: present, from the QR code. */
export async function checkInToSession(deps: Deps, actor: Actor, sessionId: string, token: string) {
  requireSomeone(actor);
  const m = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{10,40})$/.exec(token);
  if (!m) throw invalidField('token', 'is not a Markaz check-in code');
  const [, enrolmentId, stepText, sig] = m as unknown as [string, string, string, string];
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const s = await trx
      .selectFrom('training_sessions')
      .select([
        'center_id',
        'cohort_id',
        'status',
        sql<Date>`lower(during)`.as('starts_at'),
        sql<Date>`upper(during)`.as('ends_at'),
      ])
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    if (!s) throw notFound('Session');
    requireCohortRunner(actor, (await findCohortRow(trx, s.cohort_id))!);
    const secret = await ensureTokenSecret(deps);
    const step = Number(stepText);
    if (!sameMac(mac(secret, PURPOSE, `${s.center_id}:${enrolmentId}:${step}`), sig))
      throw invalidField('token', 'is not valid for this centre');
    if (Math.abs(stepAt(now) - step) > 1)
      throw invalidField('token', 'has expired; ask for the code on screen now');
    if (s.status === 'cancelled') throw new AppError('invalid_state', 'The session was cancelled');
    if (
      now.getTime() < new Date(s.starts_at).getTime() - EARLY_MINUTES * 60_000 ||
      now >= new Date(s.ends_at)
    )
      throw new AppError(
        'invalid_state',
        'Check-in is open from 15 minutes before the session until its end',
      );
    const e = await trx
      .selectFrom('training_enrolments')
      .select(['cohort_id', 'status', 'documents_checked_at'])
      .where('center_id', '=', s.center_id)
      .where('enrolment_id', '=', enrolmentId)
      .executeTakeFirst();
    if (!e || e.cohort_id !== s.cohort_id) throw invalidField('token', 'is for someone not in this cohort');
    requireAdmitted(e);
    if (!e.documents_checked_at)
      throw new AppError('invalid_state', 'Documents must be checked before the first class');
    await trx
      .insertInto('training_attendance')
      .values({
        center_id: s.center_id,
        session_id: sessionId,
        enrolment_id: enrolmentId,
        present: true,
        source: 'qr',
        reason: null,
        recorded_by: actingUserId(actor),
        recorded_at: now,
      })
      .onConflict((oc) => oc.columns(['center_id', 'session_id', 'enrolment_id']).doNothing())
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'training.checked_in',
      entity: 'training_enrolment',
      entityId: enrolmentId,
      details: { sessionId },
    });
    return { sessionId, enrolmentId, present: true };
  });
}

/** The trainer corrects a trainee's attendance, with a reason (audited with before and after). */
export async function correctAttendance(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  input: { enrolmentId: string; present: boolean; reason: string },
) {
  requireSomeone(actor);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const s = await trx
      .selectFrom('training_sessions')
      .select(['center_id', 'cohort_id', 'status'])
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    if (!s) throw notFound('Session');
    requireCohortRunner(actor, (await findCohortRow(trx, s.cohort_id))!);
    if (s.status === 'cancelled') throw new AppError('invalid_state', 'The session was cancelled');
    const e = await trx
      .selectFrom('training_enrolments')
      .select(['cohort_id', 'status'])
      .where('center_id', '=', s.center_id)
      .where('enrolment_id', '=', input.enrolmentId)
      .executeTakeFirst();
    if (!e || e.cohort_id !== s.cohort_id) throw invalidField('enrolmentId', 'is not in this cohort');
    const before = await trx
      .selectFrom('training_attendance')
      .select(['present', 'source'])
      .where('center_id', '=', s.center_id)
      .where('session_id', '=', sessionId)
      .where('enrolment_id', '=', input.enrolmentId)
      .executeTakeFirst();
    const values = {
      present: input.present,
      source: 'trainer' as const,
      reason: input.reason,
      recorded_by: actingUserId(actor),
      recorded_at: now,
    };
    await trx
      .insertInto('training_attendance')
      .values({ center_id: s.center_id, session_id: sessionId, enrolment_id: input.enrolmentId, ...values })
      .onConflict((oc) => oc.columns(['center_id', 'session_id', 'enrolment_id']).doUpdateSet(values))
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'training.attendance_corrected',
      entity: 'training_enrolment',
      entityId: input.enrolmentId,
      before: before ?? null,
      after: { present: input.present },
      details: { sessionId, reason: input.reason, was: before?.present ?? null },
    });
    return { sessionId, enrolmentId: input.enrolmentId, present: input.present };
  });
}

/** A score per enrolment, against the course's pass mark (the trainer or staff). */
export async function recordAssessment(deps: Deps, actor: Actor, enrolmentId: string, score: number) {
  requireSomeone(actor);
  return inTransaction(deps.db, async (trx) => {
    const e = await lockRunnersEnrolment(trx, actor, enrolmentId);
    await trx
      .updateTable('training_enrolments')
      .set({ assessment_score: score, updated_at: deps.clock.now() })
      .where('center_id', '=', e.center_id)
      .where('enrolment_id', '=', enrolmentId)
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'training.assessed',
      entity: 'training_enrolment',
      entityId: enrolmentId,
      details: { score, was: e.assessment_score },
    });
    return completionOf(trx, enrolmentId);
  });
}

/** Where an enrolment stands against its course's completion rule. */
export async function completionOf(db: Db, enrolmentId: string): Promise<Completion> {
  const e = await db
    .selectFrom('training_enrolments as e')
    .innerJoin('training_cohorts as k', 'k.cohort_id', 'e.cohort_id')
    .innerJoin('training_courses as co', 'co.course_id', 'k.course_id')
    .select([
      'e.center_id',
      'e.cohort_id',
      'e.status',
      'e.assessment_score',
      'e.completed_at',
      'co.min_attendance_percent',
      'co.pass_mark',
    ])
    .where('e.enrolment_id', '=', enrolmentId)
    .executeTakeFirst();
  if (!e) throw notFound('Enrolment');
  const counts = await db
    .selectFrom('training_sessions as s')
    .leftJoin('training_attendance as a', (j) =>
      j
        .onRef('a.center_id', '=', 's.center_id')
        .onRef('a.session_id', '=', 's.session_id')
        .on('a.enrolment_id', '=', enrolmentId)
        .on('a.present', '=', true),
    )
    .select([
      sql<number>`count(*)::int`.as('sessions'),
      sql<number>`count(a.enrolment_id)::int`.as('present'),
    ])
    .where('s.center_id', '=', e.center_id)
    .where('s.cohort_id', '=', e.cohort_id)
    .where('s.status', '<>', 'cancelled')
    .executeTakeFirstOrThrow();
  const attendancePercent = counts.sessions ? Math.floor((counts.present * 100) / counts.sessions) : 0;
  const met =
    attendancePercent >= e.min_attendance_percent &&
    e.assessment_score !== null &&
    e.assessment_score >= e.pass_mark;
  return {
    enrolmentId,
    completed: e.status === 'completed' || (e.status === 'admitted' && met),
    attendancePercent,
    minAttendancePercent: e.min_attendance_percent,
    assessmentScore: e.assessment_score,
    passMark: e.pass_mark,
    completedOn: e.completed_at ? karachiDate(e.completed_at) : null,
  };
}

/**
 * For the credentials area: whether an enrolment has completed its course (recorded when its
 * cohort finished), with the figures behind it. `completed` is true only once recorded.
 */
export async function checkEnrolmentCompletion(
  deps: Pick<Deps, 'db'>,
  enrolmentId: string,
): Promise<Completion> {
  const c = await completionOf(deps.db, enrolmentId);
  return { ...c, completed: c.completedOn !== null };
}

/** A trainee's own standing, or staff's, or the trainer's. */
export async function getCompletion(deps: Deps, actor: Actor, enrolmentId: string): Promise<Completion> {
  requireUser(actor);
  const e = await deps.db
    .selectFrom('training_enrolments')
    .select(['user_id', 'cohort_id'])
    .where('enrolment_id', '=', enrolmentId)
    .executeTakeFirst();
  if (!e) throw notFound('Enrolment');
  if (e.user_id !== actor.userId && !canReadAll(actor))
    requireCohortRunner(actor, (await findCohortRow(deps.db, e.cohort_id))!);
  return completionOf(deps.db, enrolmentId);
}

/**
 * The cohort ends: every admitted enrolment is judged against the completion rule; completions
 * are recorded with a `training.enrolment_completed` event each (the certificate's trigger).
 */
export async function finishCohort(deps: Deps, actor: Actor, cohortId: string) {
  requireSomeone(actor);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const cohort = await findCohortRow(trx, cohortId, true);
    if (!cohort) throw notFound('Cohort');
    requireCohortRunner(actor, cohort);
    if (cohort.status !== 'admitted') throw new AppError('invalid_state', `The cohort is ${cohort.status}`);
    const endsOn = String(cohort.ends_on).slice(0, 10);
    if (karachiDate(now) < endsOn) throw new AppError('invalid_state', `The cohort runs until ${endsOn}`);
    const pending = await trx
      .selectFrom('training_sessions')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('cohort_id', '=', cohortId)
      .where('status', '=', 'scheduled')
      .executeTakeFirstOrThrow();
    if (pending.n > 0)
      throw new AppError('invalid_state', `${pending.n} session(s) are neither marked held nor cancelled`);
    const info = await trx
      .selectFrom('training_cohorts as k')
      .innerJoin('training_courses as co', 'co.course_id', 'k.course_id')
      .innerJoin('centers as c', 'c.center_id', 'k.center_id')
      .select([
        'co.course_id',
        'co.code',
        'co.title_en',
        'co.title_ur',
        'co.hours',
        'co.skills',
        'c.name_en',
        'c.name_ur',
      ])
      .where('k.cohort_id', '=', cohortId)
      .executeTakeFirstOrThrow();
    const admitted = await trx
      .selectFrom('training_enrolments as e')
      .innerJoin('users as u', 'u.id', 'e.user_id')
      .select(['e.enrolment_id', 'e.user_id', 'u.name'])
      .where('e.cohort_id', '=', cohortId)
      .where('e.status', '=', 'admitted')
      .execute();
    let completed = 0;
    for (const a of admitted) {
      const c = await completionOf(trx, a.enrolment_id);
      await trx
        .updateTable('training_enrolments')
        .set({
          status: c.completed ? 'completed' : 'not_completed',
          completed_at: c.completed ? now : null,
          updated_at: now,
        })
        .where('center_id', '=', cohort.center_id)
        .where('enrolment_id', '=', a.enrolment_id)
        .execute();
      if (c.completed) {
        completed++;
        await emitEvent(
          trx,
          deps,
          enrolmentCompleted,
          {
            enrolmentId: a.enrolment_id,
            userId: a.user_id,
            name: a.name,
            courseId: info.course_id,
            courseCode: info.code,
            courseTitleEn: info.title_en,
            courseTitleUr: info.title_ur,
            hours: info.hours,
            skills: info.skills,
            centerId: cohort.center_id,
            centerName: info.name_en,
            centerNameUr: info.name_ur,
            cohortId,
            cohortStartsOn: String(cohort.starts_on).slice(0, 10),
            cohortEndsOn: endsOn,
            completedOn: karachiDate(now),
            attendancePercent: c.attendancePercent,
            assessmentScore: c.assessmentScore!,
            passMark: c.passMark,
          },
          actor,
        );
      }
    }
    await trx
      .updateTable('training_cohorts')
      .set({ status: 'finished', finished_at: now })
      .where('center_id', '=', cohort.center_id)
      .where('cohort_id', '=', cohortId)
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'training.cohort_finished',
      entity: 'training_cohort',
      entityId: cohortId,
      details: { completed, notCompleted: admitted.length - completed },
    });
    return { cohortId, completed, notCompleted: admitted.length - completed };
  });
}

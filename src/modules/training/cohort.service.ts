import { sql } from 'kysely';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole, requireUser } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { karachiDate, karachiMidnight } from '../../shared/time.ts';
import { holdRoom, releaseRoomHold } from '../bookings/index.ts';
import { splitSeats } from './seat-split.ts';
import { findCohortRow, findCourse, loadCohorts } from './training.repository.ts';
import type { Cohort, CohortInput } from './training.schema.ts';
import { canReadAll, isStaff, requireCohortRunner, trainerAssigned } from './training-access.ts';

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const sessionInstant = (date: string, hhmm: string) =>
  new Date(karachiMidnight(date).getTime() + minutes(hhmm) * 60_000);

/**
 * Staff open a cohort: its course, centre, training room, trainer, capacity, dates, the districts
 * that share its seats (split now, by the published rule, and stored) and its timetable. Every
 * session reserves the whole room through the booking engine in the same transaction: a clash
 * with a booking or another session refuses the whole cohort (409 with free alternatives).
 */
export async function createCohort(deps: Deps, actor: Actor, input: CohortInput): Promise<Cohort> {
  requireRole(actor, 'program_admin');
  if (input.endsOn < input.startsOn) throw invalidField('endsOn', 'must be on or after startsOn');
  input.sessions.forEach((s, i) => {
    if (s.date < input.startsOn || s.date > input.endsOn)
      throw invalidField(`sessions.${i}.date`, 'must be between startsOn and endsOn');
    if (minutes(s.to) <= minutes(s.from)) throw invalidField(`sessions.${i}.to`, 'must be after from');
  });
  const seen = new Set<number>();
  input.districts.forEach((d, i) => {
    if (seen.has(d.districtId)) throw invalidField(`districts.${i}.districtId`, 'is listed twice');
    seen.add(d.districtId);
  });
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const course = await findCourse(trx, input.courseId);
    if (!course?.active) throw invalidField('courseId', 'no such course in the catalogue');
    const room = await trx
      .selectFrom('center_spaces')
      .select(['kind'])
      .where('center_id', '=', input.centerId)
      .where('space_id', '=', input.roomSpaceId)
      .executeTakeFirst();
    if (!room) throw invalidField('roomSpaceId', 'no such room at this centre');
    if (room.kind !== 'training_room') throw invalidField('roomSpaceId', 'must be a training room');
    if (input.trainerId && !(await trainerAssigned(trx, input.trainerId, input.centerId, input.startsOn)))
      throw invalidField('trainerId', 'is not a trainer assigned to this centre');
    const known = await trx
      .selectFrom('districts')
      .select('id')
      .where('id', 'in', [...seen])
      .execute();
    input.districts.forEach((d, i) => {
      if (!known.some((k) => k.id === d.districtId))
        throw invalidField(`districts.${i}.districtId`, 'no such district');
    });
    const weights = input.districts.map((d) => ({
      districtId: d.districtId,
      weight: input.seatRule === 'equal' ? 1 : d.weight,
    }));
    const seats = splitSeats(input.capacity, weights);
    const { cohort_id: cohortId } = await trx
      .insertInto('training_cohorts')
      .values({
        center_id: input.centerId,
        course_id: input.courseId,
        trainer_id: input.trainerId,
        room_space_id: input.roomSpaceId,
        capacity: input.capacity,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        admission_order: input.admissionOrder,
        seat_rule: input.seatRule,
        status: 'open',
        created_by: actor.kind === 'user' ? actor.userId : null,
        created_at: now,
      })
      .returning('cohort_id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('training_cohort_districts')
      .values(
        weights.map((w) => ({
          center_id: input.centerId,
          cohort_id: cohortId,
          district_id: w.districtId,
          weight: w.weight,
          seats: seats.get(w.districtId) ?? 0,
        })),
      )
      .execute();
    for (const s of input.sessions) {
      const start = sessionInstant(s.date, s.from);
      const end = sessionInstant(s.date, s.to);
      const { session_id } = await trx
        .insertInto('training_sessions')
        .values({
          center_id: input.centerId,
          cohort_id: cohortId,
          during: `[${start.toISOString()},${end.toISOString()})`,
          status: 'scheduled',
          attendance_closed_at: null,
        })
        .returning('session_id')
        .executeTakeFirstOrThrow();
      const holdId = await holdRoom(
        trx,
        {
          centerId: input.centerId,
          spaceId: input.roomSpaceId,
          start,
          end,
          purpose: 'training_session',
          refId: session_id,
        },
        now,
      );
      await trx
        .updateTable('training_sessions')
        .set({ hold_id: holdId })
        .where('center_id', '=', input.centerId)
        .where('session_id', '=', session_id)
        .execute();
    }
    const [cohort] = await loadCohorts(trx, { cohortIds: [cohortId] });
    await recordChange(trx, actor, deps.clock, {
      action: 'training.cohort_created',
      entity: 'training_cohort',
      entityId: cohortId,
      after: cohort,
    });
    return cohort!;
  });
}

/** Open cohorts, nearest first when a point is given: what freelancers browse. Public. */
export async function findCohorts(
  deps: Deps,
  q: { latitude?: number; longitude?: number; courseId?: string },
) {
  const near =
    q.latitude !== undefined && q.longitude !== undefined
      ? { latitude: q.latitude, longitude: q.longitude }
      : null;
  const all = await loadCohorts(deps.db, { status: ['open'] }, near);
  return all.filter((c) => !q.courseId || c.course.id === q.courseId).slice(0, 100);
}

export async function getCohort(deps: Deps, cohortId: string): Promise<Cohort> {
  const [c] = await loadCohorts(deps.db, { cohortIds: [cohortId] });
  if (!c) throw notFound('Cohort');
  return c;
}

/** Staff see every cohort; a trainer sees theirs. */
export async function listManagedCohorts(deps: Deps, actor: Actor): Promise<Cohort[]> {
  requireUser(actor);
  if (canReadAll(actor)) return loadCohorts(deps.db, {});
  if (actor.role === 'trainer') return loadCohorts(deps.db, { trainerId: actor.userId });
  throw new AppError('forbidden', 'Only programme staff and trainers manage cohorts');
}

async function sessionWithCohort(trx: Deps['db'], sessionId: string) {
  const s = await trx
    .selectFrom('training_sessions')
    .selectAll()
    .select(sql<Date>`lower(during)`.as('starts_at'))
    .where('session_id', '=', sessionId)
    .forUpdate()
    .executeTakeFirst();
  if (!s) throw notFound('Session');
  const cohort = (await findCohortRow(trx, s.cohort_id))!;
  return { s, cohort };
}

/**
 * The trainer (or staff) says what became of a session: held (it took place; attendance can be
 * closed afterwards), cancelled (its room is given back), or closes its attendance (held with
 * attendance recorded: what the stipend needs).
 */
export async function updateSession(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  action: 'held' | 'cancelled' | 'close_attendance',
) {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const { s, cohort } = await sessionWithCohort(trx, sessionId);
    requireCohortRunner(actor, cohort);
    const start = new Date(s.starts_at);
    if (action !== 'cancelled' && now < start)
      throw new AppError('invalid_state', 'The session has not started yet');
    if (action === 'cancelled') {
      if (s.status !== 'scheduled') throw new AppError('invalid_state', `The session is ${s.status}`);
      // A trainer cannot turn a session they did not hold into one that "does not count" after the
      // fact (stipends count held sessions); once it has started only staff can cancel it.
      if (now >= start && !isStaff(actor))
        throw new AppError(
          'invalid_state',
          'The session has started; only programme staff can cancel it now (ask them, with the reason)',
        );
      if (s.hold_id) await releaseRoomHold(trx, s.center_id, s.hold_id);
    }
    if (action === 'close_attendance' && s.status === 'cancelled')
      throw new AppError('invalid_state', 'The session was cancelled');
    if (action === 'close_attendance' && !s.attendance_closed_at) {
      // A closed register says something about everyone admitted: present (QR or by hand) or absent.
      const unmarked = await trx
        .selectFrom('training_enrolments as e')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('e.center_id', '=', s.center_id)
        .where('e.cohort_id', '=', s.cohort_id)
        .where('e.status', '=', 'admitted')
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('training_attendance as a')
                .select('a.enrolment_id')
                .where('a.center_id', '=', s.center_id)
                .where('a.session_id', '=', sessionId)
                .whereRef('a.enrolment_id', '=', 'e.enrolment_id'),
            ),
          ),
        )
        .executeTakeFirstOrThrow();
      if (Number(unmarked.n) > 0)
        throw new AppError(
          'invalid_state',
          `${Number(unmarked.n)} admitted trainee(s) have no mark for this session: mark each present or absent before closing the register`,
        );
    }
    const set =
      action === 'cancelled'
        ? { status: 'cancelled' as const, hold_id: null }
        : action === 'held'
          ? { status: 'held' as const }
          : { status: 'held' as const, attendance_closed_at: s.attendance_closed_at ?? now };
    await trx
      .updateTable('training_sessions')
      .set(set)
      .where('center_id', '=', s.center_id)
      .where('session_id', '=', sessionId)
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: `training.session_${action}`,
      entity: 'training_session',
      entityId: sessionId,
      details: { cohortId: s.cohort_id, day: karachiDate(start) },
    });
    return { id: sessionId, status: set.status };
  });
}

import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { type Actor, actorRole } from '../../platform/actor.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { findCohortRow } from './training.repository.ts';

type Db = Kysely<Database>;

export const isStaff = (actor: Actor) => actor.kind === 'system' || actorRole(actor) === 'program_admin';
export const canReadAll = (actor: Actor) => isStaff(actor) || actorRole(actor) === 'auditor';

/** Whether the trainer is assigned to the centre on `day` (YYYY-MM-DD). */
export async function trainerAssigned(
  db: Kysely<Database>,
  trainerId: string,
  centerId: string,
  day: string,
) {
  const row = await db
    .selectFrom('trainer_assignments')
    .select('trainer_id')
    .where('center_id', '=', centerId)
    .where('trainer_id', '=', trainerId)
    .where('starts_on', '<=', day)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', day)]))
    .executeTakeFirst();
  return Boolean(row);
}

/** Staff, or the cohort's own trainer: who runs a cohort's sessions, attendance and assessments. */
export function requireCohortRunner(actor: Actor, cohort: { trainer_id: string | null }) {
  if (isStaff(actor)) return;
  if (actor.kind === 'user' && actor.role === 'trainer' && cohort.trainer_id === actor.userId) return;
  if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Please log in first');
  throw new AppError('forbidden', 'Only programme staff or this cohort’s trainer can do this');
}

/** The person acting, or null for the system (the demo, jobs). */
export const actingUserId = (actor: Actor): string | null => (actor.kind === 'user' ? actor.userId : null);

/** Refuses the anonymous; people and the system pass (services check roles and ownership next). */
export function requireSomeone(actor: Actor) {
  if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Please log in first');
}

/** Refuses a change to an enrolment that is not (or no longer) admitted to its cohort. */
export function requireAdmitted(e: { status: string }) {
  if (e.status !== 'admitted') throw new AppError('invalid_state', `This enrolment is ${e.status}`);
}

/**
 * An admitted enrolment locked for a change by whoever runs its cohort (staff or its trainer):
 * the row, or 404 / 403 / 409.
 */
export async function lockRunnersEnrolment(trx: Db, actor: Actor, enrolmentId: string) {
  const e = await trx
    .selectFrom('training_enrolments')
    .selectAll()
    .where('enrolment_id', '=', enrolmentId)
    .forUpdate()
    .executeTakeFirst();
  if (!e) throw notFound('Enrolment');
  requireCohortRunner(actor, (await findCohortRow(trx, e.cohort_id))!);
  requireAdmitted(e);
  return e;
}

import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { type Actor, actorRole } from '../../platform/actor.ts';
import { AppError } from '../../shared/errors.ts';

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

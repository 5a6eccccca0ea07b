import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { type Actor, actorRole } from '../../platform/actor.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { lockCenter } from './centers.repository.ts';

export type CenterRecord = NonNullable<Awaited<ReturnType<typeof lockCenter>>>;

/** Programme staff who may act on any centre. */
export const isCenterAdmin = (actor: Actor) =>
  actor.kind === 'system' || actorRole(actor) === 'program_admin';

/** Staff who may read any centre, whatever its state. */
export const canReadAnyCenter = (actor: Actor) => isCenterAdmin(actor) || actorRole(actor) === 'auditor';

export const ownsCenter = (actor: Actor, center: { owner_id: string }) =>
  actor.kind === 'user' && actor.userId === center.owner_id;

/**
 * Locks the centre and checks that the actor runs it (its owner) or is a programme admin.
 * Another owner gets 403: centres are public records, so their existence is no secret.
 */
export async function lockManagedCenter(trx: Kysely<Database>, actor: Actor, centerId: string) {
  const center = await lockCenter(trx, centerId);
  if (!center) throw notFound('Centre');
  if (!isCenterAdmin(actor) && !ownsCenter(actor, center)) {
    throw new AppError('forbidden', 'Only the owner of this centre or a programme admin may change it');
  }
  return center;
}

import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, actorRole, requireRole } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { assertInPakistan, getCity } from '../geo/index.ts';
import { canReadAnyCenter, isCenterAdmin, lockManagedCenter, ownsCenter } from './center-access.ts';
import { centreBecameOperational } from './centers.events.ts';
import * as repo from './centers.repository.ts';
import type {
  Center,
  CenterListQuery,
  CenterSummary,
  CreateCenterInput,
  UpdateCenterInput,
} from './centers.schema.ts';

async function cityOf(deps: Deps, cityId: number) {
  try {
    return await getCity(deps, cityId);
  } catch {
    throw invalidField('cityId', 'no such city');
  }
}

/** A programme admin registers a centre: a selected building, or one already running. */
export async function createCenter(deps: Deps, actor: Actor, input: CreateCenterInput): Promise<Center> {
  requireRole(actor, 'program_admin');
  assertInPakistan(input.latitude, input.longitude, 'latitude');
  const city = await cityOf(deps, input.cityId);
  const owner = await deps.db
    .selectFrom('users')
    .select(['id', 'role', 'status'])
    .where('id', '=', input.ownerId)
    .executeTakeFirst();
  if (owner?.role !== 'owner') throw invalidField('ownerId', 'must be an owner account');
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const { center_id } = await trx
      .insertInto('centers')
      .values({
        owner_id: input.ownerId,
        application_id: input.applicationId ?? null,
        name_en: input.nameEn,
        name_ur: input.nameUr ?? null,
        address: input.address,
        city_id: city.id,
        province_code: city.provinceCode,
        latitude: input.latitude,
        longitude: input.longitude,
        status: input.status,
        status_reason: input.status === 'operational' ? 'Registered as an existing centre' : null,
        status_changed_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning('center_id')
      .executeTakeFirstOrThrow();
    const center = (await repo.loadCenter(trx, center_id))!;
    await recordChange(trx, actor, deps.clock, {
      action: 'center.created',
      entity: 'center',
      entityId: center_id,
      after: center,
      details: { status: input.status, cityId: city.id },
    });
    // A centre registered as already running opens as surely as one that passed its inspection:
    // the same event, so freelancers nearby are told and the public figures refresh.
    if (input.status === 'operational')
      await emitEvent(trx, deps, centreBecameOperational, { centerId: center_id, from: 'registered' }, actor);
    return center;
  });
}

/** The public sees operational centres; owners their own; staff every centre. */
export async function getCenter(deps: Deps, actor: Actor, centerId: string): Promise<Center> {
  const center = await repo.loadCenter(deps.db, centerId);
  if (!center) throw notFound('Centre');
  const visible =
    center.status === 'operational' ||
    canReadAnyCenter(actor) ||
    ownsCenter(actor, { owner_id: center.ownerId });
  if (!visible) throw notFound('Centre');
  return center;
}

export async function listCenters(
  deps: Deps,
  actor: Actor,
  query: CenterListQuery,
): Promise<{ items: CenterSummary[]; total: number }> {
  const role = actorRole(actor);
  const mineOnly = query.mine && actor.kind === 'user';
  const staff = canReadAnyCenter(actor);
  return repo.listCenters(deps.db, {
    ...query,
    ownerId: mineOnly ? actor.userId : null,
    // An owner listing their own centres sees every state; everyone else sees operational ones.
    statuses: staff || (mineOnly && role === 'owner') ? null : ['operational'],
    status: staff || mineOnly ? query.status : undefined,
  });
}

export async function updateCenter(
  deps: Deps,
  actor: Actor,
  centerId: string,
  input: UpdateCenterInput,
): Promise<Center> {
  requireRole(actor, 'owner', 'program_admin');
  const city = input.cityId !== undefined ? await cityOf(deps, input.cityId) : undefined;
  return inTransaction(deps.db, async (trx) => {
    const current = await lockManagedCenter(trx, actor, centerId);
    if (current.status === 'closed') throw new AppError('invalid_state', 'A closed centre cannot be changed');
    const lat = input.latitude ?? current.latitude;
    const lng = input.longitude ?? current.longitude;
    if (input.latitude !== undefined || input.longitude !== undefined) assertInPakistan(lat, lng, 'latitude');
    const before = await repo.loadCenter(trx, centerId);
    await trx
      .updateTable('centers')
      .set({
        ...(input.nameEn !== undefined ? { name_en: input.nameEn } : {}),
        ...(input.nameUr !== undefined ? { name_ur: input.nameUr } : {}),
        ...(input.address !== undefined ? { address: input.address } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(city ? { city_id: city.id, province_code: city.provinceCode } : {}),
        latitude: lat,
        longitude: lng,
        updated_at: deps.clock.now(),
      })
      .where('center_id', '=', centerId)
      .execute();
    const after = (await repo.loadCenter(trx, centerId))!;
    await recordChange(trx, actor, deps.clock, {
      action: 'center.updated',
      entity: 'center',
      entityId: centerId,
      before,
      after,
    });
    return after;
  });
}

export { isCenterAdmin };

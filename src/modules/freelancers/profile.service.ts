import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, actorRole, requireRole, requireUser } from '../../platform/actor.ts';
import { recordRead } from '../../platform/data-access.ts';
import { recordChange } from '../../platform/record-change.ts';
import { invalidField, notFound } from '../../shared/errors.ts';
import { getCity } from '../geo/index.ts';
import type { FreelancerProfile, UpdateFreelancerProfileInput } from './freelancers.schema.ts';
import type { EarningsPlatform } from './freelancers.table.ts';

async function loadProfile(db: Deps['db'], userId: string): Promise<FreelancerProfile | undefined> {
  const row = await db
    .selectFrom('users as u')
    .leftJoin('freelancer_profiles as p', 'p.user_id', 'u.id')
    .leftJoin('cities as c', 'c.id', 'p.home_city_id')
    .select([
      'u.id',
      'u.name',
      'u.cnic',
      'u.role',
      'p.skills',
      'p.platforms',
      'p.portfolio_url',
      'p.home_city_id',
      'c.name_en as city_name',
      'p.bio',
      'p.gender',
      'p.updated_at',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (row?.role !== 'freelancer') return undefined;
  return {
    userId: row.id,
    name: row.name,
    cnicOnFile: Boolean(row.cnic),
    skills: row.skills ?? [],
    platforms: (row.platforms ?? []) as EarningsPlatform[],
    portfolioUrl: row.portfolio_url,
    homeCityId: row.home_city_id,
    homeCityName: row.city_name,
    bio: row.bio,
    gender: row.gender ?? null,
    updatedAt: row.updated_at?.toISOString() ?? null,
  };
}

/** A freelancer reads their own profile; programme staff read anyone's. */
export async function getFreelancerProfile(
  deps: Deps,
  actor: Actor,
  userId: string,
  purpose?: string,
): Promise<FreelancerProfile> {
  requireUser(actor);
  const role = actorRole(actor);
  if (actor.userId !== userId && role !== 'program_admin' && role !== 'auditor') throw notFound('Profile');
  const p = await loadProfile(deps.db, userId);
  if (!p) throw notFound('Profile');
  await recordRead(deps.db, deps.clock, actor, {
    subjectUserId: userId,
    fields: ['profile'],
    purpose,
    via: 'profile',
  });
  return p;
}

export async function updateFreelancerProfile(
  deps: Deps,
  actor: Actor,
  input: UpdateFreelancerProfileInput,
): Promise<FreelancerProfile> {
  requireRole(actor, 'freelancer');
  requireUser(actor);
  if (input.homeCityId !== null) {
    await getCity(deps, input.homeCityId).catch(() => {
      throw invalidField('homeCityId', 'no such city');
    });
  }
  const skills = [...new Set(input.skills)];
  const platforms = [...new Set(input.platforms)];
  return inTransaction(deps.db, async (trx) => {
    const before = await loadProfile(trx, actor.userId);
    const values = {
      skills,
      platforms,
      portfolio_url: input.portfolioUrl,
      home_city_id: input.homeCityId,
      bio: input.bio,
      ...(input.gender !== undefined ? { gender: input.gender } : {}),
      updated_at: deps.clock.now(),
    };
    await trx
      .insertInto('freelancer_profiles')
      .values({ user_id: actor.userId, ...values })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
      .execute();
    const after = (await loadProfile(trx, actor.userId))!;
    await recordChange(trx, actor, deps.clock, {
      action: 'freelancer.profile_updated',
      entity: 'user',
      entityId: actor.userId,
      before,
      after,
    });
    return after;
  });
}

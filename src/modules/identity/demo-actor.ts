import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import type { OrganizationId, UserId } from '../../shared/ids.ts';
import { emailIndex } from './identity.pii.ts';

/**
 * The actor a demo step acts as: a demo account found by its email (through the keyed blind
 * index, since emails are sealed) or by its id. One helper for every area's demo (calls, loans,
 * claims, fund): each area reaches it through identity's index.ts, as the boundaries require.
 */
export async function demoActor(
  deps: Pick<Deps, 'db' | 'config'>,
  who: string | { id: string },
): Promise<Actor & { kind: 'user' }> {
  const byEmail = typeof who === 'string' ? await emailIndex(deps, who) : null;
  const u = await deps.db
    .selectFrom('users')
    .select(['id', 'role', 'organization_id'])
    .where((eb) => (byEmail ? eb('email_bidx', '=', byEmail) : eb('id', '=', (who as { id: string }).id)))
    .executeTakeFirstOrThrow();
  return {
    kind: 'user',
    userId: u.id as UserId,
    role: u.role,
    organizationId: u.organization_id as OrganizationId | null,
  };
}

import { timingSafeEqual } from 'node:crypto';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import type { OrganizationId, UserId } from '../../shared/ids.ts';
import { sessionTokenHash } from './sign-in.ts';
import { pruneBrowsers } from './sign-in-browser.ts';
import { pruneThrottle } from './sign-in-throttle.ts';

export { SESSION_COOKIE } from '../../platform/session-cookie.ts';

export async function logout(deps: Deps, actor: Actor, token: string): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    const res = await trx
      .deleteFrom('sessions')
      .where('token_hash', '=', sessionTokenHash(token))
      .returning('user_id')
      .executeTakeFirst();
    if (res)
      await recordChange(trx, actor, deps.clock, {
        action: 'session.ended',
        entity: 'user',
        entityId: res.user_id,
      });
  });
}

export type SessionActor = { actor: Extract<Actor, { kind: 'user' }>; csrfToken: string; expiresAt: Date };

/**
 * Resolves a session cookie to its user, or null when missing, expired, still waiting for its
 * second factor, or the user is disabled.
 */
export async function authenticateSession(deps: Deps, token: string): Promise<SessionActor | null> {
  if (!token || token.length > 100) return null;
  const row = await deps.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'users.id',
      'users.role',
      'users.organization_id',
      'users.status',
      'sessions.csrf_token',
      'sessions.expires_at',
    ])
    .where('sessions.token_hash', '=', sessionTokenHash(token))
    // A password-only session of a privileged account is nobody until it passes the second factor.
    .where('sessions.factor_stage', 'is', null)
    .executeTakeFirst();
  if (!row || row.expires_at <= deps.clock.now() || row.status !== 'active') return null;
  return {
    actor: {
      kind: 'user',
      userId: row.id as UserId,
      role: row.role,
      organizationId: row.organization_id as OrganizationId | null,
    },
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
  };
}

export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function pruneExpiredSessions(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const res = await deps.db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
  await pruneThrottle(deps.db, now);
  await pruneBrowsers(deps.db, now);
  await deps.db.deleteFrom('pending_registrations').where('expires_at', '<', now).execute();
  await deps.db
    .deleteFrom('account_tokens')
    .where('expires_at', '<', new Date(now.getTime() - 7 * 24 * 3600_000))
    .execute();
  return Number(res.numDeletedRows);
}

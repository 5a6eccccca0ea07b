import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { consumeRateLimit } from '../../db/rate-limit.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError } from '../../shared/errors.ts';
import type { OrganizationId, UserId } from '../../shared/ids.ts';
import * as repo from './identity.repository.ts';
import { normalizeEmail } from './identity.rules.ts';
import type { LoginInput, User } from './identity.schema.ts';
import { dummyHash, hashPassword, needsRehash, padToCost, verifyPassword } from './password.ts';

export { SESSION_COOKIE } from '../../platform/session-cookie.ts';

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export type LoginResult = { token: string; csrfToken: string; expiresAt: Date; user: User };

const invalid = () => new AppError('invalid_credentials', 'The email or password is wrong');

/**
 * Logs in with email and password. Repeated failures lock the account for a while; attempts are
 * also limited per client address. Every outcome on a real account is audited.
 */
export async function login(
  deps: Deps,
  actor: Actor,
  input: LoginInput,
  client: { ip?: string | undefined; userAgent?: string | undefined } = {},
): Promise<LoginResult> {
  const now = deps.clock.now();
  const email = normalizeEmail(input.email);
  const perIp = await consumeRateLimit(
    deps.db,
    `login:ip:${client.ip ?? 'unknown'}`,
    deps.config.rateLimitPerMinute,
    60,
    now,
  );
  if (!perIp.allowed) {
    throw new AppError('rate_limited', 'Too many login attempts from here; wait a minute', {
      retryAfterSeconds: perIp.retryAfterSeconds,
    });
  }
  const cost = deps.config.scryptCost;
  const row = await repo.findUserRowByEmail(deps.db, email);
  if (!row) {
    // The same work as checking a real account's password at the current cost.
    await verifyPassword(input.password, await dummyHash(cost));
    throw invalid();
  }
  if (row.locked_until && row.locked_until > now) {
    const retryAfterSeconds = Math.ceil((row.locked_until.getTime() - now.getTime()) / 1000);
    throw new AppError('account_locked', 'Too many failed attempts; this account is locked for a while', {
      retryAfterSeconds,
    });
  }
  const ok = await verifyPassword(input.password, row.password_hash);
  // A hash made at a lower cost is upgraded on success (below); a wrong password on it is padded to
  // the work of one check at the current cost, so a failed sign-in takes the same time whatever
  // the account's hash (or whether there is an account).
  const rehash = needsRehash(row.password_hash, cost);
  if (!ok) {
    if (rehash) await padToCost(input.password, row.password_hash, cost);
    const failures = row.failed_logins + 1;
    const lock = failures >= deps.config.loginMaxFailures;
    const lockedUntil = lock ? new Date(now.getTime() + deps.config.loginLockMinutes * 60_000) : null;
    await inTransaction(deps.db, async (trx) => {
      await trx
        .updateTable('users')
        .set({ failed_logins: lock ? 0 : failures, locked_until: lockedUntil })
        .where('id', '=', row.id)
        .execute();
      await recordChange(trx, actor, deps.clock, {
        action: lock ? 'user.locked' : 'user.login_failed',
        entity: 'user',
        entityId: row.id,
        details: { failures },
      });
    });
    if (lock) {
      throw new AppError('account_locked', 'Too many failed attempts; this account is locked for a while', {
        retryAfterSeconds: deps.config.loginLockMinutes * 60,
      });
    }
    throw invalid();
  }
  if (row.status !== 'active')
    throw new AppError('forbidden', 'This account is disabled; contact the programme office');

  const upgradedHash = rehash ? await hashPassword(input.password, cost) : null;
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + deps.config.sessionHours * 3600_000);
  await inTransaction(deps.db, async (trx) => {
    await trx
      .insertInto('sessions')
      .values({
        token_hash: tokenHash(token),
        user_id: row.id,
        csrf_token: csrfToken,
        created_at: now,
        expires_at: expiresAt,
        ip: client.ip ?? null,
        user_agent: client.userAgent?.slice(0, 300) ?? null,
      })
      .execute();
    if (row.failed_logins > 0 || row.locked_until || upgradedHash) {
      await trx
        .updateTable('users')
        .set({
          failed_logins: 0,
          locked_until: null,
          ...(upgradedHash ? { password_hash: upgradedHash } : {}),
        })
        .where('id', '=', row.id)
        .execute();
    }
    const loggedIn: Actor = {
      kind: 'user',
      userId: row.id as UserId,
      role: row.role,
      organizationId: row.organization_id as OrganizationId | null,
      requestId: actor.requestId,
    };
    await recordChange(trx, loggedIn, deps.clock, {
      action: 'session.created',
      entity: 'user',
      entityId: row.id,
      ...(upgradedHash ? { details: { passwordRehashed: true } } : {}),
    });
  });
  return { token, csrfToken, expiresAt, user: repo.toUser(row) };
}

export async function logout(deps: Deps, actor: Actor, token: string): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    const res = await trx
      .deleteFrom('sessions')
      .where('token_hash', '=', tokenHash(token))
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

/** Resolves a session cookie to its user, or null when missing, expired or the user is disabled. */
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
    .where('sessions.token_hash', '=', tokenHash(token))
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
  const res = await deps.db
    .deleteFrom('sessions')
    .where('expires_at', '<', deps.clock.now())
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

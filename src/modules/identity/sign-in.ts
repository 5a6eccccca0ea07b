import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { consumeRateLimit } from '../../db/rate-limit.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { piiCipher } from '../../platform/keys/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { addressKey } from '../../shared/client-address.ts';
import { AppError } from '../../shared/errors.ts';
import type { OrganizationId, UserId } from '../../shared/ids.ts';
import { findAccountByContact, parseContact } from './account-lookup.ts';
import { factorStageFor } from './factor-stage.ts';
import { toUser, type UserRow } from './identity.repository.ts';
import type { User } from './identity.schema.ts';
import { dummyHash, hashPassword, needsRehash, padToCost, verifyPassword } from './password.ts';
import { deviceName, localTime, tellOwner } from './security-messages.ts';
import { rememberBrowser } from './sign-in-browser.ts';
import {
  accountSubject,
  clearAddress,
  lockedUntil,
  recordFailure,
  typedSubject,
} from './sign-in-throttle.ts';
import { trustedDeviceOf } from './trusted-device.service.ts';

/**
 * The one sign-in pipeline. Every way in (the login form, the end of registration) meets here:
 *
 *   1. limit attempts per client address;
 *   2. find the account by what was typed (email, mobile or CNIC: findAccountByContact);
 *   3. refuse a locked (subject, address) pair, known or unknown alike;
 *   4. check the password with the same work whether or not there is an account;
 *   5. count a failure (and tell the owner when it starts a lock), or
 *   6. → `afterPassword`: the seam for a second factor (issue #22), then the session.
 *
 * Answers: a wrong password and an unknown account both give 401 `invalid_credentials` with the
 * same words, and both lock (423, same Retry-After) after the same number of failures from one
 * address, because unknown logins are counted under a hash of what was typed. Work: one scrypt at
 * the current cost on every path that reaches step 4.
 */
export type Client = {
  ip?: string | undefined;
  userAgent?: string | undefined;
  /** The browser's trusted-device token (cookie `markaz_device`), read only after the password. */
  deviceToken?: string | undefined;
  /** The browser's sign-in cookie (`markaz_browser`, decision 0081): kept at sign-in, read by resets. */
  browserToken?: string | undefined;
};
export type FactorStage = 'code' | 'enrol';
/** `secondFactor` set: the session reaches only the second-factor step (factor.service.ts). */
export type LoginResult = {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: User;
  secondFactor?: FactorStage;
  /** Set when the code step trusted this browser: the token for its cookie (decision 0077). */
  trustedDevice?: { token: string; expiresAt: Date };
  /** Set when the sign-in completed: the browser's sign-in cookie (sign-in-browser.ts). */
  browser?: { token: string; expiresAt: Date };
};

const invalid = () => new AppError('invalid_credentials', 'The email, mobile, CNIC or password is wrong');
const locked = (until: Date, now: Date) =>
  new AppError(
    'account_locked',
    'Too many wrong passwords from here; wait, or reset your password to get in at once',
    { retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)) },
  );

/** How long a password-only session has to pass the second factor (or enrol one). */
export const FACTOR_STEP_MINUTES = 15;

const tooMany = (retryAfterSeconds: number) =>
  new AppError('rate_limited', 'Too many sign-in attempts from here; wait a minute', { retryAfterSeconds });

export const sessionTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
/** Locks and limits count an IPv6 client by its /64 (shared/client-address.ts). */
export const addressOf = (client: Client) => addressKey(client.ip);

export async function signIn(
  deps: Deps,
  actor: Actor,
  input: { login: string; password: string },
  client: Client = {},
): Promise<LoginResult> {
  const now = deps.clock.now();
  const address = addressOf(client);
  const perIp = await consumeRateLimit(
    deps.db,
    `login:ip:${address}`,
    deps.config.rateLimitPerMinute,
    60,
    now,
  );
  if (!perIp.allowed) throw tooMany(perIp.retryAfterSeconds);

  const contact = parseContact(input.login);
  const pii = await piiCipher(deps);
  const account = contact ? await findAccountByContact(deps.db, pii, contact) : undefined;
  const subject = account ? accountSubject(account.id) : typedSubject(pii, contact?.value ?? input.login);
  const lock = await lockedUntil(deps.db, subject, address, now);
  if (lock) throw locked(lock, now);

  const ok = await checkPassword(deps, account, input.password);
  if (!account || !ok) {
    const rules = { maxFailures: deps.config.loginMaxFailures, lockMinutes: deps.config.loginLockMinutes };
    const failure = await inTransaction(deps.db, async (trx) => {
      const f = await recordFailure(trx, rules, subject, address, now);
      // The same writes for an unknown login: its failure is audited under what was typed.
      if (account) await recordAccountFailure(deps, trx, actor, account, f, address);
      else
        await recordChange(trx, actor, deps.clock, {
          action: f.lockedUntil ? 'login.locked' : 'login.failed',
          entity: 'login',
          entityId: subject,
          details: { address, ...(f.lockedUntil ? { until: f.lockedUntil.toISOString() } : {}) },
        });
      return f;
    });
    if (failure.lockedUntil) throw locked(failure.lockedUntil, now);
    throw invalid();
  }
  if (account.status !== 'active')
    throw new AppError('forbidden', 'This account is disabled; contact the programme office');
  return afterPassword(deps, actor, account, input.password, client);
}

/**
 * A password typed by someone already signed in (change password, change a contact): limited per
 * address and locked per (account, address) exactly as sign-in is, on the same counters, so a
 * stolen session cannot guess the password behind it faster than the login form could.
 */
export async function confirmPassword(
  deps: Deps,
  actor: Actor,
  account: UserRow,
  input: { password: string; field: string },
  client: Client,
): Promise<void> {
  const now = deps.clock.now();
  const address = addressOf(client);
  const perIp = await consumeRateLimit(
    deps.db,
    `login:ip:${address}`,
    deps.config.rateLimitPerMinute,
    60,
    now,
  );
  if (!perIp.allowed) throw tooMany(perIp.retryAfterSeconds);
  const subject = accountSubject(account.id);
  const lock = await lockedUntil(deps.db, subject, address, now);
  if (lock) throw locked(lock, now);
  if (await verifyPassword(input.password, account.password_hash)) return;
  const rules = { maxFailures: deps.config.loginMaxFailures, lockMinutes: deps.config.loginLockMinutes };
  const failure = await inTransaction(deps.db, async (trx) => {
    const f = await recordFailure(trx, rules, subject, address, now);
    await recordAccountFailure(deps, trx, actor, account, f, address);
    return f;
  });
  if (failure.lockedUntil) throw locked(failure.lockedUntil, now);
  throw new AppError('invalid_credentials', `${input.field}: is wrong`, {
    fields: [{ path: input.field, message: 'is wrong', rule: 'wrong_password' }],
  });
}

/** Step 4: the same scrypt work for a real hash, an old cheaper hash, and no account at all. */
async function checkPassword(deps: Deps, account: UserRow | undefined, password: string): Promise<boolean> {
  const cost = deps.config.scryptCost;
  if (!account) {
    await verifyPassword(password, await dummyHash(cost));
    return false;
  }
  const ok = await verifyPassword(password, account.password_hash);
  if (!ok && needsRehash(account.password_hash, cost)) await padToCost(password, account.password_hash, cost);
  return ok;
}

async function recordAccountFailure(
  deps: Deps,
  trx: Kysely<Database>,
  actor: Actor,
  account: UserRow,
  f: { lockedUntil: Date | null; lockouts: number },
  address: string,
): Promise<void> {
  await recordChange(trx, actor, deps.clock, {
    action: f.lockedUntil ? 'user.locked' : 'user.login_failed',
    entity: 'user',
    entityId: account.id,
    details: { address, ...(f.lockedUntil ? { until: f.lockedUntil.toISOString() } : {}) },
  });
  if (f.lockedUntil)
    await tellOwner(
      deps,
      trx,
      account.id,
      'security.account_locked',
      { until: localTime(deps, f.lockedUntil), address },
      `locked:${address}`,
    );
}

/**
 * The second factor (issue #22, decision 0040). It is reached only with the right password for an
 * active account, so whatever it asks adds no difference between known and unknown accounts on
 * the steps before it. A privileged account (staff, evaluators, auditors, bank officers) gets a
 * short session that reaches only the code step, or the enrolment when it has no authenticator
 * yet; factor.service.ts turns it into a full session. Everyone else goes straight in.
 */
async function afterPassword(
  deps: Deps,
  actor: Actor,
  account: UserRow,
  password: string,
  client: Client,
): Promise<LoginResult> {
  const cost = deps.config.scryptCost;
  const upgradedHash = needsRehash(account.password_hash, cost) ? await hashPassword(password, cost) : null;
  const factorStage = await factorStageFor(deps.db, account);
  // A browser this account trusted at an earlier code step skips the code until it expires.
  const trustedDevice =
    factorStage === 'code' ? await trustedDeviceOf(deps, account, client.deviceToken) : null;
  return startSession(deps, actor, account, client, {
    upgradedHash,
    factorStage: trustedDevice ? null : factorStage,
    trustedDevice,
  });
}

/**
 * Opens a session for an account whose owner has proved who they are (a password, or the code
 * that ends a registration), starts the address's failure count again, and tells the owner when
 * the sign-in comes from a browser and address the account has not used before.
 */
export async function startSession(
  deps: Deps,
  actor: Actor,
  account: UserRow,
  client: Client,
  opts: {
    upgradedHash?: string | null;
    trx?: Kysely<Database>;
    factorStage?: FactorStage | null;
    trustedDevice?: string | null;
  } = {},
): Promise<LoginResult> {
  const now = deps.clock.now();
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const stage = opts.factorStage ?? null;
  const expiresAt = new Date(
    now.getTime() + (stage ? FACTOR_STEP_MINUTES * 60_000 : deps.config.sessionHours * 3600_000),
  );
  const work = async (trx: Kysely<Database>) => {
    // Checked again right before the session: a lock set by requests that failed while this one
    // was checking its password (scrypt takes a while) holds.
    const lock = await lockedUntil(trx, accountSubject(account.id), addressOf(client), now);
    if (lock) throw locked(lock, now);
    await trx
      .insertInto('sessions')
      .values({
        token_hash: sessionTokenHash(token),
        user_id: account.id,
        csrf_token: csrfToken,
        created_at: now,
        expires_at: expiresAt,
        ip: client.ip ?? null,
        user_agent: client.userAgent?.slice(0, 300) ?? null,
        factor_stage: stage,
      })
      .execute();
    await clearAddress(trx, accountSubject(account.id), addressOf(client));
    if (opts.upgradedHash)
      await trx
        .updateTable('users')
        .set({ password_hash: opts.upgradedHash })
        .where('id', '=', account.id)
        .execute();
    const loggedIn: Actor = {
      kind: 'user',
      userId: account.id as UserId,
      role: account.role,
      organizationId: account.organization_id as OrganizationId | null,
      requestId: actor.requestId,
    };
    if (opts.trustedDevice)
      await trx
        .updateTable('trusted_devices')
        .set({ last_used_at: now })
        .where('id', '=', opts.trustedDevice)
        .execute();
    const details = {
      ...(opts.upgradedHash ? { passwordRehashed: true } : {}),
      ...(opts.trustedDevice ? { trustedDevice: opts.trustedDevice } : {}),
      ...(stage ? { secondFactor: stage } : {}),
    };
    await recordChange(trx, loggedIn, deps.clock, {
      action: stage ? 'session.password_passed' : 'session.created',
      entity: 'user',
      entityId: account.id,
      ...(Object.keys(details).length ? { details } : {}),
    });
    // A new device is told about, and the browser remembered, once the sign-in is complete.
    if (stage) return undefined;
    await noteDevice(deps, trx, account.id, client, now);
    return rememberBrowser(deps, trx, account.id, client.browserToken);
  };
  const browser = opts.trx ? await work(opts.trx) : await inTransaction(deps.db, work);
  return {
    token,
    csrfToken,
    expiresAt,
    user: toUser(account),
    ...(stage ? { secondFactor: stage } : {}),
    ...(browser ? { browser } : {}),
  };
}

/** Remembers the (address, browser) pair; a new one on an account that has signed in before is told. */
async function noteDevice(
  deps: Deps,
  trx: Kysely<Database>,
  userId: string,
  client: Client,
  now: Date,
): Promise<void> {
  const fingerprint = createHash('sha256')
    .update(`${client.ip ?? ''}\n${client.userAgent ?? ''}`)
    .digest('hex');
  const seen = await trx
    .updateTable('sign_in_devices')
    .set({ last_seen_at: now })
    .where('user_id', '=', userId)
    .where('fingerprint', '=', fingerprint)
    .returning('user_id')
    .executeTakeFirst();
  if (seen) return;
  const before = await trx
    .selectFrom('sign_in_devices')
    .select('user_id')
    .where('user_id', '=', userId)
    .limit(1)
    .executeTakeFirst();
  await trx
    .insertInto('sign_in_devices')
    .values({ user_id: userId, fingerprint, first_seen_at: now, last_seen_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'fingerprint']).doNothing())
    .execute();
  if (before)
    await tellOwner(
      deps,
      trx,
      userId,
      'security.new_sign_in',
      { address: client.ip ?? 'unknown', device: deviceName(client.userAgent) },
      `device:${fingerprint}`,
    );
}

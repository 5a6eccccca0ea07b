import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireUser } from '../../platform/actor.ts';
import { piiCipher } from '../../platform/keys/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError } from '../../shared/errors.ts';
import {
  matchingStep,
  newRecoveryCodes,
  newTotpSecret,
  openSecret,
  otpauthUri,
  recoveryCodeHasher,
  sealSecret,
} from './factor-secret.ts';
import { needsSecondFactor } from './factor-stage.ts';
import { findUserRowById, type UserRow } from './identity.repository.ts';
import { tellOwner } from './security-messages.ts';
import { type Client, type LoginResult, sessionTokenHash, startSession } from './sign-in.ts';
import { clearAddress, lockedUntil, recordFailure } from './sign-in-throttle.ts';
import { trustDevice } from './trusted-device.service.ts';

/**
 * The second step of sign-in for privileged accounts (decision 0040). A password-only session
 * (`sessions.factor_stage`) reaches only these functions; each success ends it and opens a full
 * session with a new token. Wrong codes count per (account, client address) like wrong passwords,
 * under their own subject, so a stranger's guesses lock only the stranger's address.
 */
export type Pending = { account: UserRow; stage: 'code' | 'enrol'; csrfToken: string };

const factorSubject = (userId: string) => `factor:${userId}`;
const addressOf = (client: Client) => client.ip ?? 'unknown';
const noPending = () =>
  new AppError('unauthenticated', 'Sign in with your password first; the code step has expired');

/** The password-only session behind a cookie, or a 401. */
export async function pendingSession(deps: Deps, token: string | undefined): Promise<Pending> {
  if (!token || token.length > 100) throw noPending();
  const row = await deps.db
    .selectFrom('sessions')
    .select(['user_id', 'factor_stage', 'csrf_token', 'expires_at'])
    .where('token_hash', '=', sessionTokenHash(token))
    .executeTakeFirst();
  if (!row?.factor_stage || row.expires_at <= deps.clock.now()) throw noPending();
  const account = await findUserRowById(deps.db, await piiCipher(deps), row.user_id);
  if (account?.status !== 'active') throw noPending();
  return { account, stage: row.factor_stage, csrfToken: row.csrf_token };
}

function lockedError(until: Date, now: Date): AppError {
  return new AppError('account_locked', 'Too many wrong codes from here; wait before trying again', {
    retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)),
  });
}

/** Refuses a locked (account, address) pair before any code is looked at. */
async function refuseLocked(deps: Deps, userId: string, client: Client): Promise<void> {
  const now = deps.clock.now();
  const lock = await lockedUntil(deps.db, factorSubject(userId), addressOf(client), now);
  if (lock) throw lockedError(lock, now);
}

/** Counts a wrong code (its own transaction: it must stay when the request fails) and throws. */
async function wrongCode(
  deps: Deps,
  actor: Actor,
  userId: string,
  client: Client,
  field: string,
): Promise<never> {
  const now = deps.clock.now();
  const rules = { maxFailures: deps.config.loginMaxFailures, lockMinutes: deps.config.loginLockMinutes };
  const failure = await inTransaction(deps.db, async (trx) => {
    const f = await recordFailure(trx, rules, factorSubject(userId), addressOf(client), now);
    await recordChange(trx, actor, deps.clock, {
      action: f.lockedUntil ? 'factor.locked' : 'factor.code_failed',
      entity: 'user',
      entityId: userId,
      details: {
        address: addressOf(client),
        ...(f.lockedUntil ? { until: f.lockedUntil.toISOString() } : {}),
      },
    });
    return f;
  });
  if (failure.lockedUntil) throw lockedError(failure.lockedUntil, now);
  throw new AppError('invalid_code', `${field}: the code is wrong, expired or already used`, {
    fields: [{ path: field, message: 'is wrong, expired or already used', rule: 'invalid_code' }],
  });
}

/**
 * Takes a TOTP code once: the step it belongs to must be newer than the last one accepted (RFC
 * 6238 §5.2), checked and moved in one statement so two requests cannot both use one code.
 */
async function takeStep(trx: Kysely<Database>, userId: string, step: number): Promise<boolean> {
  const row = await trx
    .updateTable('user_factors')
    .set({ last_step: step })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .returning('user_id')
    .executeTakeFirst();
  return !!row;
}

/** Replaces an account's recovery codes with ten new ones; only their HMACs are kept. */
async function issueRecoveryCodes(
  deps: Deps,
  trx: Kysely<Database>,
  userId: string,
  hash: (code: string) => string,
): Promise<string[]> {
  const codes = newRecoveryCodes();
  const now = deps.clock.now();
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  const rows = codes.map((c) => ({ user_id: userId, code_hash: hash(c), created_at: now }));
  await trx.insertInto('recovery_codes').values(rows).execute();
  return codes;
}

/** Ends the password-only session and opens the full one, in the transaction of the step. */
async function finish(
  deps: Deps,
  actor: Actor,
  trx: Kysely<Database>,
  token: string,
  account: UserRow,
  client: Client,
): Promise<LoginResult> {
  await trx.deleteFrom('sessions').where('token_hash', '=', sessionTokenHash(token)).execute();
  await clearAddress(trx, factorSubject(account.id), addressOf(client));
  return startSession(deps, actor, account, client, { trx });
}

/** Enrolment, first half: a new secret for the authenticator app (shown as a QR code and as text). */
export async function startEnrolment(
  deps: Deps,
  token: string | undefined,
): Promise<{ secret: string; otpauthUri: string }> {
  const { account, stage } = await pendingSession(deps, token);
  if (stage !== 'enrol') throw new AppError('invalid_state', 'This account already has an authenticator');
  const secret = newTotpSecret();
  const sealed = await sealSecret(deps, account.id, secret);
  await deps.db
    .insertInto('user_factors')
    .values({
      user_id: account.id,
      secret_sealed: sealed,
      confirmed_at: null,
      last_step: null,
      created_at: deps.clock.now(),
    })
    .onConflict((oc) =>
      oc
        .column('user_id')
        .doUpdateSet({ secret_sealed: sealed, last_step: null, created_at: deps.clock.now() })
        .where('user_factors.confirmed_at', 'is', null),
    )
    .execute();
  return { secret, otpauthUri: otpauthUri(secret, account.email) };
}

/** Enrolment, second half: the first code proves the app holds the secret; ten recovery codes, once. */
export async function confirmEnrolment(
  deps: Deps,
  actor: Actor,
  token: string | undefined,
  input: { code: string },
  client: Client,
): Promise<{ session: LoginResult; recoveryCodes: string[] }> {
  const { account, stage } = await pendingSession(deps, token);
  if (stage !== 'enrol') throw new AppError('invalid_state', 'This account already has an authenticator');
  await refuseLocked(deps, account.id, client);
  const factor = await deps.db
    .selectFrom('user_factors')
    .selectAll()
    .where('user_id', '=', account.id)
    .where('confirmed_at', 'is', null)
    .executeTakeFirst();
  if (!factor) throw new AppError('invalid_state', 'Start the enrolment first: scan the new key');
  const step = matchingStep(
    await openSecret(deps, factor.user_id, factor.secret_sealed),
    input.code,
    deps.clock.now(),
  );
  const hash = await recoveryCodeHasher(deps);
  const result =
    step === null
      ? null
      : await inTransaction(deps.db, async (trx) => {
          if (!(await takeStep(trx, account.id, step))) return null;
          await trx
            .updateTable('user_factors')
            .set({ confirmed_at: deps.clock.now() })
            .where('user_id', '=', account.id)
            .execute();
          const recoveryCodes = await issueRecoveryCodes(deps, trx, account.id, hash);
          await recordChange(trx, actor, deps.clock, {
            action: 'factor.enrolled',
            entity: 'user',
            entityId: account.id,
          });
          await tellOwner(
            deps,
            trx,
            account.id,
            'security.factor_changed',
            { what: 'enrolled' },
            'factor-enrolled',
          );
          return { session: await finish(deps, actor, trx, token!, account, client), recoveryCodes };
        });
  return result ?? wrongCode(deps, actor, account.id, client, 'code');
}

/** The code step of sign-in: a code from the app, or one of the recovery codes (each works once). */
export async function verifySecondFactor(
  deps: Deps,
  actor: Actor,
  token: string | undefined,
  input: {
    code?: string | undefined;
    recoveryCode?: string | undefined;
    rememberDevice?: boolean | undefined;
  },
  client: Client,
): Promise<LoginResult> {
  const { account, stage } = await pendingSession(deps, token);
  if (stage !== 'code') throw new AppError('invalid_state', 'Enrol an authenticator first');
  await refuseLocked(deps, account.id, client);
  const field = input.recoveryCode !== undefined ? 'recoveryCode' : 'code';
  // The `tokens` secret (recovery codes, secrets sealed before 0077) is read before the
  // transaction: a first read through deps.db inside it would wait forever on PGlite.
  const hash = await recoveryCodeHasher(deps);
  const result = await inTransaction(deps.db, async (trx) => {
    if (input.recoveryCode !== undefined) {
      const used = await trx
        .updateTable('recovery_codes')
        .set({ used_at: deps.clock.now() })
        .where('user_id', '=', account.id)
        .where('code_hash', '=', hash(input.recoveryCode))
        .where('used_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!used) return null;
      const left = await remainingRecoveryCodes(trx, account.id);
      await recordChange(trx, actor, deps.clock, {
        action: 'factor.recovery_code_used',
        entity: 'user',
        entityId: account.id,
        details: { left },
      });
      await tellOwner(
        deps,
        trx,
        account.id,
        'security.factor_changed',
        { what: 'recovery_code_used', left: String(left) },
        'recovery-code',
      );
    } else {
      const factor = await trx
        .selectFrom('user_factors')
        .selectAll()
        .where('user_id', '=', account.id)
        .executeTakeFirstOrThrow();
      const step = matchingStep(
        await openSecret(deps, factor.user_id, factor.secret_sealed, trx),
        input.code ?? '',
        deps.clock.now(),
      );
      if (step === null || !(await takeStep(trx, account.id, step))) return null;
    }
    const session = await finish(deps, actor, trx, token!, account, client);
    const device = input.rememberDevice ? await trustDevice(deps, trx, actor, account, client) : null;
    return device ? { ...session, trustedDevice: device } : session;
  });
  return result ?? wrongCode(deps, actor, account.id, client, field);
}

async function remainingRecoveryCodes(db: Kysely<Database>, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type FactorStatus = {
  required: boolean;
  enrolled: boolean;
  enrolledAt: string | null;
  recoveryCodesLeft: number;
};

/** The signed-in person's own second factor, for the security page. */
export async function factorStatus(deps: Deps, actor: Actor): Promise<FactorStatus> {
  requireUser(actor);
  const factor = await deps.db
    .selectFrom('user_factors')
    .select('confirmed_at')
    .where('user_id', '=', actor.userId)
    .executeTakeFirst();
  return {
    required: needsSecondFactor(actor.role),
    enrolled: !!factor?.confirmed_at,
    enrolledAt: factor?.confirmed_at?.toISOString() ?? null,
    recoveryCodesLeft: await remainingRecoveryCodes(deps.db, actor.userId),
  };
}

/** New recovery codes (the old ones stop working), asked with a current code from the app. */
export async function regenerateRecoveryCodes(
  deps: Deps,
  actor: Actor,
  input: { code: string },
  client: Client,
): Promise<string[]> {
  requireUser(actor);
  await refuseLocked(deps, actor.userId, client);
  const factor = await deps.db
    .selectFrom('user_factors')
    .selectAll()
    .where('user_id', '=', actor.userId)
    .where('confirmed_at', 'is not', null)
    .executeTakeFirst();
  if (!factor) throw new AppError('invalid_state', 'This account has no authenticator');
  const step = matchingStep(
    await openSecret(deps, factor.user_id, factor.secret_sealed),
    input.code,
    deps.clock.now(),
  );
  const hash = await recoveryCodeHasher(deps);
  const codes =
    step === null
      ? null
      : await inTransaction(deps.db, async (trx) => {
          if (!(await takeStep(trx, actor.userId, step))) return null;
          const fresh = await issueRecoveryCodes(deps, trx, actor.userId, hash);
          await recordChange(trx, actor, deps.clock, {
            action: 'factor.recovery_codes_replaced',
            entity: 'user',
            entityId: actor.userId,
          });
          await tellOwner(
            deps,
            trx,
            actor.userId,
            'security.factor_changed',
            { what: 'recovery_codes' },
            'recovery-codes',
          );
          return fresh;
        });
  return codes ?? wrongCode(deps, actor, actor.userId, client, 'code');
}

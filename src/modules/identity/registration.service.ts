import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { consumeRateLimit } from '../../db/rate-limit.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { sendDirectMessage, sendDirectMessages } from '../../platform/direct-message.ts';
import { piiCipher } from '../../platform/keys/index.ts';
import { addressKey } from '../../shared/client-address.ts';
import { AppError, invalidField } from '../../shared/errors.ts';
import { findAccountByContact } from './account-lookup.ts';
import { codesBlocked, countFailedCode, maySendCode } from './code-limits.ts';
import { openContacts, sealContacts } from './identity.pii.ts';
import type { UserRow } from './identity.repository.ts';
import { normalizeMobile } from './identity.rules.ts';
import type { RegisterInput } from './identity.schema.ts';
import {
  hashSecret,
  invalidCode,
  issueToken,
  MAX_ATTEMPTS,
  newCode,
  sameHash,
  TOKEN_MINUTES,
} from './one-time-token.ts';
import { hashPassword } from './password.ts';
import { ownerMessage, publicLink } from './security-messages.ts';
import { type Client, type LoginResult, startSession } from './sign-in.ts';
import { insertUserRow, normalizeIdentity, uniqueViolation } from './user.service.ts';

/**
 * Self-registration in two steps. `startRegistration` always answers the same (202): when the
 * mobile, CNIC and email are free it keeps the registration aside and sends a code to the mobile;
 * when any of them is already an account's, that account's owner is told instead (by SMS for a
 * mobile or CNIC, by email for an email) and nothing is kept. `verifyRegistration` takes the code,
 * creates the account with its mobile proved, sends a link to prove the email, and signs in.
 * Nothing is in `users` before the code, so nobody can hold a CNIC or email by registering it.
 */
export const REGISTRATIONS_PER_ADDRESS_PER_HOUR = 10;
export const CODES_PER_MOBILE_PER_HOUR = 3;
export const CODES_PER_MOBILE_PER_DAY = 6;

async function limit(deps: Deps, key: string, max: number, what: string): Promise<void> {
  const r = await consumeRateLimit(deps.db, key, max, 3600, deps.clock.now());
  if (!r.allowed)
    throw new AppError('rate_limited', `Too many ${what}; try again later`, {
      retryAfterSeconds: r.retryAfterSeconds,
    });
}

async function limitDay(deps: Deps, key: string, max: number, what: string): Promise<void> {
  const r = await consumeRateLimit(deps.db, key, max, 24 * 3600, deps.clock.now());
  if (!r.allowed)
    throw new AppError('rate_limited', `Too many ${what}; try again tomorrow`, {
      retryAfterSeconds: r.retryAfterSeconds,
    });
}

/** A taken mobile or CNIC is told by SMS (when the account has a mobile), a taken email by email. */
const sms = (field: string, account: UserRow) => (field !== 'email' && account.mobile ? 'sms' : 'email');

export async function startRegistration(
  deps: Deps,
  _actor: Actor,
  input: RegisterInput,
  client: Client,
): Promise<void> {
  const n = normalizeIdentity(input, { mobile: true, cnic: true });
  const mobile = n.mobile!;
  const cnic = n.cnic!;
  await limit(
    deps,
    `register:ip:${addressKey(client.ip)}`,
    REGISTRATIONS_PER_ADDRESS_PER_HOUR,
    'registrations from here',
  );
  const pii = await piiCipher(deps);
  const mobileKey = pii.blind('mobile', mobile);
  await limit(deps, `register:mobile:${mobileKey}`, CODES_PER_MOBILE_PER_HOUR, 'codes for this mobile');
  await limitDay(deps, `register:mobile-day:${mobileKey}`, CODES_PER_MOBILE_PER_DAY, 'codes for this mobile');
  // The password is hashed on every path, so the time does not tell a taken field either.
  const passwordHash = await hashPassword(input.password, deps.config.scryptCost);
  const taken: { field: 'mobile' | 'cnic' | 'email'; account: UserRow }[] = [];
  for (const [field, value] of [
    ['mobile', mobile],
    ['cnic', cnic],
    ['email', n.email],
  ] as const) {
    const account = await findAccountByContact(deps.db, pii, { kind: field, value });
    if (account && !taken.some((t) => t.account.id === account.id)) taken.push({ field, account });
  }
  // The caps on what one mobile receives, counted on both paths (code-limits.ts): over them,
  // nothing is sent and the answer is the same 202.
  const allowed = await maySendCode(deps, { destination: mobile, account: taken[0]?.account.id });
  const now = deps.clock.now();
  const free = taken.length === 0;
  // Taken and free do the same statements (issue 14): the registration is written on both paths
  // and, when something is taken, removed again in the same transaction (nobody ever sees it); the
  // messages (the code to the mobile, or the owners' warnings) go in one hand-over, which does
  // one look-up and one insert however many there are.
  await inTransaction(deps.db, async (trx) => {
    if (!allowed) return;
    const code = newCode();
    const id = randomUUID();
    const sealed = sealContacts(pii, 'pending_registrations', id, n);
    await trx
      .insertInto('pending_registrations')
      .values({
        id,
        ...sealed,
        mobile: sealed.mobile!,
        mobile_bidx: sealed.mobile_bidx!,
        cnic: sealed.cnic!,
        cnic_bidx: sealed.cnic_bidx!,
        name: input.name,
        role: input.role,
        locale: input.locale ?? 'en',
        password_hash: passwordHash,
        code_hash: hashSecret(`register:${id}`, code),
        expires_at: new Date(now.getTime() + TOKEN_MINUTES * 60_000),
        created_at: now,
      })
      .execute();
    // Free: an earlier registration of this mobile gives way to this one. Taken: this one goes.
    await trx
      .deleteFrom('pending_registrations')
      .where((eb) =>
        eb.or([
          eb.and([eb('mobile_bidx', '=', free ? mobileKey : ''), eb('id', '<>', id)]),
          eb.and([eb('id', '=', id), eb.lit(!free)]),
        ]),
      )
      .execute();
    await sendDirectMessages(
      deps,
      trx,
      free
        ? [
            {
              kind: 'contact.verify_mobile',
              to: { mobile },
              channel: 'sms',
              locale: input.locale ?? 'en',
              params: { code, minutes: String(TOKEN_MINUTES) },
              dedupeKey: `register:${id}`,
            },
          ]
        : taken.map(({ field, account }) =>
            ownerMessage(
              deps,
              account.id,
              'security.registration_attempt',
              { field },
              field,
              sms(field, account),
            ),
          ),
    );
  });
}

export async function verifyRegistration(
  deps: Deps,
  actor: Actor,
  input: { mobile: string; code: string },
  client: Client,
): Promise<LoginResult> {
  const mobile = normalizeMobile(input.mobile);
  if (!mobile) throw invalidField('mobile', 'must be a Pakistani mobile number like 0300 1234567', 'mobile');
  await limit(deps, `register-verify:ip:${addressKey(client.ip)}`, 30, 'codes tried from here');
  const now = deps.clock.now();
  const pii = await piiCipher(deps);
  // Wrong codes are capped per mobile across fresh codes too (code-limits.ts).
  if (await codesBlocked(deps, `mobile:${pii.blind('mobile', mobile)}`)) throw invalidCode('code');
  // The attempt is taken before the code is compared, in one statement (see checkCode).
  const pending = await deps.db
    .updateTable('pending_registrations')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', (eb) =>
      eb
        .selectFrom('pending_registrations')
        .select('id')
        .where('mobile_bidx', '=', pii.blind('mobile', mobile))
        .where('expires_at', '>', now)
        .orderBy('created_at', 'desc')
        .limit(1),
    )
    .where('attempts', '<', MAX_ATTEMPTS)
    .returningAll()
    .executeTakeFirst();
  if (!pending || !sameHash(pending.code_hash, hashSecret(`register:${pending.id}`, input.code))) {
    await countFailedCode(deps, `mobile:${pii.blind('mobile', mobile)}`);
    throw invalidCode('code');
  }
  try {
    return await inTransaction(deps.db, async (trx) => {
      const gone = await trx
        .deleteFrom('pending_registrations')
        .where('id', '=', pending.id)
        .returning('id')
        .executeTakeFirst();
      if (!gone) throw invalidCode('code');
      const user = await insertUserRow(
        deps,
        trx,
        actor,
        {
          ...openContacts(pii, 'pending_registrations', pending),
          name: pending.name,
          role: pending.role,
          passwordHash: pending.password_hash,
          organizationId: null,
          locale: pending.locale,
          verifiedAt: { mobile: now, email: null },
        },
        'user.registered',
      );
      await sendEmailLink(deps, trx, user.id, user.email);
      const account = await findAccountByContact(trx, pii, { kind: 'mobile', value: mobile });
      return startSession(deps, actor, account!, client, { trx });
    });
  } catch (err) {
    throw uniqueViolation(err) ?? err;
  }
}

/** A link that proves `email` is this person's: after registration, and when they change it. */
export async function sendEmailLink(
  deps: Deps,
  trx: Kysely<Database>,
  userId: string,
  email: string,
): Promise<void> {
  const token = await issueToken(trx, await piiCipher(deps, trx), deps.clock.now(), {
    userId,
    purpose: 'verify_email',
    channel: 'email',
    contact: email,
  });
  await sendDirectMessage(deps, trx, {
    kind: 'contact.verify_email',
    to: { email },
    channel: 'email',
    locale:
      (await trx.selectFrom('users').select('locale').where('id', '=', userId).executeTakeFirst())?.locale ??
      'en',
    params: { link: publicLink(deps, `/verify-email?token=${token}`), minutes: String(TOKEN_MINUTES) },
    dedupeKey: `verify-email:${userId}:${token.slice(0, 12)}`,
  });
}

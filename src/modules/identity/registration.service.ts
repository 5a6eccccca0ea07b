import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { consumeRateLimit } from '../../db/rate-limit.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { sendDirectMessage } from '../../platform/direct-message.ts';
import { AppError, invalidField } from '../../shared/errors.ts';
import { findAccountByContact } from './account-lookup.ts';
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
import { publicLink, tellOwner } from './security-messages.ts';
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

async function limit(deps: Deps, key: string, max: number, what: string): Promise<void> {
  const r = await consumeRateLimit(deps.db, key, max, 3600, deps.clock.now());
  if (!r.allowed)
    throw new AppError('rate_limited', `Too many ${what}; try again later`, {
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
    `register:ip:${client.ip ?? 'unknown'}`,
    REGISTRATIONS_PER_ADDRESS_PER_HOUR,
    'registrations from here',
  );
  await limit(deps, `register:mobile:${mobile}`, CODES_PER_MOBILE_PER_HOUR, 'codes for this mobile');
  // The password is hashed on every path, so the time does not tell a taken field either.
  const passwordHash = await hashPassword(input.password, deps.config.scryptCost);
  const taken: { field: 'mobile' | 'cnic' | 'email'; account: UserRow }[] = [];
  for (const [field, value] of [
    ['mobile', mobile],
    ['cnic', cnic],
    ['email', n.email],
  ] as const) {
    const account = await findAccountByContact(deps.db, { kind: field, value });
    if (account && !taken.some((t) => t.account.id === account.id)) taken.push({ field, account });
  }
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    if (taken.length > 0) {
      for (const { field, account } of taken)
        await tellOwner(
          deps,
          trx,
          account.id,
          'security.registration_attempt',
          { field },
          field,
          sms(field, account),
        );
      return;
    }
    await trx.deleteFrom('pending_registrations').where('mobile', '=', mobile).execute();
    const code = newCode();
    const row = await trx
      .insertInto('pending_registrations')
      .values({
        mobile,
        email: n.email,
        cnic,
        name: input.name,
        role: input.role,
        locale: input.locale ?? 'en',
        password_hash: passwordHash,
        code_hash: '',
        expires_at: new Date(now.getTime() + TOKEN_MINUTES * 60_000),
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('pending_registrations')
      .set({ code_hash: hashSecret(`register:${row.id}`, code) })
      .where('id', '=', row.id)
      .execute();
    await sendDirectMessage(deps, trx, {
      kind: 'contact.verify_mobile',
      to: { mobile },
      channel: 'sms',
      locale: input.locale ?? 'en',
      params: { code, minutes: String(TOKEN_MINUTES) },
      dedupeKey: `register:${row.id}`,
    });
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
  await limit(deps, `register-verify:ip:${client.ip ?? 'unknown'}`, 30, 'codes tried from here');
  const now = deps.clock.now();
  const pending = await deps.db
    .selectFrom('pending_registrations')
    .selectAll()
    .where('mobile', '=', mobile)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (!pending || pending.attempts >= MAX_ATTEMPTS) throw invalidCode('code');
  if (!sameHash(pending.code_hash, hashSecret(`register:${pending.id}`, input.code))) {
    await deps.db
      .updateTable('pending_registrations')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', pending.id)
      .execute();
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
          email: pending.email,
          mobile: pending.mobile,
          cnic: pending.cnic,
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
      const account = await findAccountByContact(trx, { kind: 'mobile', value: mobile });
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
  const token = await issueToken(trx, deps.clock.now(), {
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

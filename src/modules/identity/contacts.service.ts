import { consumeRateLimit } from '../../db/rate-limit.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireUser } from '../../platform/actor.ts';
import { sendDirectMessage } from '../../platform/direct-message.ts';
import { piiCipher } from '../../platform/keys/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { checkCodeCapped, maySendCode } from './code-limits.ts';
import * as repo from './identity.repository.ts';
import { normalizeEmail, normalizeMobile } from './identity.rules.ts';
import type { User } from './identity.schema.ts';
import {
  cancelTokens,
  claimLink,
  invalidCode,
  issueToken,
  spendToken,
  TOKEN_MINUTES,
} from './one-time-token.ts';
import { sendEmailLink } from './registration.service.ts';
import { tellOwner } from './security-messages.ts';
import { type Client, confirmPassword } from './sign-in.ts';
import { uniqueViolation } from './user.service.ts';

/**
 * A person changes their mobile or email only by proving the new one: a code goes to a new mobile,
 * a link to a new email, and the old contact is told at once that a change was asked (so a stolen
 * session cannot quietly move the account away). The account keeps the old contact until the proof
 * arrives. The same route proves a contact on file that was never proved (send the current one).
 */
export async function requestContactChange(
  deps: Deps,
  actor: Actor,
  input: { mobile?: string | undefined; email?: string | undefined; password: string },
  client: Client = {},
): Promise<{ field: 'mobile' | 'email'; sentTo: string }> {
  requireUser(actor);
  if ((input.mobile === undefined) === (input.email === undefined))
    throw invalidField(
      input.mobile === undefined ? 'mobile' : 'email',
      'send either a mobile or an email',
      'one_of',
    );
  const field = input.mobile !== undefined ? 'mobile' : 'email';
  const value = field === 'mobile' ? normalizeMobile(input.mobile!) : normalizeEmail(input.email!);
  if (!value || (field === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)))
    throw field === 'mobile'
      ? invalidField('mobile', 'must be a Pakistani mobile number like 0300 1234567', 'mobile')
      : invalidField('email', 'must be an email address', 'email');
  const now = deps.clock.now();
  const perUser = await consumeRateLimit(deps.db, `contact:${actor.userId}`, 5, 3600, now);
  if (!perUser.allowed)
    throw new AppError('rate_limited', 'Too many contact changes; try again later', {
      retryAfterSeconds: perUser.retryAfterSeconds,
    });
  const pii = await piiCipher(deps);
  const row = await repo.findUserRowById(deps.db, pii, actor.userId);
  if (!row) throw notFound('User');
  await confirmPassword(deps, actor, row, { password: input.password, field: 'password' }, client);
  const current = field === 'mobile' ? row.mobile : row.email;
  const proved = field === 'mobile' ? row.mobile_verified_at : row.email_verified_at;
  if (value === current && proved) throw invalidField(field, 'is already yours and confirmed', 'unchanged');
  // The caps on codes sent to one destination and one account (SMS pumping, code-limits.ts).
  if (!(await maySendCode(deps, { destination: value, account: row.id })))
    throw new AppError('rate_limited', `Too many codes sent to this ${field}; try again later`, {
      retryAfterSeconds: 3600,
    });
  await inTransaction(deps.db, async (trx) => {
    // A pending reset ends: its code or link went to a contact that is about to change.
    await cancelTokens(trx, now, row.id, ['password_reset']);
    if (field === 'email') await sendEmailLink(deps, trx, row.id, value);
    else {
      const code = await issueToken(trx, pii, now, {
        userId: row.id,
        purpose: 'verify_mobile',
        channel: 'sms',
        contact: value,
      });
      await sendDirectMessage(deps, trx, {
        kind: 'contact.verify_mobile',
        to: { mobile: value },
        channel: 'sms',
        locale: row.locale,
        params: { code, minutes: String(TOKEN_MINUTES) },
        dedupeKey: `verify-mobile:${row.id}:${now.toISOString()}`,
      });
    }
    // The old contact hears of it, on its own channel, before anything changes: an SMS that no
    // quiet hours hold (a security notice), and an email at once as well; one key, so the inbox
    // holds the notice once.
    if (current && value !== current) {
      if (field === 'mobile')
        await tellOwner(deps, trx, row.id, 'security.contact_change', { field }, field, 'sms');
      await tellOwner(deps, trx, row.id, 'security.contact_change', { field }, field, 'email');
    }
    await recordChange(trx, actor, deps.clock, {
      action: `user.${field}_change_requested`,
      entity: 'user',
      entityId: row.id,
    });
  });
  return { field, sentTo: value };
}

/** The code sent to the new mobile: the account's mobile becomes it, proved. */
export async function verifyMobile(deps: Deps, actor: Actor, input: { code: string }): Promise<User> {
  requireUser(actor);
  const now = deps.clock.now();
  const checked = await checkCodeCapped(deps, { userId: actor.userId }, 'verify_mobile', input.code);
  if (!checked) throw invalidCode('code');
  return applyContact(deps, actor, 'mobile', checked.contact, async (trx) =>
    spendToken(trx, now, checked.id),
  );
}

/** The link sent to an email; whoever opens it proves the email (no session needed). */
export async function verifyEmail(
  deps: Deps,
  actor: Actor,
  input: { token: string },
): Promise<{ email: string }> {
  const now = deps.clock.now();
  let email = '';
  const pii = await piiCipher(deps);
  await inTransaction(deps.db, async (trx) => {
    const claimed = await claimLink(trx, pii, now, 'verify_email', input.token);
    if (!claimed) throw invalidCode('token');
    email = claimed.contact;
    await setContact(deps, trx, actor, claimed.userId, 'email', claimed.contact);
  }).catch((err) => {
    throw uniqueViolation(err) ?? err;
  });
  return { email };
}

async function applyContact(
  deps: Deps,
  actor: Extract<Actor, { kind: 'user' }>,
  field: 'mobile' | 'email',
  value: string,
  spend: (trx: Parameters<Parameters<typeof inTransaction>[1]>[0]) => Promise<boolean>,
): Promise<User> {
  try {
    return await inTransaction(deps.db, async (trx) => {
      if (!(await spend(trx))) throw invalidCode('code');
      await setContact(deps, trx, actor, actor.userId, field, value);
      return (await repo.findUserById(trx, await piiCipher(deps, trx), actor.userId))!;
    });
  } catch (err) {
    throw uniqueViolation(err) ?? err;
  }
}

async function setContact(
  deps: Deps,
  trx: Parameters<Parameters<typeof inTransaction>[1]>[0],
  actor: Actor,
  userId: string,
  field: 'mobile' | 'email',
  value: string,
): Promise<void> {
  const now = deps.clock.now();
  const pii = await piiCipher(deps, trx);
  const before = await repo.findUserById(trx, pii, userId);
  if (!before) throw notFound('User');
  const place = { table: 'users', column: field, id: userId };
  await trx
    .updateTable('users')
    .set(
      field === 'mobile'
        ? {
            mobile: pii.seal('identity', value, place),
            mobile_bidx: pii.blind('mobile', value),
            mobile_verified_at: now,
            updated_at: now,
          }
        : {
            email: pii.seal('identity', value, place),
            email_bidx: pii.blind('email', value),
            email_verified_at: now,
            updated_at: now,
          },
    )
    .where('id', '=', userId)
    .execute();
  await recordChange(trx, actor, deps.clock, {
    action: `user.${field}_verified`,
    entity: 'user',
    entityId: userId,
    before,
    after: (await repo.findUserById(trx, pii, userId))!,
  });
}

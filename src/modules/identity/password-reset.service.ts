import { consumeRateLimit } from '../../db/rate-limit.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { sendDirectMessage } from '../../platform/direct-message.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField } from '../../shared/errors.ts';
import { findAccountByContact, parseContact } from './account-lookup.ts';
import { passwordProblem } from './identity.rules.ts';
import {
  type ClaimedToken,
  cancelTokens,
  checkCode,
  claimLink,
  invalidCode,
  issueToken,
  spendToken,
  TOKEN_MINUTES,
} from './one-time-token.ts';
import { hashPassword } from './password.ts';
import { publicLink, tellOwner } from './security-messages.ts';
import type { Client } from './sign-in.ts';
import { accountSubject, clearSubject, typedSubject } from './sign-in-throttle.ts';

/**
 * Forgotten passwords. `requestPasswordReset` answers 202 whatever was typed: for an account it
 * sends a link to its email or a code to its mobile; for no account it sends nothing. Either way
 * the same counters are spent, so the limits (and the 429) do not tell either. `resetPassword`
 * takes the link's token, or the login and the code; it sets the password, proves the contact
 * the secret went to, ends every session, unlocks the account from everywhere, and tells the owner.
 */
export const RESETS_PER_LOGIN = 3;
export const RESET_WINDOW_SECONDS = 15 * 60;

async function limit(deps: Deps, key: string, max: number): Promise<void> {
  const r = await consumeRateLimit(deps.db, key, max, RESET_WINDOW_SECONDS, deps.clock.now());
  if (!r.allowed)
    throw new AppError('rate_limited', 'Too many reset requests; try again later', {
      retryAfterSeconds: r.retryAfterSeconds,
    });
}

export async function requestPasswordReset(
  deps: Deps,
  _actor: Actor,
  input: { login: string; channel?: 'sms' | 'email' | undefined },
  client: Client,
): Promise<void> {
  const contact = parseContact(input.login);
  if (!contact) throw invalidField('login', 'must be an email, a mobile number or a CNIC', 'contact');
  await limit(deps, `forgot:ip:${client.ip ?? 'unknown'}`, 10);
  await limit(deps, `forgot:${typedSubject(contact.value)}`, RESETS_PER_LOGIN);
  const account = await findAccountByContact(deps.db, contact);
  if (account?.status !== 'active') return;
  // By what was typed: an email gets a link, a mobile a code; a CNIC by the channel asked (SMS first).
  const wanted =
    contact.kind === 'email' ? 'email' : contact.kind === 'mobile' ? 'sms' : (input.channel ?? 'sms');
  // Only to a contact the owner proved: a mistyped or squatted address never gets a way in.
  const sms = account.mobile && account.mobile_verified_at ? account.mobile : null;
  const email = account.email_verified_at ? account.email : null;
  const channel = (wanted === 'sms' && sms) || !email ? 'sms' : 'email';
  const contactValue = channel === 'sms' ? sms : email;
  if (!contactValue) return;
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    const secret = await issueToken(trx, now, {
      userId: account.id,
      purpose: 'password_reset',
      channel,
      contact: contactValue,
    });
    const minutes = String(TOKEN_MINUTES);
    await sendDirectMessage(deps, trx, {
      kind: 'password.reset',
      to: { userId: account.id },
      channel,
      locale: account.locale,
      params:
        channel === 'sms'
          ? { code: secret, minutes }
          : { link: publicLink(deps, `/reset-password?token=${secret}`), minutes },
      dedupeKey: `${account.id}:${now.toISOString()}`,
    });
  });
}

export type ResetInput =
  | { token: string; newPassword: string }
  | { login: string; code: string; newPassword: string };

export async function resetPassword(
  deps: Deps,
  actor: Actor,
  input: ResetInput,
  client: Client,
): Promise<void> {
  const early = passwordProblem(input.newPassword);
  if (early) throw invalidField('newPassword', early, 'password');
  await limit(deps, `reset:ip:${client.ip ?? 'unknown'}`, 30);
  const now = deps.clock.now();
  const byLink = 'token' in input;
  const account = byLink ? undefined : await accountFor(deps, input.login);
  // The new password is hashed before the secret is looked at, on every path.
  const hash = await hashPassword(input.newPassword, deps.config.scryptCost);
  const checked =
    !byLink && account ? await checkCode(deps.db, now, account.id, 'password_reset', input.code) : null;
  await inTransaction(deps.db, async (trx) => {
    let claimed: ClaimedToken | null = null;
    if (byLink) claimed = await claimLink(trx, now, 'password_reset', input.token);
    else if (checked && (await spendToken(trx, now, checked.id))) claimed = checked;
    if (!claimed) throw invalidCode(byLink ? 'token' : 'code');
    const user = await trx
      .selectFrom('users')
      .select(['id', 'email', 'mobile'])
      .where('id', '=', claimed.userId)
      .executeTakeFirstOrThrow();
    const problem = passwordProblem(input.newPassword, { email: user.email });
    if (problem) throw invalidField('newPassword', problem, 'password');
    const proves =
      claimed.channel === 'email' && claimed.contact === user.email
        ? { email_verified_at: now }
        : claimed.channel === 'sms' && claimed.contact === user.mobile
          ? { mobile_verified_at: now }
          : {};
    await trx
      .updateTable('users')
      .set({ password_hash: hash, updated_at: now, ...proves })
      .where('id', '=', user.id)
      .execute();
    // Every pending code and link ends, a contact change's too: a reset takes the account back.
    await cancelTokens(trx, now, user.id);
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await clearSubject(trx, accountSubject(user.id));
    await recordChange(trx, actor, deps.clock, {
      action: 'user.password_reset',
      entity: 'user',
      entityId: user.id,
      details: { how: claimed.channel },
    });
    await tellOwner(
      deps,
      trx,
      user.id,
      'security.password_changed',
      { how: claimed.channel },
      `reset:${claimed.id}`,
    );
  });
}

async function accountFor(deps: Deps, login: string) {
  const contact = parseContact(login);
  if (!contact) throw invalidField('login', 'must be an email, a mobile number or a CNIC', 'contact');
  return findAccountByContact(deps.db, contact);
}

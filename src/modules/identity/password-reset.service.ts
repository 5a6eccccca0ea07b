import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { consumeRateLimit } from '../../db/rate-limit.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { sendDirectMessage } from '../../platform/direct-message.ts';
import { piiCipher } from '../../platform/keys/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { addressKey } from '../../shared/client-address.ts';
import { AppError, invalidField } from '../../shared/errors.ts';
import { findAccountByContact, parseContact } from './account-lookup.ts';
import { checkCodeCapped, maySendReset } from './code-limits.ts';
import { openContacts } from './identity.pii.ts';
import { passwordProblem } from './identity.rules.ts';
import {
  type ClaimedToken,
  cancelTokens,
  claimLink,
  invalidCode,
  issueToken,
  newLinkToken,
  spendToken,
  TOKEN_MINUTES,
} from './one-time-token.ts';
import { hashPassword } from './password.ts';
import { publicLink, tellOwner } from './security-messages.ts';
import type { Client } from './sign-in.ts';
import { forgetBrowsers } from './sign-in-browser.ts';
import { accountSubject, clearSubject, typedSubject } from './sign-in-throttle.ts';
import { endTrustedDevices } from './trusted-device.service.ts';

/**
 * Forgotten passwords. `requestPasswordReset` answers 202 whatever was typed: for an account it
 * sends a link to its email or a code to its mobile; for no account it sends nothing. Either way
 * the same counters are spent, so the limits (and the 429) do not tell either. `resetPassword`
 * takes the link's token, or the login, the code and the flow id the request answered with (a
 * code works only with the flow it was sent for, decision 0081); it sets the password, proves the contact
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
): Promise<{ flow: string }> {
  const contact = parseContact(input.login);
  if (!contact) throw invalidField('login', 'must be an email, a mobile number or a CNIC', 'contact');
  await limit(deps, `forgot:ip:${addressKey(client.ip)}`, 10);
  const pii = await piiCipher(deps);
  // Per (login, address): a stranger asking for someone's login spends their own allowance only.
  await limit(deps, `forgot:${typedSubject(pii, contact.value)}:${addressKey(client.ip)}`, RESETS_PER_LOGIN);
  // A random id for this request, returned on every path; a code sent now works only with it.
  const flow = newLinkToken();
  const account = await findAccountByContact(deps.db, pii, contact);
  // By what was typed: an email gets a link, a mobile a code; a CNIC by the channel asked (SMS first).
  const wanted =
    contact.kind === 'email' ? 'email' : contact.kind === 'mobile' ? 'sms' : (input.channel ?? 'sms');
  // Only to a contact the owner proved: a mistyped or squatted address never gets a way in.
  const active = account?.status === 'active' ? account : undefined;
  const sms = active?.mobile && active.mobile_verified_at ? active.mobile : null;
  const email = active?.email_verified_at ? active.email : null;
  const channel = (wanted === 'sms' && sms) || !email ? 'sms' : 'email';
  const contactValue = channel === 'sms' ? sms : email;
  // The caps on codes sent (SMS pumping) are counted on every path, under what was typed when
  // there is no account, and a refusal answers like an unknown account: 202 and nothing sent.
  const allowed = await maySendReset(deps, {
    subject: active && contactValue ? active.id : typedSubject(pii, contact.value),
    address: addressKey(client.ip),
    browserToken: client.browserToken,
  });
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    // The same transaction, with a write, on every path: an unknown account's request is audited
    // under the hash of what was typed, a known one's under the account.
    await recordChange(trx, _actor, deps.clock, {
      action: 'user.password_reset_requested',
      entity: active && contactValue ? 'user' : 'login',
      entityId: active && contactValue ? active.id : typedSubject(pii, contact.value),
      details: { sent: Boolean(active && contactValue && allowed) },
    });
    if (!active || !contactValue || !allowed) return sameStatementsAsSending(trx, now);
    const secret = await issueToken(trx, pii, now, {
      userId: active.id,
      purpose: 'password_reset',
      channel,
      contact: contactValue,
      keepOthers: true,
      flow: channel === 'sms' ? flow : undefined,
    });
    const minutes = String(TOKEN_MINUTES);
    await sendDirectMessage(deps, trx, {
      kind: 'password.reset',
      to: { userId: active.id },
      channel,
      locale: active.locale,
      params:
        channel === 'sms'
          ? { code: secret, minutes }
          : { link: publicLink(deps, `/reset-password?token=${secret}`), minutes },
      dedupeKey: `${active.id}:${now.toISOString()}:${flow.slice(0, 8)}`,
    });
  });
  return { flow };
}

const NOBODY = '00000000-0000-0000-0000-000000000000';

/**
 * Nothing is sent (no account, no proved contact, or a cap reached), but the database sees as many
 * statements of the same kinds as when a code is issued and queued (one-time-token.ts, the
 * direct-message hook): the time of the answer does not tell an account by its work.
 */
async function sameStatementsAsSending(trx: Kysely<Database>, now: Date): Promise<void> {
  await trx
    .updateTable('account_tokens')
    .set({ used_at: now })
    .where('user_id', '=', NOBODY)
    .where('used_at', 'is', null)
    .execute();
  await trx.selectFrom('users').select(['email', 'mobile', 'locale']).where('id', '=', NOBODY).execute();
  await trx.updateTable('users').set({ updated_at: now }).where('id', '=', NOBODY).execute();
}

export type ResetInput =
  | { token: string; newPassword: string }
  | { login: string; code: string; flow?: string | undefined; newPassword: string };

export async function resetPassword(
  deps: Deps,
  actor: Actor,
  input: ResetInput,
  client: Client,
): Promise<void> {
  const early = passwordProblem(input.newPassword);
  if (early) throw invalidField('newPassword', early, 'password');
  await limit(deps, `reset:ip:${addressKey(client.ip)}`, 30);
  const now = deps.clock.now();
  const pii = await piiCipher(deps);
  const byLink = 'token' in input;
  const account = byLink ? undefined : await accountFor(deps, input.login);
  // The new password is hashed before the secret is looked at, on every path.
  const hash = await hashPassword(input.newPassword, deps.config.scryptCost);
  // Wrong codes are capped per account; with no account the same counters run on what was typed.
  const checked = byLink
    ? null
    : await checkCodeCapped(
        deps,
        account ? { userId: account.id } : { typed: typedSubject(pii, input.login) },
        'password_reset',
        input.code,
        // No flow never matches a reset code, and its wrong guesses are counted apart from the
        // account's (which contact verification uses): they block nobody else.
        input.flow ?? '',
      );
  await inTransaction(deps.db, async (trx) => {
    let claimed: ClaimedToken | null = null;
    if (byLink) claimed = await claimLink(trx, pii, now, 'password_reset', input.token);
    else if (checked && (await spendToken(trx, now, checked.id))) claimed = checked;
    if (!claimed) throw invalidCode(byLink ? 'token' : 'code');
    const sealed = await trx
      .selectFrom('users')
      .select(['id', 'email', 'mobile', 'cnic'])
      .where('id', '=', claimed.userId)
      .executeTakeFirstOrThrow();
    const user = { id: sealed.id, ...openContacts(pii, 'users', sealed) };
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
    await endTrustedDevices(trx, user.id);
    // Browsers that signed in before no longer lift the reset ceiling (decision 0081).
    await forgetBrowsers(trx, user.id);
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
  return findAccountByContact(deps.db, await piiCipher(deps), contact);
}

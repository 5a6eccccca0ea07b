import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { browserTokenHash } from './trusted-device.service.ts';

/**
 * Browsers an account has signed in from (decision 0081). At every completed sign-in the browser
 * gets a long-lived random cookie, if it has none yet, and the account keeps HMAC-SHA-256 of
 * (account, cookie) under the keyed index key (the same hash as trusted devices, decision 0077,
 * with a purpose of its own). A password-reset request that carries a cookie recorded for the
 * account is not held by the account's daily ceiling (code-limits.ts): the owner's phone gets a
 * reset from any network, while a stranger who only knows the login cannot use the ceiling up
 * against it. A copy of the table cannot make or test a cookie, and a cookie copied to another
 * account opens nothing there.
 *
 * Not the trusted-device cookie: that one skips a second factor, lives 30 days and only for some
 * roles; this one exempts nothing at sign-in and only lifts a ceiling on sending resets.
 */
export const BROWSER_COOKIE = 'markaz_browser';
export const BROWSER_DAYS = 365;
const DAY_MS = 86400_000;

/** A token this app could have issued: 32 random bytes, base64url. Anything else is replaced. */
export const isBrowserToken = (s: string | undefined): s is string => !!s && /^[A-Za-z0-9_-]{43}$/.test(s);

/**
 * Records this browser for the account (in the transaction of the sign-in) and says which token
 * its cookie carries: the one it sent, when it sent a well-formed one (never replaced, only its
 * expiry renewed), else a new one.
 */
export async function rememberBrowser(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  trx: Kysely<Database>,
  userId: string,
  sent: string | undefined,
): Promise<{ token: string; expiresAt: Date }> {
  const now = deps.clock.now();
  const token = isBrowserToken(sent) ? sent : randomBytes(32).toString('base64url');
  await trx
    .insertInto('sign_in_browsers')
    .values({
      user_id: userId,
      token_hash: await browserTokenHash(deps, 'sign-in-browser', userId, token, trx),
      first_seen_at: now,
      last_seen_at: now,
    })
    .onConflict((oc) => oc.columns(['user_id', 'token_hash']).doUpdateSet({ last_seen_at: now }))
    .execute();
  return { token, expiresAt: new Date(now.getTime() + BROWSER_DAYS * DAY_MS) };
}

/**
 * Whether `token` names a browser that signed in to `userId` within the last BROWSER_DAYS. Callers
 * without an account pass an id that matches nobody: the hash and the read are the same.
 */
export async function browserSignedIn(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  userId: string,
  token: string | undefined,
): Promise<boolean> {
  const hash = await browserTokenHash(deps, 'sign-in-browser', userId, isBrowserToken(token) ? token : '');
  const row = await deps.db
    .selectFrom('sign_in_browsers')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('token_hash', '=', hash)
    .where('last_seen_at', '>', new Date(deps.clock.now().getTime() - BROWSER_DAYS * DAY_MS))
    .executeTakeFirst();
  return Boolean(row) && isBrowserToken(token);
}

/**
 * Every browser of the account is forgotten: a password change or reset (whoever made it, the
 * browsers that signed in before it no longer lift the ceiling; the next sign-in records its
 * browser again), and a closure.
 */
export async function forgetBrowsers(trx: Kysely<Database>, userId: string): Promise<number> {
  const res = await trx.deleteFrom('sign_in_browsers').where('user_id', '=', userId).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Rows not seen for BROWSER_DAYS: their cookie has expired in the browser too. */
export async function pruneBrowsers(db: Kysely<Database>, now: Date): Promise<void> {
  await db
    .deleteFrom('sign_in_browsers')
    .where('last_seen_at', '<', new Date(now.getTime() - BROWSER_DAYS * DAY_MS))
    .execute();
}

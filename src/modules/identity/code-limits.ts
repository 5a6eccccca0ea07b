import { consumeRateLimit, rateLimitHits } from '../../db/rate-limit.ts';
import type { Deps } from '../../deps.ts';
import { piiCipher } from '../../platform/keys/index.ts';
import type { TokenPurpose } from './identity.table.ts';
import { type ClaimedToken, checkCode, flowHash } from './one-time-token.ts';
import { browserSignedIn } from './sign-in-browser.ts';

/**
 * Caps on one-time codes and links, against SMS pumping (someone makes Markaz send paid SMS to
 * numbers they choose) and against guessing codes across many fresh codes:
 *
 * - codes SENT: at most CODES_SENT.hour per hour and CODES_SENT.day per day to one destination
 *   (mobile or email), and as many to one account, whatever the purpose (registration, reset,
 *   contact change, "someone tried to register with your number");
 * - codes FAILED: after FAILED_TRIES.hour wrong codes in an hour, or FAILED_TRIES.day in a day, on
 *   one account (or one mobile being registered), every code is refused until the window ends,
 *   the right one too, with the same answer as a wrong code.
 *
 * Over a cap on sending, nothing is sent and the answer does not change: the caller answers as it
 * would for an unknown account, so the caps tell nobody whether an account exists.
 */
export const CODES_SENT = { hour: 5, day: 10 } as const;
export const FAILED_TRIES = { hour: 10, day: 20 } as const;
/**
 * Password resets (decision 0081) are capped per (account, client address) at CODES_SENT, and per
 * account at RESET_CEILING, a ceiling that does not stop a request from a browser that has signed
 * in to the account before (its sign-in cookie, on any network): a stranger can use up the ceiling,
 * not the owner's way back in.
 */
export const RESET_CEILING = { hour: 10, day: 20 } as const;
const HOUR = 3600;
const DAY = 24 * HOUR;

async function within(deps: Deps, key: string, cap: { hour: number; day: number }): Promise<boolean> {
  const now = deps.clock.now();
  const hour = await consumeRateLimit(deps.db, `${key}:h`, cap.hour, HOUR, now);
  const day = await consumeRateLimit(deps.db, `${key}:d`, cap.day, DAY, now);
  return hour.allowed && day.allowed;
}

/**
 * Counts one code or link about to go to `destination` (and to `account`, when there is one) and
 * says whether it may. Call it on the unknown-account path too, with what was typed, so the work
 * and the writes are the same.
 */
export async function maySendCode(
  deps: Deps,
  to: { destination: string; account?: string | undefined },
): Promise<boolean> {
  // Rate-limit keys carry a keyed hash of the destination, never the mobile or email itself.
  const dest = (await piiCipher(deps)).mac('code-destination', to.destination.toLowerCase());
  const toDestination = await within(deps, `code-sent:to:${dest}`, CODES_SENT);
  const toAccount = await within(deps, `code-sent:account:${to.account ?? dest}`, CODES_SENT);
  return toDestination && toAccount;
}

/**
 * Counts one reset code or link about to go to `subject` (an account, or the hash of what was typed
 * when there is none) for a client, and says whether it may: within the cap for this (subject,
 * address), and within the account's ceiling unless the request carries the sign-in cookie of a
 * browser that signed in to the account before (sign-in-browser.ts), from whatever address. The
 * same reads and writes run for an unknown account (the cookie is looked up for nobody).
 */
export async function maySendReset(
  deps: Deps,
  to: { subject: string; address: string; browserToken?: string | undefined },
): Promise<boolean> {
  const pair = await within(deps, `reset-sent:${to.subject}:${to.address}`, CODES_SENT);
  const ceiling = await within(deps, `reset-sent:${to.subject}`, RESET_CEILING);
  const known = await browserSignedIn(deps, isUuid(to.subject) ? to.subject : NOBODY, to.browserToken);
  return pair && (ceiling || known);
}

const NOBODY = '00000000-0000-0000-0000-000000000000';
const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** Whether `subject` (an account, or a mobile being registered) has used up its wrong codes. */
export async function codesBlocked(deps: Deps, subject: string): Promise<boolean> {
  const now = deps.clock.now();
  const key = `code-failed:${subject}`;
  return (
    (await rateLimitHits(deps.db, `${key}:h`, HOUR, now)) >= FAILED_TRIES.hour ||
    (await rateLimitHits(deps.db, `${key}:d`, DAY, now)) >= FAILED_TRIES.day
  );
}

/** Counts one wrong code against `subject`. */
export async function countFailedCode(deps: Deps, subject: string): Promise<void> {
  await within(deps, `code-failed:${subject}`, FAILED_TRIES);
}

/**
 * `checkCode` behind the cap on wrong codes: refused at once when the account has used up its
 * wrong codes, and a wrong one counted. With no account (`userId` undefined), the same counters
 * are read and written under what was typed, so both paths do the same work.
 */
export async function checkCodeCapped(
  deps: Deps,
  who: { userId: string } | { typed: string },
  purpose: TokenPurpose,
  code: string,
  flow?: string,
): Promise<ClaimedToken | null> {
  // A flow's wrong codes count against that flow only (decision 0081): a stranger's guesses spend
  // the stranger's flows, never the owner's. Each flow has one code, tried at most MAX_ATTEMPTS times.
  const subject =
    flow !== undefined
      ? `flow:${flowHash(flow)}`
      : 'userId' in who
        ? `user:${who.userId}`
        : `typed:${who.typed}`;
  if (await codesBlocked(deps, subject)) return null;
  const ok =
    'userId' in who
      ? await checkCode(deps.db, await piiCipher(deps), deps.clock.now(), who.userId, purpose, code, flow)
      : null;
  if (!ok) await countFailedCode(deps, subject);
  return ok;
}

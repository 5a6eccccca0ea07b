import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { PiiCipher } from '../../platform/keys/index.ts';

/**
 * Failed sign-ins are counted per (subject, client address), never per account alone: fifty wrong
 * passwords from changing addresses no longer lock the owner out everywhere, and the owner's own
 * address keeps working. After `maxFailures` in a row from one address the pair is locked, and
 * each further lock of the same pair lasts twice as long (15, 30, 60 … minutes, at most a day).
 * A quiet day forgives the pair. A password reset clears every address of the account.
 *
 * The subject is the account when the login names one, and otherwise a hash of what was typed,
 * so an unknown email locks after the same failures, for the same time, as a real one: the
 * answers do not tell whether an account exists.
 */
export const MAX_LOCK_MINUTES = 24 * 60;
const FORGET_AFTER_MS = 24 * 3600_000;

export type ThrottleRules = { maxFailures: number; lockMinutes: number };

export function accountSubject(userId: string): string {
  return `user:${userId}`;
}

/** Keyed (decision 0038): a plain hash of a mobile number or CNIC is reversed by trying them all. */
export function typedSubject(pii: PiiCipher, typed: string): string {
  return `typed:${pii.mac('typed-login', typed.trim().toLowerCase())}`;
}

/** The end of the lock on this pair, when it is locked now. */
export async function lockedUntil(
  db: Kysely<Database>,
  subject: string,
  address: string,
  now: Date,
): Promise<Date | null> {
  const row = await db
    .selectFrom('sign_in_throttle')
    .select('locked_until')
    .where('subject', '=', subject)
    .where('address', '=', address)
    .executeTakeFirst();
  return row?.locked_until && row.locked_until > now ? row.locked_until : null;
}

/** How long the n-th lock of one pair lasts: doubling from the configured minutes, capped. */
export function lockMinutes(rules: ThrottleRules, lockouts: number): number {
  return Math.min(MAX_LOCK_MINUTES, rules.lockMinutes * 2 ** Math.max(0, lockouts - 1));
}

/** Counts one failure; returns the new lock's end when this failure started one. */
export async function recordFailure(
  trx: Kysely<Database>,
  rules: ThrottleRules,
  subject: string,
  address: string,
  now: Date,
): Promise<{ lockedUntil: Date | null; failures: number; lockouts: number }> {
  await trx
    .insertInto('sign_in_throttle')
    .values({ subject, address, failures: 0, lockouts: 0, locked_until: null, last_failure_at: now })
    .onConflict((oc) => oc.columns(['subject', 'address']).doNothing())
    .execute();
  const row = await trx
    .selectFrom('sign_in_throttle')
    .selectAll()
    .where('subject', '=', subject)
    .where('address', '=', address)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const forgiven = now.getTime() - row.last_failure_at.getTime() > FORGET_AFTER_MS;
  let failures = (forgiven ? 0 : row.failures) + 1;
  let lockouts = forgiven ? 0 : row.lockouts;
  let until: Date | null = null;
  if (failures >= rules.maxFailures) {
    lockouts += 1;
    failures = 0;
    until = new Date(now.getTime() + lockMinutes(rules, lockouts) * 60_000);
  }
  await trx
    .updateTable('sign_in_throttle')
    .set({ failures, lockouts, last_failure_at: now, ...(until ? { locked_until: until } : {}) })
    .where('subject', '=', subject)
    .where('address', '=', address)
    .execute();
  return { lockedUntil: until, failures, lockouts };
}

/** A success from this address: its count starts again (the lock history of others stays). */
export async function clearAddress(trx: Kysely<Database>, subject: string, address: string): Promise<void> {
  await trx
    .deleteFrom('sign_in_throttle')
    .where('subject', '=', subject)
    .where('address', '=', address)
    .execute();
}

/** A password reset unlocks the account from everywhere. */
export async function clearSubject(trx: Kysely<Database>, subject: string): Promise<void> {
  await trx.deleteFrom('sign_in_throttle').where('subject', '=', subject).execute();
}

/** Rows older than a day are forgiven anyway; the sessions job prunes them. */
export async function pruneThrottle(db: Kysely<Database>, now: Date): Promise<number> {
  const res = await db
    .deleteFrom('sign_in_throttle')
    .where('last_failure_at', '<', new Date(now.getTime() - FORGET_AFTER_MS))
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { PiiCipher } from '../../platform/keys/index.ts';
import { AppError } from '../../shared/errors.ts';
import { openTokenContact, sealTokenContact } from './identity.pii.ts';
import type { TokenPurpose } from './identity.table.ts';

/**
 * One-time codes (six digits, by SMS) and links (256 random bits, by email): single use, valid
 * for TOKEN_MINUTES, tried at most MAX_ATTEMPTS times, and stored only as a SHA-256. A code is
 * hashed with its owner, its purpose and a random salt stored beside it (`salt$hash`): the same six
 * digits issued twice are two different rows, so no unique index can tell a real account by a
 * clash (a code's lookup is by owner and purpose, never by hash).
 */
export const TOKEN_MINUTES = 15;
export const MAX_ATTEMPTS = 5;

/** The one answer to a wrong, used, expired or unknown code or link: it says no more than that. */
export function invalidCode(path: 'code' | 'token'): AppError {
  const message = 'is wrong, used or expired; ask for a new one';
  return new AppError('invalid_code', `${path}: ${message}`, {
    fields: [{ path, message, rule: 'invalid_code' }],
  });
}

export const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');
export const newLinkToken = () => randomBytes(32).toString('base64url');

export function hashSecret(scope: string, secret: string): string {
  return createHash('sha256').update(`${scope}\n${secret.trim()}`).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

const codeScope = (userId: string, purpose: TokenPurpose, salt: string) =>
  `code:${purpose}:${userId}:${salt}`;

/** A code's stored form: a fresh salt and the hash of the code under it. */
function storedCodeHash(userId: string, purpose: TokenPurpose, code: string): string {
  const salt = randomBytes(16).toString('hex');
  return `${salt}$${hashSecret(codeScope(userId, purpose, salt), code)}`;
}

/** Whether a typed code matches a stored `salt$hash`. */
function codeMatches(stored: string, userId: string, purpose: TokenPurpose, code: string): boolean {
  const [salt, hash] = stored.split('$');
  if (!salt || !hash) return false;
  return sameHash(hash, hashSecret(codeScope(userId, purpose, salt), code));
}

/**
 * Ends every unused code and link of an account (or only those of some purposes): a password
 * reset or change leaves no pending contact change behind, and a contact change no pending reset.
 */
export async function cancelTokens(
  trx: Kysely<Database>,
  now: Date,
  userId: string,
  purposes?: readonly TokenPurpose[],
): Promise<void> {
  let q = trx
    .updateTable('account_tokens')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null);
  if (purposes) q = q.where('purpose', 'in', [...purposes]);
  await q.execute();
}
const linkScope = (purpose: TokenPurpose) => `link:${purpose}`;

/** The stored form of a reset flow id (decision 0081). */
export const flowHash = (flow: string) => hashSecret('reset-flow', flow);

/**
 * Issues a code or link for one purpose. Any earlier unused one of that purpose stops working,
 * unless `keepOthers`: a password reset keeps the others live (each single-use, all ended when one
 * succeeds), so a stranger asking for a reset cannot kill the link the owner is about to open. A
 * reset code carries its `flow` (only its hash is kept) and is checked only with it.
 */
export async function issueToken(
  trx: Kysely<Database>,
  pii: PiiCipher,
  now: Date,
  t: {
    userId: string;
    purpose: TokenPurpose;
    channel: 'sms' | 'email';
    contact: string;
    keepOthers?: boolean;
    flow?: string | undefined;
  },
): Promise<string> {
  if (!t.keepOthers)
    await trx
      .updateTable('account_tokens')
      .set({ used_at: now })
      .where('user_id', '=', t.userId)
      .where('purpose', '=', t.purpose)
      .where('used_at', 'is', null)
      .execute();
  const secret = t.channel === 'sms' ? newCode() : newLinkToken();
  const tokenHash =
    t.channel === 'sms'
      ? storedCodeHash(t.userId, t.purpose, secret)
      : hashSecret(linkScope(t.purpose), secret);
  const id = randomUUID();
  await trx
    .insertInto('account_tokens')
    .values({
      id,
      user_id: t.userId,
      purpose: t.purpose,
      channel: t.channel,
      contact: sealTokenContact(pii, id, t.contact),
      token_hash: tokenHash,
      flow_hash: t.flow ? flowHash(t.flow) : null,
      expires_at: new Date(now.getTime() + TOKEN_MINUTES * 60_000),
      used_at: null,
      created_at: now,
    })
    .execute();
  return secret;
}

export type ClaimedToken = { id: string; userId: string; channel: 'sms' | 'email'; contact: string };

/**
 * Takes a link's token: the row, marked used in this transaction, or null when it is unknown,
 * used or expired. The `used_at IS NULL` guard makes it single-use even when two requests race.
 */
export async function claimLink(
  trx: Kysely<Database>,
  pii: PiiCipher,
  now: Date,
  purpose: TokenPurpose,
  secret: string,
): Promise<ClaimedToken | null> {
  const row = await trx
    .updateTable('account_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', hashSecret(linkScope(purpose), secret))
    .where('purpose', '=', purpose)
    .where('channel', '=', 'email')
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['id', 'user_id', 'channel', 'contact'])
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        userId: row.user_id,
        channel: row.channel,
        contact: openTokenContact(pii, row.id, row.contact),
      }
    : null;
}

/**
 * Checks a code typed for one person's purpose, outside any transaction. The attempt is taken
 * before the code is compared, in one statement (`attempts = attempts + 1 … WHERE attempts < max
 * RETURNING`), so requests racing on one code get at most MAX_ATTEMPTS comparisons between them;
 * a read-then-write count let every request that read the count before the others wrote it try
 * its guess. A right code is returned unused: the caller spends it with `spendToken` in the
 * transaction of its change. (PGlite has one connection, so this must not run inside a transaction.)
 * With `flow`, only the code issued to that flow is tried; without, only codes issued with none.
 */
export async function checkCode(
  db: Kysely<Database>,
  pii: PiiCipher,
  now: Date,
  userId: string,
  purpose: TokenPurpose,
  code: string,
  flow?: string,
): Promise<ClaimedToken | null> {
  const row = await db
    .updateTable('account_tokens')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', (eb) =>
      eb
        .selectFrom('account_tokens')
        .select('id')
        .where('user_id', '=', userId)
        .where('purpose', '=', purpose)
        .where('channel', '=', 'sms')
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .where('flow_hash', flow === undefined ? 'is' : '=', flow === undefined ? null : flowHash(flow))
        .orderBy('created_at', 'desc')
        .limit(1),
    )
    .where('attempts', '<', MAX_ATTEMPTS)
    .where('used_at', 'is', null)
    .returning(['id', 'user_id', 'channel', 'contact', 'token_hash'])
    .executeTakeFirst();
  if (!row || !codeMatches(row.token_hash, userId, purpose, code)) return null;
  return {
    id: row.id,
    userId: row.user_id,
    channel: row.channel,
    contact: openTokenContact(pii, row.id, row.contact),
  };
}

/** Marks a checked code used; false when a racing request spent it first. */
export async function spendToken(trx: Kysely<Database>, now: Date, id: string): Promise<boolean> {
  const used = await trx
    .updateTable('account_tokens')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return Boolean(used);
}

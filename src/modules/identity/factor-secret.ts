import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { Secret, TOTP } from 'otpauth';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { piiCipher, secret } from '../../platform/keys/index.ts';
import './factor.table.ts';

/**
 * The second factor's cryptography: TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps, the
 * authenticator apps' defaults) through `otpauth`, the authenticator's secret sealed as personal
 * data (AES-256-GCM under the `identity` data key, decision 0077), and recovery codes kept as HMACs
 * under a key derived (HKDF) from the platform's `tokens` secret. Both keys live outside the
 * database: a copy of the tables alone can neither make codes nor test guesses at recovery codes.
 */
export const STEP_SECONDS = 30;
/** One step either side is accepted: phones' clocks drift. */
export const WINDOW = 1;
const ISSUER = 'Markaz';

async function derived(deps: Pick<Deps, 'db' | 'config'>, label: string): Promise<Buffer> {
  const root = await secret(deps, 'tokens');
  return Buffer.from(hkdfSync('sha256', root, Buffer.alloc(0), `markaz second factor: ${label}`, 32));
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/**
 * Where an account's TOTP secret lives, for the envelope encryption of personal data (decision
 * 0077): sealed under the `identity` data key, bound to its row, declared in `identityPersonalData`,
 * so `markaz keys rotate-data` re-seals it in the background (job personal-data-rekey) and
 * `markaz keys rotate-pii` re-wraps its key, like every other personal column.
 */
const place = (userId: string) => ({ table: 'user_factors', column: 'secret_sealed', id: userId });

export async function sealSecret(
  deps: Pick<Deps, 'db' | 'config'>,
  userId: string,
  base32: string,
  via?: Kysely<Database>,
): Promise<string> {
  return (await piiCipher(deps, via)).seal('identity', base32, place(userId)) as unknown as string;
}

export async function openSecret(
  deps: Pick<Deps, 'db' | 'config'>,
  userId: string,
  sealed: string,
  via?: Kysely<Database>,
): Promise<string> {
  if (sealed.startsWith(`${LEGACY}.`)) return openLegacy(deps, sealed);
  const opened = (await piiCipher(deps, via)).open(sealed, place(userId));
  // A secret from before 0077 that a sweep sealed as it found it (the legacy text inside).
  return opened.startsWith(`${LEGACY}.`) ? openLegacy(deps, opened) : opened;
}

/** Before decision 0077 the secret was sealed under a key derived from the `tokens` secret. */
const LEGACY = 'v1';

/** A secret sealed the old way (`v1.`): what rows from before 0077 hold, and what tests make them with. */
export async function sealLegacySecret(deps: Pick<Deps, 'db' | 'config'>, base32: string): Promise<string> {
  const key = await derived(deps, 'totp secret');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(base32, 'utf8'), cipher.final()]);
  return [
    LEGACY,
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    body.toString('base64url'),
  ].join('.');
}

async function openLegacy(deps: Pick<Deps, 'db' | 'config'>, sealed: string): Promise<string> {
  const [v, iv, tag, body] = sealed.split('.');
  if (v !== LEGACY || !iv || !tag || !body) throw new Error('unknown sealed TOTP secret format');
  const key = await derived(deps, 'totp secret');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/**
 * Moves secrets sealed the old way (under the `tokens` secret, or such a text that a sweep sealed
 * as it found it) onto the personal-data keys, each row rewritten only if it did not change
 * meanwhile. After it, the `tokens` secret is no longer needed to make codes. One pass over the
 * authenticators (one per privileged account: thousands, not millions). Returns the rows moved.
 */
export async function resealLegacySecrets(deps: Pick<Deps, 'db' | 'config'>): Promise<number> {
  const pii = await piiCipher(deps);
  const rows = await deps.db.selectFrom('user_factors').select(['user_id', 'secret_sealed']).execute();
  let moved = 0;
  for (const r of rows) {
    const legacy =
      r.secret_sealed.startsWith(`${LEGACY}.`) ||
      pii.open(r.secret_sealed, place(r.user_id)).startsWith(`${LEGACY}.`);
    if (!legacy) continue;
    const clear = await openSecret(deps, r.user_id, r.secret_sealed);
    const res = await deps.db
      .updateTable('user_factors')
      .set({ secret_sealed: await sealSecret(deps, r.user_id, clear) })
      .where('user_id', '=', r.user_id)
      .where('secret_sealed', '=', r.secret_sealed)
      .executeTakeFirst();
    moved += Number(res.numUpdatedRows);
  }
  return moved;
}

const RESEALED = 'factor_secrets_resealed';

/**
 * The background job after an upgrade: re-seals until a pass finds nothing sealed the old way,
 * then marks it done (nothing makes such a secret any more) and stays idle.
 */
export const factorResealJob = {
  kind: 'continuous' as const,
  name: 'identity.factor-reseal',
  everySeconds: 300,
  run: async (deps: Deps) => {
    const done = await deps.db
      .selectFrom('system_settings')
      .select('key')
      .where('key', '=', RESEALED)
      .executeTakeFirst();
    if (done) return null;
    const moved = await resealLegacySecrets(deps);
    if (moved === 0)
      await deps.db
        .insertInto('system_settings')
        .values({ key: RESEALED, value: JSON.stringify(true), updated_at: deps.clock.now() })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
    return { moved };
  },
};

const totp = (base32: string, label = 'account') =>
  new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: STEP_SECONDS,
    secret: Secret.fromBase32(base32),
  });

/** The `otpauth://` address an authenticator app reads from the QR code. */
export function otpauthUri(base32: string, label: string): string {
  return totp(base32, label).toString();
}

/** The time step a code belongs to (within the window around `now`), or null when it is wrong. */
export function matchingStep(base32: string, code: string, now: Date): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(base32).validate({ token, timestamp: now.getTime(), window: WINDOW });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / STEP_SECONDS) + delta;
}

/** The code of the step holding `at` (demo, tests and the journeys' harness compute it the same way). */
export function codeAt(base32: string, at: Date): string {
  return totp(base32).generate({ timestamp: at.getTime() });
}

// Recovery codes: 10 of 10 characters from an alphabet without look-alikes (50 bits each),
// shown as "abcde-fghjk"; typed in any case, with or without the dash.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODES = 10;

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODES }, () => {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

export const normalizeRecoveryCode = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The HMAC of recovery codes, its key read once. Get it before a transaction: the first read of the
 * `tokens` secret goes through `deps.db`, which on PGlite (one connection) would wait forever for
 * the transaction that waits for it.
 */
export async function recoveryCodeHasher(
  deps: Pick<Deps, 'db' | 'config'>,
): Promise<(code: string) => string> {
  const key = await derived(deps, 'recovery codes');
  return (code) => createHmac('sha256', key).update(normalizeRecoveryCode(code)).digest('hex');
}

export async function recoveryCodeHash(deps: Pick<Deps, 'db' | 'config'>, code: string): Promise<string> {
  return (await recoveryCodeHasher(deps))(code);
}

import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { Deps } from '../../deps.ts';
import { secret } from '../../platform/keys/index.ts';

/**
 * The second factor's cryptography: TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps, the
 * authenticator apps' defaults) through `otpauth`, the authenticator's secret sealed with
 * AES-256-GCM, and recovery codes kept as HMACs. Both keys are derived (HKDF) from the platform's
 * `tokens` secret, which lives outside the database: a copy of the tables alone can neither make
 * codes nor test guesses at recovery codes.
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

export async function sealSecret(deps: Pick<Deps, 'db' | 'config'>, base32: string): Promise<string> {
  const key = await derived(deps, 'totp secret');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(base32, 'utf8'), cipher.final()]);
  return [
    'v1',
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    body.toString('base64url'),
  ].join('.');
}

export async function openSecret(deps: Pick<Deps, 'db' | 'config'>, sealed: string): Promise<string> {
  const [v, iv, tag, body] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || !body) throw new Error('unknown sealed TOTP secret format');
  const key = await derived(deps, 'totp secret');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

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

export async function recoveryCodeHash(deps: Pick<Deps, 'db' | 'config'>, code: string): Promise<string> {
  const key = await derived(deps, 'recovery codes');
  return createHmac('sha256', key).update(normalizeRecoveryCode(code)).digest('hex');
}

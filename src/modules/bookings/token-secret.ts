import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { secret } from '../../platform/keys/index.ts';

/**
 * The secret behind check-in codes and calendar-feed addresses: the platform's `tokens` secret,
 * kept outside the database with the signing keys (decision 0024; a value kept in system_settings
 * before is moved out on first start, never regenerated).
 */
export function ensureTokenSecret(deps: Pick<Deps, 'db' | 'config'>): Promise<Buffer> {
  return secret(deps, 'tokens');
}

/** A keyed MAC with a purpose prefix, so a code made for one purpose never verifies for another. */
export function mac(secret: Buffer, purpose: string, message: string, bytes = 16): string {
  return createHmac('sha256', secret)
    .update(`${purpose}\n${message}`)
    .digest()
    .subarray(0, bytes)
    .toString('base64url');
}

export function sameMac(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

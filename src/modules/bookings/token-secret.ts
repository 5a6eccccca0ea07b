import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/connect.ts';

const SETTING = 'bookings_token_secret';

/**
 * The secret behind check-in codes and calendar-feed addresses. Made once and kept in the
 * database (like the audit signing key), so every server process signs and verifies alike.
 */
export async function ensureTokenSecret(db: Db): Promise<Buffer> {
  const read = () =>
    db.selectFrom('system_settings').select('value').where('key', '=', SETTING).executeTakeFirst();
  const existing = await read();
  if (existing) return Buffer.from((existing.value as { secret: string }).secret, 'base64');
  await db
    .insertInto('system_settings')
    .values({
      key: SETTING,
      value: JSON.stringify({ secret: randomBytes(32).toString('base64') }),
      updated_at: new Date(),
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  // Another process may have won the race; everyone uses whatever is stored.
  const stored = (await read())!;
  return Buffer.from((stored.value as { secret: string }).secret, 'base64');
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

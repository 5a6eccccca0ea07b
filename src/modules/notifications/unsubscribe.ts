import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import type { Deps } from '../../deps.ts';
import type { Channel } from './notifications.table.ts';

const SETTING = 'notifications_secret';
let cached: { db: Db; secret: Buffer } | undefined;

/** The key behind one-click unsubscribe links, made once and kept in the database for every process. */
export async function notificationsSecret(db: Db): Promise<Buffer> {
  if (cached?.db === db) return cached.secret;
  const read = () =>
    db.selectFrom('system_settings').select('value').where('key', '=', SETTING).executeTakeFirst();
  if (!(await read())) {
    await db
      .insertInto('system_settings')
      .values({
        key: SETTING,
        value: JSON.stringify({ secret: randomBytes(32).toString('base64') }),
        updated_at: new Date(),
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }
  const stored = (await read())!;
  const secret = Buffer.from((stored.value as { secret: string }).secret, 'base64');
  cached = { db, secret };
  return secret;
}

export type UnsubscribeTarget = { userId: string; kind: string; channel: Channel };

function mac(secret: Buffer, t: UnsubscribeTarget): string {
  return createHmac('sha256', secret)
    .update(`unsubscribe\n${t.userId}\n${t.kind}\n${t.channel}`)
    .digest()
    .subarray(0, 18)
    .toString('base64url');
}

/**
 * The one-click address (RFC 8058) that turns one kind off on one channel for one person: the web
 * app's confirmation page, where a GET (a person, a mail scanner's prefetch) only asks; a POST to
 * the same address (the mail client's one-click) or the page's button does it.
 */
export function unsubscribeUrl(deps: Deps, secret: Buffer, t: UnsubscribeTarget): string {
  const base = deps.config.publicUrl ?? `http://localhost:${deps.config.port}`;
  const u = new URL('/unsubscribe', base);
  u.searchParams.set('u', t.userId);
  u.searchParams.set('k', t.kind);
  u.searchParams.set('c', t.channel);
  u.searchParams.set('t', mac(secret, t));
  return u.toString();
}

export function unsubscribeTokenMatches(secret: Buffer, t: UnsubscribeTarget, token: string): boolean {
  const a = Buffer.from(mac(secret, t));
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

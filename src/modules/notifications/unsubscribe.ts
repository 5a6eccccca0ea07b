import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { secret } from '../../platform/keys/index.ts';
import type { Channel } from './notifications.table.ts';

/**
 * The key behind one-click unsubscribe links: a named secret kept outside the database with the
 * signing keys (decision 0024; a value kept in system_settings before is moved out on first use).
 */
export function notificationsSecret(deps: Pick<Deps, 'db' | 'config'>): Promise<Buffer> {
  return secret(deps, 'notifications');
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

import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { type DirectMessage, sendDirectMessage } from '../../platform/direct-message.ts';

/**
 * What sign-in tells people, through the direct-message hook (src/platform/direct-message.ts):
 * queued in the transaction of the change, mandatory (no preference or unsubscribe turns it off).
 * Every security notice carries the link to reset the password, the way back in.
 */
export function publicLink(deps: Deps, path: string): string {
  const base = (deps.config.publicUrl ?? `http://localhost:${deps.config.port}`).replace(/\/$/, '');
  return `${base}${path}`;
}

export const resetLink = (deps: Deps) => publicLink(deps, '/forgot-password');

/** A time as people in Pakistan read it: 2026-11-28 10:00 (Asia/Karachi by default). */
export function localTime(deps: Deps, at: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: deps.config.timezone,
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(at);
}

/** A short, readable name for the browser or app that signed in. */
export function deviceName(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Chrome\//.test(ua)
      ? 'Chrome'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Safari\//.test(ua)
          ? 'Safari'
          : null;
  const system = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  if (browser || system) return [browser, system].filter(Boolean).join(' on ');
  return ua.slice(0, 40) || 'unknown device';
}

/**
 * A security notice to an account's owner, by email (every account has one) and in their inbox;
 * `at` is now unless given. The dedupe key is the kind's own key with the time.
 */
export function tellOwner(
  deps: Deps,
  trx: Kysely<Database>,
  userId: string,
  kind: Extract<DirectMessage['kind'], `security.${string}`>,
  params: Record<string, string>,
  key: string,
  channel: 'email' | 'sms' = 'email',
): Promise<void> {
  return sendDirectMessage(deps, trx, ownerMessage(deps, userId, kind, params, key, channel));
}

/** The message tellOwner sends, for a caller that sends several at once (sendDirectMessages). */
export function ownerMessage(
  deps: Deps,
  userId: string,
  kind: Extract<DirectMessage['kind'], `security.${string}`>,
  params: Record<string, string>,
  key: string,
  channel: 'email' | 'sms' = 'email',
): DirectMessage {
  const now = deps.clock.now();
  return {
    kind,
    to: { userId },
    channel,
    locale: 'en',
    params: { at: localTime(deps, now), ...params, resetLink: resetLink(deps) },
    dedupeKey: `${userId}:${key}:${now.toISOString()}`,
  };
}

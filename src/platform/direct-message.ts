import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { defineHook } from './hooks.ts';

/**
 * A message to one person that must reach them whatever their preferences: a one-time code, a
 * reset link, a security notice, "someone tried to register with your number". The area that owns
 * sign-in raises it inside the transaction of the change; the notifications area subscribes in its
 * manifest and queues the message in its outbox in the same transaction, so a code is never lost
 * and never sent for a change that rolled back. Secrets (codes, links) travel only here, never in a
 * domain event (domain_events is kept and shown to staff).
 */
export type DirectMessageKind =
  | 'contact.verify_mobile'
  | 'contact.verify_email'
  | 'password.reset'
  | 'security.password_changed'
  | 'security.new_sign_in'
  | 'security.account_locked'
  | 'security.registration_attempt'
  | 'security.contact_change'
  | 'security.factor_changed'
  | 'complaint.changed';

export type DirectMessage = {
  kind: DirectMessageKind;
  /** A known person (their profile's language and contacts), or a bare contact being verified. */
  to: { userId: string } | { mobile: string } | { email: string };
  channel: 'sms' | 'email';
  /** Used when `to` is a bare contact; a known person's profile language wins otherwise. */
  locale: 'en' | 'ur';
  /** What the template fills in: a code, a link, a time, an address; no more than the person needs. */
  params: Readonly<Record<string, string>>;
  /** Stable across retries of the same change, so that a retried send is recognised. */
  dedupeKey: string;
};

/**
 * Takes the messages of one change at once, with the same statements whoever they go to and however
 * many there are (one look-up of the known people, one insert), so that the work a change does
 * tells no one whether an account exists (registration's taken and free paths).
 */
export type DirectMessageHandler = (
  deps: Deps,
  trx: Kysely<Database>,
  messages: readonly DirectMessage[],
) => Promise<void>;

/** Notifications subscribes to this point in its manifest. */
export const directMessage = defineHook<DirectMessageHandler>('platform.direct-message');

/** Hands the message to every subscriber; with none, the change fails rather than lose it. */
export function sendDirectMessage(deps: Deps, trx: Kysely<Database>, message: DirectMessage): Promise<void> {
  return sendDirectMessages(deps, trx, [message]);
}

/** Several messages of one change, handed over together (the same statements for any number). */
export async function sendDirectMessages(
  deps: Deps,
  trx: Kysely<Database>,
  messages: readonly DirectMessage[],
): Promise<void> {
  const handlers = deps.areas.hooks(directMessage);
  if (handlers.length === 0)
    throw new Error(`no area delivers direct messages (${messages.map((m) => m.kind).join(', ')})`);
  for (const h of handlers) await h(deps, trx, messages);
}

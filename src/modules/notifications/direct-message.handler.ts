import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import type { DirectMessage, DirectMessageHandler } from '../../platform/direct-message.ts';
import { recipientsOf } from '../identity/index.ts';
import { buildRow, insertNotices, type NoticeRow } from './queue.service.ts';
import { seal, splitSecrets } from './sealed-secrets.ts';
import type { Locale } from './templates.ts';

/**
 * The direct-message hook (src/platform/direct-message.ts): sign-in raises it inside the
 * transaction of its change, and the messages are queued here in that same transaction. Mandatory:
 * preferences and the rate limit do not apply; one-time codes go out in quiet hours too, a security
 * warning by SMS waits for 08:00 (its email goes at once). A code or link is sealed, never stored
 * in clear. A known person gets it in their profile's language; a security notice to a known person
 * also lands in their inbox. Repeats of the security warnings someone else can raise again and
 * again without the password (FOLDED: sign-in paused, a registration attempt) are capped: at most one email
 * and one SMS of a kind per person per hour (SECURITY_REPEAT_MS), the rest folded into it (each still
 * lands in the inbox), so a stranger locking an account from many addresses cannot flood its owner's
 * mailbox. A new sign-in is never folded: only the password raises it, and an intruder's sign-in
 * within the hour of the owner's own must still reach the owner outside the inbox the intruder can
 * read. Changes the owner makes (password, contacts, second factor) are each told. The same three statements whoever the messages go to and however many there
 * are: one look-up of the known people, one of their recent security notices (both run for nobody
 * too), one insert.
 */
export const SECURITY_REPEAT_MS = 3600_000;
export const FOLDED: readonly string[] = ['security.account_locked', 'security.registration_attempt'];
const NOBODY = '00000000-0000-0000-0000-000000000000';

/** `user|kind|channel` of the folded kinds' email and SMS queued to these people in the last hour. */
async function recentSecurity(trx: Kysely<Database>, ids: string[], now: Date): Promise<Set<string>> {
  const rows = await trx
    .selectFrom('notices')
    .select(['user_id', 'kind', 'channel'])
    .where('user_id', 'in', ids.length ? ids : [NOBODY])
    .where('kind', 'in', [...FOLDED])
    .where('channel', '<>', 'inbox')
    .where('created_at', '>', new Date(now.getTime() - SECURITY_REPEAT_MS))
    .execute();
  return new Set(rows.map((r) => `${r.user_id}|${r.kind}|${r.channel}`));
}

export const queueDirectMessage: DirectMessageHandler = async (
  deps: Deps,
  trx: Kysely<Database>,
  messages: readonly DirectMessage[],
) => {
  // The contract types the id as a number; users' ids are UUIDs. Accept either spelling.
  const ids = messages.flatMap((m) => ('userId' in m.to ? [String(m.to.userId)] : []));
  const people = await recipientsOf(deps, ids, trx);
  const recent = await recentSecurity(trx, ids, deps.clock.now());
  const rows: NoticeRow[] = [];
  for (const msg of messages) rows.push(...(await rowsOf(deps, trx, msg, people, recent)));
  await insertNotices(deps, trx, rows);
};

async function rowsOf(
  deps: Deps,
  trx: Kysely<Database>,
  msg: DirectMessage,
  people: Awaited<ReturnType<typeof recipientsOf>>,
  recent: Set<string>,
): Promise<NoticeRow[]> {
  const sourceKey = `dm:${msg.kind}:${msg.dedupeKey}`;
  let userId: string | null = null;
  let locale: Locale = msg.locale;
  let address: string | null;
  if ('userId' in msg.to) {
    userId = String(msg.to.userId);
    const person = people.get(userId);
    if (!person) throw new Error(`direct message ${msg.kind}: no user ${userId}`);
    locale = person.locale;
    address = msg.channel === 'email' ? person.email : person.mobile;
    if (!address) throw new Error(`direct message ${msg.kind}: the person has no ${msg.channel} on file`);
  } else {
    address = 'mobile' in msg.to ? msg.to.mobile : msg.to.email;
    if (('mobile' in msg.to ? 'sms' : 'email') !== msg.channel)
      throw new Error(`direct message ${msg.kind}: a ${msg.channel} cannot go to that contact`);
  }
  // A code or link is stored only sealed; the words keep a placeholder (sealed-secrets.ts).
  const { stored, secrets } = splitSecrets(msg.params);
  const base = {
    sourceKey,
    kind: msg.kind,
    userId,
    locale,
    params: stored,
    mandatory: true,
    notBefore: deps.clock.now(),
  };
  const rows: NoticeRow[] = [];
  const repeat = `${userId}|${msg.kind}|${msg.channel}`;
  const folded = Boolean(userId) && FOLDED.includes(msg.kind) && recent.has(repeat);
  if (userId && FOLDED.includes(msg.kind)) recent.add(repeat);
  if (!folded)
    rows.push({
      ...buildRow(deps, { ...base, channel: msg.channel, address, link: stored.link ?? null }),
      sealed: secrets ? await seal({ db: trx, config: deps.config }, secrets) : null,
    });
  if (userId && msg.kind.startsWith('security.'))
    rows.push(buildRow(deps, { ...base, channel: 'inbox', address: null, link: '/profile' }));
  // A complaint's answer also lands in the inbox of the person who filed it signed in.
  if (userId && msg.kind === 'complaint.changed')
    rows.push(
      buildRow(deps, {
        ...base,
        channel: 'inbox',
        address: null,
        link: `/complaints/${encodeURIComponent(msg.params.reference ?? '')}`,
      }),
    );
  return rows;
}

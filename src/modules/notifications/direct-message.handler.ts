import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import type { DirectMessage, DirectMessageHandler } from '../../platform/direct-message.ts';
import { buildRow, insertNotices, type NoticeRow } from './queue.service.ts';
import type { Locale } from './templates.ts';

/**
 * The direct-message hook (src/platform/direct-message.ts): sign-in raises it inside the
 * transaction of its change, and the message is queued here in that same transaction. Mandatory:
 * preferences and the rate limit do not apply; one-time codes go out in quiet hours too. A known
 * person gets it in their profile's language; a security notice to a known person also lands in
 * their inbox.
 */
export const queueDirectMessage: DirectMessageHandler = async (
  deps: Deps,
  trx: Kysely<Database>,
  msg: DirectMessage,
) => {
  const sourceKey = `dm:${msg.kind}:${msg.dedupeKey}`;
  const now = deps.clock.now();
  let userId: string | null = null;
  let locale: Locale = msg.locale;
  let address: string | null;
  if ('userId' in msg.to) {
    // The contract types the id as a number; users' ids are UUIDs. Accept either spelling.
    userId = String(msg.to.userId);
    const person = await trx
      .selectFrom('users')
      .select(['email', 'mobile', 'locale'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!person) throw new Error(`direct message ${msg.kind}: no user ${userId}`);
    locale = person.locale;
    address = msg.channel === 'email' ? person.email : person.mobile;
    if (!address) throw new Error(`direct message ${msg.kind}: the person has no ${msg.channel} on file`);
  } else {
    address = 'mobile' in msg.to ? msg.to.mobile : msg.to.email;
    if (('mobile' in msg.to ? 'sms' : 'email') !== msg.channel)
      throw new Error(`direct message ${msg.kind}: a ${msg.channel} cannot go to that contact`);
  }
  const base = {
    sourceKey,
    kind: msg.kind,
    userId,
    locale,
    params: msg.params,
    mandatory: true,
    notBefore: now,
  };
  const rows: NoticeRow[] = [
    buildRow(deps, { ...base, channel: msg.channel, address, link: msg.params.link ?? null }),
  ];
  if (userId && msg.kind.startsWith('security.'))
    rows.push(buildRow(deps, { ...base, channel: 'inbox', address: null, link: '/profile' }));
  await insertNotices(trx, rows);
};

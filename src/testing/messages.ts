import type { Deps } from '../deps.ts';
import { deliverNotices, readSealed } from '../modules/notifications/index.ts';
import { piiCipher } from '../platform/keys/index.ts';

/** An email or SMS as it landed in the local outbox (no SMTP server or SMS gateway in tests). */
export type SentMessage = {
  id: string;
  channel: 'email' | 'sms';
  to: string;
  subject: string | null;
  text: string;
};

/**
 * What tests read instead of trusting an API answer: the codes and links Markaz really sent.
 * `t.messages(to?)` delivers what is queued and returns everything sent, oldest first; `code` and `token`
 * take the secret from the newest message to `to` not taken before, so a test that asks twice
 * gets the second code even when the test clock has not moved.
 */
export function messageReader(deps: Deps) {
  const taken = new Set<string>();
  const all = async (to?: string): Promise<SentMessage[]> => {
    await deliverNotices(deps);
    const q = deps.db
      .selectFrom('notice_local_outbox')
      .select(['message_id', 'channel', 'recipient', 'subject', 'body_text', 'sealed', 'received_at'])
      .orderBy('received_at')
      .orderBy('message_id');
    const pii = await piiCipher(deps);
    // What the person's phone or mailbox got: the code or link the outbox keeps sealed, put back.
    const rows = await Promise.all(
      (await q.execute()).map(async (r) => ({
        id: r.message_id,
        channel: r.channel,
        to: pii.open(r.recipient, { table: 'notice_local_outbox', column: 'recipient', id: r.message_id }),
        subject: r.subject,
        text: await readSealed(deps, r.body_text, r.sealed),
      })),
    );
    return to ? rows.filter((r) => r.to === to) : rows;
  };
  const take = async (to: string, pattern: RegExp): Promise<string> => {
    const fresh = (await all(to)).filter((m) => !taken.has(m.id) && pattern.test(m.text));
    for (const m of fresh) taken.add(m.id);
    const found = fresh.at(-1)?.text.match(pattern)?.[1];
    if (!found) throw new Error(`no new message with ${pattern} to ${to}`);
    return found;
  };
  return Object.assign(all, {
    /** The 6-digit code in the newest new message to a mobile (+92…) or email. */
    code: (to: string) => take(to, /\b(\d{6})\b/),
    /** The token of the link in the newest new message to an email. */
    token: (to: string) => take(to, /[?&]token=([A-Za-z0-9_-]+)/),
  });
}

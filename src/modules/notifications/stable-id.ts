import { createHash } from 'node:crypto';
import type { Channel } from './notifications.table.ts';

/**
 * A notice's id, derived from what it is about (the event, the reminder, the direct message), whom
 * it is for and the channel: queueing it twice is a no-op, and a resend after a crash carries the
 * same email Message-ID and SMS client reference, so the peer recognises it.
 */
export function stableNoticeId(sourceKey: string, recipient: string, channel: Channel): string {
  return createHash('sha256').update(`${sourceKey}\n${recipient}\n${channel}`).digest('hex').slice(0, 40);
}

/** The email Message-ID for a notice id. */
export const messageIdOf = (id: string) => `<${id}@notices.markaz.gov.pk>`;

import type { EventHandler } from '../../../platform/events/index.ts';
import { on } from '../../../platform/events/index.ts';
import { piiCipher } from '../../../platform/keys/index.ts';
import { complaintChanged, SERVICE_DAYS } from '../../complaints/index.ts';
import { contactsOf } from '../../identity/index.ts';
import { queueDirectMessage } from '../direct-message.handler.ts';
import { found } from './notify.ts';

// The person who filed a complaint hears of each change: through their account when they were
// signed in (email, else SMS, and the inbox), else at the email or mobile they left (sealed in the
// complaint, opened here; not for "received", which they saw on screen). Mandatory: they asked
// for the answer. Dedupe by the event's id.
export const complaintHandlers: readonly EventHandler[] = [
  on(complaintChanged, 'notifications.complaint-changed', async (deps, e, trx) => {
    const p = e.payload;
    const row = found(
      await trx
        .selectFrom('complaints')
        .select(['complaint_id', 'contact', 'contact_kind', 'locale', 'user_id'])
        .where('complaint_id', '=', p.complaintId)
        .executeTakeFirst(),
      `complaint ${p.complaintId}`,
    );
    const params = { reference: p.reference, status: p.status, days: String(SERVICE_DAYS) };
    const base = { kind: 'complaint.changed' as const, locale: row.locale, params, dedupeKey: e.id };
    if (row.user_id) {
      const contacts = (await contactsOf(deps, [row.user_id], trx)).get(row.user_id);
      const channel = contacts?.email ? 'email' : 'sms';
      await queueDirectMessage(deps, trx, [{ ...base, to: { userId: row.user_id }, channel }]);
      return;
    }
    // A visitor saw the reference on screen: no "received" message to a contact nobody proved
    // (it would let anyone have Markaz text a stranger); they hear when staff take it up or answer.
    if (!row.contact || !row.contact_kind || p.status === 'received') return;
    const cipher = await piiCipher({ db: trx, config: deps.config });
    const address = cipher.open(row.contact, {
      table: 'complaints',
      column: 'contact',
      id: row.complaint_id,
    });
    await queueDirectMessage(deps, trx, [
      {
        ...base,
        ...(row.contact_kind === 'email'
          ? { to: { email: address }, channel: 'email' as const }
          : { to: { mobile: address }, channel: 'sms' as const }),
      },
    ]);
  }),
];

import { timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { DEMO_MARK } from '../../platform/demo-mark.ts';
import { piiCipher } from '../../platform/keys/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError } from '../../shared/errors.ts';
import { scrubIdentifiers } from '../../shared/mask.ts';
import type {
  DeliveryReportSchema,
  NoticeLogPageSchema,
  NoticeLogQuerySchema,
  OutboxPageSchema,
} from './notifications.schema.ts';
import { newestPage, type PageQuery } from './page.ts';
import { fill, redact, unseal } from './sealed-secrets.ts';

/** Staff see where a notice went without seeing whole contacts. */
export function maskRecipient(channel: string, address: string | null): string {
  if (!address) return channel === 'inbox' ? 'inbox' : '';
  if (address.includes('@')) return `…@${address.split('@')[1]}`;
  return `…${address.slice(-3)}`;
}

/** The delivery log of email and SMS, newest first, or only one status (dead = the dead letters). */
export async function listNoticeLog(
  deps: Deps,
  actor: Actor,
  q: z.infer<typeof NoticeLogQuerySchema>,
): Promise<z.infer<typeof NoticeLogPageSchema>> {
  requireRole(actor, 'program_admin', 'auditor');
  let query = deps.db.selectFrom('notices').selectAll().where('channel', '<>', 'inbox');
  if (q.status) query = query.where('status', '=', q.status);
  const { page, nextBefore } = await newestPage(query, { time: 'created_at', id: 'id' }, q);
  const pii = await piiCipher(deps);
  return {
    items: page.map((r) => ({
      id: r.id,
      kind: r.kind,
      channel: r.channel,
      recipient: maskRecipient(
        r.channel,
        pii.openMaybe(r.address, { table: 'notices', column: 'address', id: r.id }),
      ),
      locale: r.locale,
      status: r.status,
      attempts: r.attempts,
      mandatory: r.mandatory,
      smsSegments: r.sms_segments,
      transport: r.transport,
      lastError: r.last_error,
      createdAt: r.created_at.toISOString(),
      nextAttemptAt: r.next_attempt_at.toISOString(),
      sentAt: r.sent_at?.toISOString() ?? null,
    })),
    nextBefore,
  };
}

/**
 * Whether the outbox shows codes and links (decision 0056): when configured to, or, by default, on
 * the demo's own embedded database in development (the mark written by src/demo/seed-demo.ts), so
 * that a person trying `npm start` can follow a reset or a registration to its end. Never on a
 * database the demo did not fill, never in production.
 */
export async function outboxShowsCodes(deps: Deps): Promise<boolean> {
  const mode = deps.config.outboxShowsCodes;
  if (mode !== 'demo') return mode;
  const mark = await deps.db
    .selectFrom('system_settings')
    .select('key')
    .where('key', '=', DEMO_MARK)
    .executeTakeFirst();
  return Boolean(mark);
}

/**
 * The local outbox: what email and SMS would have carried with no SMTP server or gateway
 * configured, readable by programme admins. One-time codes and links stay hidden (they are kept
 * sealed, sealed-secrets.ts) unless outboxShowsCodes says otherwise (the demo, browser tests). Every read is audited: who read which page of whose messages.
 */
export async function listOutbox(
  deps: Deps,
  actor: Actor,
  q: PageQuery,
): Promise<z.infer<typeof OutboxPageSchema>> {
  requireRole(actor, 'program_admin');
  const { page, nextBefore } = await newestPage(
    deps.db.selectFrom('notice_local_outbox').selectAll(),
    { time: 'received_at', id: 'message_id' },
    q,
  );
  const pii = await piiCipher(deps);
  const show = await outboxShowsCodes(deps);
  const items = await Promise.all(
    page.map(async (r) => {
      const secrets = show && r.sealed ? await unseal(deps, r.sealed) : null;
      const words = (t: string | null, html = false) => (secrets ? fill(t, secrets, html) : redact(t));
      return {
        messageId: r.message_id,
        channel: r.channel,
        recipient: pii.open(r.recipient, {
          table: 'notice_local_outbox',
          column: 'recipient',
          id: r.message_id,
        }),
        subject: r.subject,
        text: words(r.body_text) ?? '',
        html: words(r.body_html, true),
        headers: r.headers,
        receivedAt: r.received_at.toISOString(),
      };
    }),
  );
  await recordChange(deps.db, actor, deps.clock, {
    action: 'notifications.outbox_read',
    entity: 'notice_outbox',
    entityId: 'local',
    details: { messages: items.length, secretsShown: show && page.some((r) => r.sealed !== null) },
  });
  return { items, nextBefore };
}

/** Tries dead notices again with a fresh set of attempts (one, or all), audited. */
export async function retryDeadNotices(deps: Deps, actor: Actor, id?: string): Promise<{ retried: number }> {
  requireRole(actor, 'program_admin');
  return deps.db.transaction().execute(async (trx) => {
    let q = trx
      .updateTable('notices')
      .set({ status: 'pending', attempts: 0, next_attempt_at: deps.clock.now() })
      .where('status', '=', 'dead');
    if (id) q = q.where('id', '=', id);
    const res = await q.executeTakeFirst();
    const retried = Number(res.numUpdatedRows);
    if (id && retried === 0) throw new AppError('not_found', 'No dead notice with this id');
    await recordChange(trx, actor, deps.clock, {
      action: 'notifications.retried',
      entity: 'notice',
      entityId: id ?? 'all-dead',
      details: { retried },
    });
    return { retried };
  });
}

const DELIVERED = new Set(['delivered', 'delivrd', 'success', 'ok', 'sent']);

function tokenMatches(expected: string | undefined, given: string | undefined): boolean {
  if (!expected || !given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The SMS gateway's delivery report (its callback, authenticated by MARKAZ_SMS_CALLBACK_TOKEN):
 * delivered marks the notice delivered; anything else ends it dead with the gateway's reason, so
 * it shows among the dead letters. An unknown reference is 404 so the gateway sees the mistake.
 */
export async function recordDeliveryReport(
  deps: Deps,
  token: string | undefined,
  report: z.infer<typeof DeliveryReportSchema>,
): Promise<{ status: 'delivered' | 'dead' }> {
  if (!tokenMatches(deps.config.smsCallbackToken, token))
    throw new AppError('unauthenticated', 'The delivery-report token is missing or wrong');
  const delivered = DELIVERED.has(report.status.toLowerCase());
  const res = await deps.db
    .updateTable('notices')
    .set(
      delivered
        ? { status: 'delivered' }
        : {
            status: 'dead',
            last_error: scrubIdentifiers(
              `gateway reported ${report.status}${report.error ? `: ${report.error}` : ''}`,
            ).slice(0, 1000),
          },
    )
    .where('id', '=', report.ref)
    .where('channel', '=', 'sms')
    .where('status', 'in', ['sent', 'sending', 'delivered'])
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) {
    const known = await deps.db
      .selectFrom('notices')
      .select('status')
      .where('id', '=', report.ref)
      .executeTakeFirst();
    if (!known) throw new AppError('not_found', 'No SMS with this reference');
  }
  return { status: delivered ? 'delivered' : 'dead' };
}

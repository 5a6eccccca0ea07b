import type { Selectable } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { SmsGatewayConfig } from '../../config.ts';
import type { Deps } from '../../deps.ts';
import type { NoticesTable as NoticesColumns } from './notifications.table.ts';

type NoticesTable = Selectable<NoticesColumns>;

import { messageIdOf } from './stable-id.ts';
import { notificationsSecret, unsubscribeUrl } from './unsubscribe.ts';

/** What a transport answers: sent (with the provider's reference), or failed, for now or for good. */
export type SendOutcome = { ok: true; ref: string | null } | { ok: false; permanent: boolean; error: string };

export type Transport = { name: string; send(deps: Deps, n: NoticesTable): Promise<SendOutcome> };

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 1000);

/** The message as nodemailer takes it: both parts, the stable Message-ID, one-click unsubscribe. */
async function mailOf(deps: Deps, n: NoticesTable) {
  const headers: Record<string, string> = { 'X-Markaz-Notice': n.kind };
  const mail = {
    from: deps.config.smtpFrom,
    to: n.address!,
    subject: n.subject,
    text: n.body_text,
    html: n.body_html ?? undefined,
    messageId: messageIdOf(n.id),
    headers,
  };
  if (!n.mandatory && n.user_id) {
    const url = unsubscribeUrl(deps, await notificationsSecret(deps), {
      userId: n.user_id,
      kind: n.kind,
      channel: 'email',
    });
    headers['List-Unsubscribe'] = `<${url}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return mail;
}

const smtpPools = new Map<string, Transporter>();

/** SMTP through nodemailer, one pooled connection set per URL. */
export const smtpTransport = (url: string): Transport => ({
  name: 'smtp',
  async send(deps, n) {
    let t = smtpPools.get(url);
    if (!t) {
      // Pooled connections, unless the URL says otherwise (nodemailer reads options from the query).
      const u = new URL(url);
      for (const [k, v] of [
        ['pool', 'true'],
        ['maxConnections', '4'],
        ['socketTimeout', '20000'],
      ])
        if (!u.searchParams.has(k!)) u.searchParams.set(k!, v!);
      t = nodemailer.createTransport(u.toString());
      smtpPools.set(url, t);
    }
    try {
      const info = await t.sendMail(await mailOf(deps, n));
      return { ok: true, ref: info.messageId ?? null };
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      // 5xx is the server refusing this message for good (no such mailbox); 4xx and network errors pass.
      return { ok: false, permanent: code !== undefined && code >= 500, error: errorText(err) };
    }
  },
});

/** Closes the pooled SMTP connections (tests, shutdown). */
export function closeSmtpPools(): void {
  for (const t of smtpPools.values()) t.close();
  smtpPools.clear();
}

const rawBuilder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

/** The embedded default: the message, built exactly as it would be sent, kept for staff to read. */
export const localTransport: Transport = {
  name: 'local',
  async send(deps, n) {
    let subject: string | null = null;
    let raw: string | null = null;
    let headers: Record<string, string> = {};
    if (n.channel === 'email') {
      const mail = await mailOf(deps, n);
      const built = await rawBuilder.sendMail(mail);
      raw = (built.message as Buffer).toString('utf8');
      subject = n.subject;
      headers = { 'Message-ID': mail.messageId, ...mail.headers };
    } else {
      headers = { 'Client-Reference': n.id };
    }
    await deps.db
      .insertInto('notice_local_outbox')
      .values({
        message_id: n.id,
        channel: n.channel as 'email' | 'sms',
        recipient: n.address!,
        subject,
        body_text: n.body_text,
        body_html: n.channel === 'email' ? n.body_html : null,
        headers: JSON.stringify(headers),
        raw,
        received_at: deps.clock.now(),
      })
      // A resend after a crash is recognised by its id, as a real peer would.
      .onConflict((oc) => oc.column('message_id').doNothing())
      .execute();
    return { ok: true, ref: n.id };
  },
};

/** Pakistani mobiles as gateways want them: 03001234567 → 923001234567. */
export function internationalMobile(mobile: string): string {
  const digits = mobile.replace(/[^\d]/g, '');
  if (/^03\d{9}$/.test(digits)) return `92${digits.slice(1)}`;
  if (/^0092\d{10}$/.test(digits)) return digits.slice(2);
  return digits;
}

/**
 * One HTTP bulk-SMS gateway, configured by field names (MARKAZ_SMS_FIELDS) and body format (JSON or
 * form), which fits the common Pakistani bulk-SMS APIs. The client reference is the notice's stable
 * id, so a resend is recognised. 2xx is accepted; 4xx (but 408 and 429) refuses this message for
 * good; anything else is tried again later.
 */
export const smsGatewayTransport = (g: SmsGatewayConfig): Transport => ({
  name: 'sms-gateway',
  async send(_deps, n) {
    const f = g.fields;
    const body: Record<string, string> = {
      [f.to]: internationalMobile(n.address!),
      [f.text]: n.body_text,
      [f.ref]: n.id,
      [f.sender]: g.sender,
    };
    const headers: Record<string, string> = { accept: 'application/json' };
    if (g.key && g.keyHeader)
      headers[g.keyHeader] = g.keyHeader === 'authorization' ? `Bearer ${g.key}` : g.key;
    else if (g.key) body[f.key] = g.key;
    headers['content-type'] = g.format === 'json' ? 'application/json' : 'application/x-www-form-urlencoded';
    try {
      const res = await fetch(g.url, {
        method: 'POST',
        headers,
        body: g.format === 'json' ? JSON.stringify(body) : new URLSearchParams(body).toString(),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      if (!res.ok) {
        const permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
        return { ok: false, permanent, error: `gateway answered ${res.status}: ${text.slice(0, 300)}` };
      }
      let ref: string | null = null;
      try {
        const j = JSON.parse(text) as Record<string, unknown>;
        const id = j.messageId ?? j.message_id ?? j.id;
        ref = id === undefined || id === null ? null : String(id);
      } catch {
        ref = null;
      }
      return { ok: true, ref };
    } catch (err) {
      return { ok: false, permanent: false, error: errorText(err) };
    }
  },
});

/** The transports the configuration asks for: real peers when configured, the local outbox otherwise. */
export function configuredTransports(deps: Deps): { email: Transport; sms: Transport } {
  return {
    email: deps.config.smtpUrl ? smtpTransport(deps.config.smtpUrl) : localTransport,
    sms: deps.config.sms ? smsGatewayTransport(deps.config.sms) : localTransport,
  };
}

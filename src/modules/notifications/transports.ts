import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import nodemailer, { type Transporter } from 'nodemailer';
import type { SmsGatewayConfig } from '../../config.ts';
import type { Deps } from '../../deps.ts';
import { piiCipher } from '../../platform/keys/index.ts';
import type { OutgoingNotice as NoticesTable } from './notifications.table.ts';

import { fill, unseal } from './sealed-secrets.ts';
import { messageIdOf } from './stable-id.ts';
import { notificationsSecret, unsubscribeUrl } from './unsubscribe.ts';

/** What a transport answers: sent (with the provider's reference), or failed, for now or for good. */
export type SendOutcome = { ok: true; ref: string | null } | { ok: false; permanent: boolean; error: string };

export type Transport = { name: string; send(deps: Deps, n: NoticesTable): Promise<SendOutcome> };

/** The notice with its sealed code or link put back, just before it leaves (sealed-secrets.ts). */
export async function withSecrets(deps: Deps, n: NoticesTable): Promise<NoticesTable> {
  if (!n.sealed) return n;
  const secrets = await unseal(deps, n.sealed);
  return {
    ...n,
    subject: fill(n.subject, secrets),
    body_text: fill(n.body_text, secrets),
    body_html: fill(n.body_html, secrets, true),
    link: fill(n.link, secrets),
  };
}

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
const smtpBuilder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

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
        ['maxConnections', '8'],
        ['socketTimeout', '20000'],
      ])
        if (!u.searchParams.has(k!)) u.searchParams.set(k!, v!);
      t = nodemailer.createTransport(u.toString());
      smtpPools.set(url, t);
    }
    try {
      // Built whole first, then handed over as one buffer: streamed part by part, each header line
      // and part boundary became a write of its own to the socket, the sender's main cost at
      // hundreds of messages a second (bench/README.md, notifications drain).
      const mail = await mailOf(deps, await withSecrets(deps, n));
      const built = await smtpBuilder.sendMail(mail);
      await t.sendMail({ envelope: built.envelope, raw: built.message as Buffer });
      return { ok: true, ref: mail.messageId };
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

/**
 * The embedded default: the message, built exactly as it would be sent, kept for staff to read. A
 * code or link stays sealed here too (staff read the message with it hidden).
 */
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
    const pii = await piiCipher(deps);
    const at = (column: string) => ({ table: 'notice_local_outbox', column, id: n.id });
    await deps.db
      .insertInto('notice_local_outbox')
      .values({
        message_id: n.id,
        channel: n.channel as 'email' | 'sms',
        recipient: pii.seal('contacts', n.address!, at('recipient')),
        subject,
        // Kept as queued: the words with placeholders, the code or link still sealed.
        body_text: n.body_text,
        body_html: n.channel === 'email' ? n.body_html : null,
        headers: JSON.stringify(headers),
        raw: pii.sealMaybe('contacts', raw, at('raw')),
        sealed: n.sealed,
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
  async send(deps, sealed) {
    const n = await withSecrets(deps, sealed);
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
      const res = await post(
        g.url,
        headers,
        g.format === 'json' ? JSON.stringify(body) : new URLSearchParams(body).toString(),
      );
      if (res.status < 200 || res.status >= 300) {
        const permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
        return { ok: false, permanent, error: `gateway answered ${res.status}: ${res.text.slice(0, 300)}` };
      }
      let ref: string | null = null;
      try {
        const j = JSON.parse(res.text) as Record<string, unknown>;
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

/**
 * Kept-alive connections to the gateway, at most 32 at once per host (the sender's bound on
 * requests in flight): node:http costs a fraction of `fetch`'s CPU per request, which counts at
 * hundreds of messages a second (bench/README.md, notifications drain).
 */
const agents = {
  http: new HttpAgent({ keepAlive: true, maxSockets: 32 }),
  https: new HttpsAgent({ keepAlive: true, maxSockets: 32 }),
};

function post(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; text: string }> {
  const u = new URL(url);
  const secure = u.protocol === 'https:';
  const send = secure ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      u,
      {
        method: 'POST',
        agent: secure ? agents.https : agents.http,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        timeout: 15_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          if (text.length < 64_000) text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('the gateway did not answer within 15 s')));
    req.on('error', reject);
    req.end(body);
  });
}

/** The transports the configuration asks for: real peers when configured, the local outbox otherwise. */
export function configuredTransports(deps: Deps): { email: Transport; sms: Transport } {
  return {
    email: deps.config.smtpUrl ? smtpTransport(deps.config.smtpUrl) : localTransport,
    sms: deps.config.sms ? smsGatewayTransport(deps.config.sms) : localTransport,
  };
}

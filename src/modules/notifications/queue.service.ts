import type { Insertable } from 'kysely';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { piiCipher } from '../../platform/keys/index.ts';
import { contactsOf } from '../identity/index.ts';
import {
  isEventKind,
  isLocked,
  isOneTimeCode,
  KINDS,
  type NoticeKind,
  onByDefault,
  sendsInQuietHours,
} from './kinds.ts';
import type { Channel, NoticesTable } from './notifications.table.ts';
import { afterQuietHours } from './quiet-hours.ts';
import { smsSegments } from './sms-segments.ts';
import { stableNoticeId } from './stable-id.ts';
import { emailHtml, emailText, type Locale, type Params, render } from './templates.ts';

/** One notice to one known person, on every channel their preferences allow. */
export type NoticeRequest = {
  /** What it is about, stable across re-runs: `event:<id>`, `reminder:<booking>`, `digest:<day>`. */
  sourceKey: string;
  kind: NoticeKind;
  userId: string;
  params: Params;
  /** The page in the web app it is about, e.g. `/loans/<id>`. */
  link: string | null;
};

/** A row as inserted. */
/** A notice as built, its address still in clear: insertNotices seals it. */
export type NoticeRow = Omit<Insertable<NoticesTable>, 'address'> & {
  id: string;
  next_attempt_at: Date;
  address: string | null;
};

const CHUNK = 1000;

export type Recipient = { id: string; email: string; mobile: string | null; locale: Locale; status: string };

async function recipients(deps: Deps, trx: Kysely<Database>, ids: string[]): Promise<Map<string, Recipient>> {
  const rows = await trx
    .selectFrom('users')
    .select(['id', 'locale', 'status'])
    .where('id', 'in', ids)
    .execute();
  const contacts = await contactsOf(deps, ids, trx);
  return new Map(
    rows.map((r) => {
      const c = contacts.get(r.id)!;
      return [r.id, { ...r, email: c.email, mobile: c.mobile }];
    }),
  );
}

/** The person's explicit choices (rows only where they differ from the default). */
async function choices(trx: Kysely<Database>, ids: string[], kinds: string[]) {
  const rows = await trx
    .selectFrom('notice_preferences')
    .select(['user_id', 'kind', 'channel', 'enabled'])
    .where('user_id', 'in', ids)
    .where('kind', 'in', kinds)
    .execute();
  return new Map(rows.map((r) => [`${r.user_id}|${r.kind}|${r.channel}`, r.enabled]));
}

/** Non-mandatory email and SMS queued for each person in the last hour, for the rate limit. */
async function recentCounts(trx: Kysely<Database>, ids: string[], now: Date) {
  const rows = await trx
    .selectFrom('notices')
    .select(['user_id', 'channel', sql<number>`count(*)::int`.as('n')])
    .where('user_id', 'in', ids)
    .where('channel', '<>', 'inbox')
    .where('mandatory', '=', false)
    .where('created_at', '>', new Date(now.getTime() - 3600_000))
    .groupBy(['user_id', 'channel'])
    .execute();
  return new Map(rows.map((r) => [`${r.user_id}|${r.channel}`, r.n]));
}

/** The absolute address of a page of the web app, for email. */
export function absoluteLink(deps: Deps, link: string | null): string | null {
  if (!link) return null;
  if (link.startsWith('⟪')) return link; // a sealed link, put back at send time (sealed-secrets.ts)
  const base = deps.config.publicUrl ?? `http://localhost:${deps.config.port}`;
  return new URL(link, base).toString();
}

/** Builds one row: the words in the person's language, the time it may go out. */
export function buildRow(
  deps: Deps,
  o: {
    sourceKey: string;
    kind: NoticeKind;
    channel: Channel;
    userId: string | null;
    address: string | null;
    locale: Locale;
    params: Params;
    link: string | null;
    mandatory: boolean;
    notBefore: Date;
  },
): NoticeRow {
  const now = deps.clock.now();
  const r = render(o.kind, o.locale, o.params);
  const oneTime = isOneTimeCode(o.kind);
  const isSms = o.channel === 'sms';
  const at = isSms && !sendsInQuietHours(o.kind) ? afterQuietHours(o.notBefore) : o.notBefore;
  const abs = o.channel === 'email' ? absoluteLink(deps, o.link) : o.link;
  return {
    id: stableNoticeId(o.sourceKey, o.userId ?? o.address!, o.channel),
    source_key: o.sourceKey,
    kind: o.kind,
    channel: o.channel,
    user_id: o.userId,
    address: o.channel === 'inbox' ? null : o.address,
    locale: o.locale,
    subject: r.subject,
    body_text: isSms ? r.sms : o.channel === 'email' ? emailText(r, o.locale, abs) : r.text,
    body_html: o.channel === 'email' ? emailHtml(r, o.locale, abs) : null,
    link: abs,
    mandatory: o.mandatory,
    one_time_code: oneTime,
    sms_segments: isSms ? smsSegments(r.sms).segments : null,
    status: o.channel === 'inbox' ? 'sent' : 'pending',
    next_attempt_at: at,
    last_error: null,
    transport: o.channel === 'inbox' ? 'inbox' : null,
    provider_ref: null,
    created_at: now,
    sent_at: o.channel === 'inbox' ? now : null,
    read_at: null,
  };
}

/** Inserts rows; a row whose stable id exists already (a re-run) is skipped. Returns how many were new. */
export async function insertNotices(deps: Deps, trx: Kysely<Database>, rows: NoticeRow[]): Promise<number> {
  let n = 0;
  const pii = await piiCipher(deps, trx);
  const sealed = rows.map((r) => ({
    ...r,
    address: pii.sealMaybe('contacts', r.address, { table: 'notices', column: 'address', id: r.id }),
  }));
  for (let i = 0; i < sealed.length; i += CHUNK) {
    const res = await trx
      .insertInto('notices')
      .values(sealed.slice(i, i + CHUNK))
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    n += Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  return n;
}

/**
 * Queues notices to known people, in the caller's transaction (an event handler's, a job's): per
 * person, each channel of the kind that their preferences allow (money and security notices on
 * every channel whatever they chose), in their profile's language, SMS deferred past quiet hours,
 * and beyond the hourly limit per person and channel spread over the following hours (never
 * dropped). Idempotent: the same request queued again adds nothing.
 */
export async function queueNotices(
  trx: Kysely<Database>,
  deps: Deps,
  requests: readonly NoticeRequest[],
): Promise<number> {
  let queued = 0;
  const now = deps.clock.now();
  for (let i = 0; i < requests.length; i += CHUNK) {
    const chunk = requests.slice(i, i + CHUNK);
    const ids = [...new Set(chunk.map((r) => r.userId))];
    const [people, prefs, counts] = await Promise.all([
      recipients(deps, trx, ids),
      choices(trx, ids, [...new Set(chunk.map((r) => r.kind))]),
      recentCounts(trx, ids, now),
    ]);
    const rows: NoticeRow[] = [];
    for (const req of chunk) {
      const person = people.get(req.userId);
      if (!person) throw new Error(`notice ${req.kind}: no user ${req.userId}`);
      const locked = isLocked(req.kind);
      if (person.status !== 'active' && !locked) continue;
      const channels: readonly Channel[] = isEventKind(req.kind) ? KINDS[req.kind].channels : ['inbox'];
      for (const channel of channels) {
        const chosen = prefs.get(`${req.userId}|${req.kind}|${channel}`);
        const on = locked || (chosen ?? (isEventKind(req.kind) ? onByDefault(req.kind, channel) : true));
        if (!on) continue;
        const address = channel === 'email' ? person.email : channel === 'sms' ? person.mobile : null;
        if (channel !== 'inbox' && !address) continue; // no mobile on file: inbox and email still carry it
        let notBefore = now;
        if (channel !== 'inbox' && !locked) {
          const key = `${req.userId}|${channel}`;
          const n = counts.get(key) ?? 0;
          counts.set(key, n + 1);
          const hours = Math.floor(n / deps.config.notifyPerHour);
          if (hours > 0) notBefore = new Date(now.getTime() + hours * 3600_000);
        }
        rows.push(
          buildRow(deps, {
            sourceKey: req.sourceKey,
            kind: req.kind,
            channel,
            userId: req.userId,
            address,
            locale: person.locale,
            params: req.params,
            link: req.link,
            mandatory: locked,
            notBefore,
          }),
        );
      }
    }
    queued += await insertNotices(deps, trx, rows);
  }
  return queued;
}

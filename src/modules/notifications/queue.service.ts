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

const HOUR = 3600_000;

/**
 * When each person's non-mandatory email and SMS go (or went), from an hour ago on, for the rate
 * limit: counted by the time a notice is due to go (or went), not the time it was queued, so two
 * batches an hour apart, or SMS held overnight, cannot send more than the limit in any hour.
 */
async function scheduledTimes(trx: Kysely<Database>, ids: string[], now: Date) {
  const due = sql<Date>`coalesce(sent_at, next_attempt_at)`;
  const rows = await trx
    .selectFrom('notices')
    .select(['user_id', 'channel', due.as('due')])
    .where('user_id', 'in', ids)
    .where('channel', '<>', 'inbox')
    .where('mandatory', '=', false)
    .where('status', '<>', 'withdrawn')
    .where(due, '>', new Date(now.getTime() - HOUR))
    .execute();
  const times = new Map<string, number[]>();
  for (const r of rows) {
    const key = `${r.user_id}|${r.channel}`;
    times.set(key, [...(times.get(key) ?? []), new Date(r.due).getTime()]);
  }
  return times;
}

/**
 * The earliest time at or after `from` (and, for an SMS, outside quiet hours) at which one more
 * notice keeps every hour-long window at `perHour` or fewer, given the times already taken: a
 * time is free when fewer than `perHour` are taken within an hour either side of it.
 */
export function nextFreeSlot(taken: readonly number[], from: Date, perHour: number, sms: boolean): Date {
  let t = (sms ? afterQuietHours(from) : from).getTime();
  for (;;) {
    const near = taken.filter((x) => x > t - HOUR && x < t + HOUR);
    if (near.length < perHour) return new Date(t);
    t = Math.min(...near) + HOUR;
    if (sms) t = afterQuietHours(new Date(t)).getTime();
  }
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
    /** Why it waits past `notBefore`'s first choice (the hourly limit), shown until it goes. */
    held?: string | null;
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
    last_error: o.held ?? null,
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
 * and beyond the hourly limit per person and channel (counted by when notices go, not when they
 * were queued) spread over the following hours, each held one saying why (never dropped). Idempotent: the same request queued again adds nothing.
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
    const [people, prefs, taken] = await Promise.all([
      recipients(deps, trx, ids),
      choices(trx, ids, [...new Set(chunk.map((r) => r.kind))]),
      scheduledTimes(trx, ids, now),
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
        let held: string | null = null;
        if (channel !== 'inbox' && !locked) {
          const key = `${req.userId}|${channel}`;
          const times = taken.get(key) ?? [];
          taken.set(key, times);
          const sms = channel === 'sms' && !sendsInQuietHours(req.kind);
          const first = sms ? afterQuietHours(now) : now;
          notBefore = nextFreeSlot(times, now, deps.config.notifyPerHour, sms);
          if (notBefore.getTime() > first.getTime())
            held = `held: over ${deps.config.notifyPerHour} per hour to this person; goes ${notBefore.toISOString()}`;
          times.push(notBefore.getTime());
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
            held,
          }),
        );
      }
    }
    queued += await insertNotices(deps, trx, rows);
  }
  return queued;
}

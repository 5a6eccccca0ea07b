import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireUser } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import { notFound } from '../../shared/errors.ts';
import { calendarEntries } from './calendar-entries.ts';
import { renderCalendar } from './ical.ts';
import { ensureTokenSecret, mac } from './token-secret.ts';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const feedPath = (token: string) => `/api/v1/calendar/${token}.ics`;

const KIND: Record<string, string> = {
  hot_desk: 'Hot desk',
  dedicated_desk: 'Dedicated desk',
  cabin: 'Cabin',
  meeting_room: 'Meeting room',
  training_room: 'Training room',
};

/**
 * Feed addresses are derived from the secret, the person and a version, so they can be shown
 * again without storing them; only a hash is kept, for lookup. Rotating bumps the version and
 * the old address stops working.
 */
async function tokenFor(deps: Deps, userId: string, version: number): Promise<string> {
  return mac(await ensureTokenSecret(deps), 'ical', `${userId}:${version}`, 18);
}

function describe(deps: Deps, token: string) {
  const path = feedPath(token);
  return { url: deps.config.publicUrl ? `${deps.config.publicUrl.replace(/\/$/, '')}${path}` : path, path };
}

export async function getCalendarFeed(deps: Deps, actor: Actor) {
  requireUser(actor);
  const row = await deps.db
    .selectFrom('calendar_feeds')
    .select('version')
    .where('user_id', '=', actor.userId)
    .executeTakeFirst();
  if (!row) throw notFound('Calendar feed');
  return describe(deps, await tokenFor(deps, actor.userId, row.version));
}

/** Creates my feed, or gives it a new address (the old one stops working). */
export async function rotateCalendarFeed(deps: Deps, actor: Actor) {
  requireUser(actor);
  const secretReady = await ensureTokenSecret(deps);
  return inTransaction(deps.db, async (trx) => {
    const current = await trx
      .selectFrom('calendar_feeds')
      .select('version')
      .where('user_id', '=', actor.userId)
      .forUpdate()
      .executeTakeFirst();
    const version = (current?.version ?? 0) + 1;
    const token = mac(secretReady, 'ical', `${actor.userId}:${version}`, 18);
    await trx
      .insertInto('calendar_feeds')
      .values({ user_id: actor.userId, version, token_hash: hashToken(token), created_at: deps.clock.now() })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ version, token_hash: hashToken(token) }))
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: current ? 'calendar_feed.rotated' : 'calendar_feed.created',
      entity: 'user',
      entityId: actor.userId,
      details: { version },
    });
    return describe(deps, token);
  });
}

/** The feed itself, for calendar clients: no session, the address is the secret. */
export async function renderCalendarFeed(deps: Deps, token: string): Promise<string> {
  if (!/^[A-Za-z0-9_-]{20,40}$/.test(token)) throw notFound('Calendar');
  const feed = await deps.db
    .selectFrom('calendar_feeds')
    .select('user_id')
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!feed) throw notFound('Calendar');
  const since = new Date(deps.clock.now().getTime() - 60 * 86400_000);
  const rows = await deps.db
    .selectFrom('bookings as b')
    .innerJoin('seats as s', (j) =>
      j.onRef('s.center_id', '=', 'b.center_id').onRef('s.seat_id', '=', 'b.seat_id'),
    )
    .innerJoin('centers as c', 'c.center_id', 'b.center_id')
    .innerJoin('cities as ci', 'ci.id', 'c.city_id')
    .select([
      'b.booking_id',
      'b.status',
      'b.created_at',
      'b.cancelled_at',
      'b.checked_in_at',
      's.label',
      's.kind',
      'c.name_en',
      'c.address',
      'ci.name_en as city',
      'c.latitude',
      'c.longitude',
      sql<Date>`lower(b.during)`.as('starts_at'),
      sql<Date>`upper(b.during)`.as('ends_at'),
    ])
    .where('b.booker_id', '=', feed.user_id)
    .where('b.status', 'in', ['confirmed', 'checked_in', 'cancelled'])
    .where(sql<boolean>`upper(b.during) >= ${since}`)
    .orderBy(sql`lower(b.during)`)
    .limit(1000)
    .execute();
  const others = [];
  for (const entries of deps.areas.hooks(calendarEntries))
    others.push(...(await entries(deps.db, feed.user_id, since)));
  return renderCalendar('Markaz bookings', [
    ...rows.map((r) => ({
      uid: `${r.booking_id}@markaz.pk`,
      start: new Date(r.starts_at),
      end: new Date(r.ends_at),
      stamp: r.cancelled_at ?? r.checked_in_at ?? r.created_at,
      summary: `${KIND[r.kind] ?? r.kind} ${r.label} — ${r.name_en}`,
      location: `${r.address}, ${r.city}`,
      description: `Markaz booking ${r.booking_id} (${r.status.replace('_', ' ')}). Show your check-in code at the desk.`,
      geo: { latitude: r.latitude, longitude: r.longitude },
      cancelled: r.status === 'cancelled',
    })),
    ...others,
  ]);
}

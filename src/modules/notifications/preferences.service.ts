import type { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { type Actor, requireUser } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError } from '../../shared/errors.ts';
import { EVENT_KINDS, isEventKind, isLocked, KINDS, type KindSpec, onByDefault } from './kinds.ts';
import type { PreferencesInputSchema, PreferencesSchema } from './notifications.schema.ts';
import type { Channel } from './notifications.table.ts';
import { notificationsSecret, type UnsubscribeTarget, unsubscribeTokenMatches } from './unsubscribe.ts';

type Preferences = z.infer<typeof PreferencesSchema>;

/** The person's notices by kind and channel (those of their role), with what they chose. */
export async function getPreferences(deps: Deps, actor: Actor): Promise<Preferences> {
  requireUser(actor);
  const [rows, settings] = await Promise.all([
    deps.db
      .selectFrom('notice_preferences')
      .select(['kind', 'channel', 'enabled'])
      .where('user_id', '=', actor.userId)
      .execute(),
    deps.db.selectFrom('notice_settings').selectAll().where('user_id', '=', actor.userId).executeTakeFirst(),
  ]);
  const chosen = new Map(rows.map((r) => [`${r.kind}|${r.channel}`, r.enabled]));
  const kinds: Preferences['kinds'] = EVENT_KINDS.filter((k) =>
    (KINDS[k] as KindSpec).audience.includes(actor.role),
  ).map((kind) => {
    const spec: KindSpec = KINDS[kind];
    const locked = isLocked(kind);
    return {
      kind,
      category: spec.category,
      locked,
      channels: spec.channels.map((channel) => ({
        channel,
        enabled: locked || (chosen.get(`${kind}|${channel}`) ?? onByDefault(kind, channel)),
      })),
    };
  });
  kinds.push({
    kind: 'security',
    category: 'security',
    locked: true,
    channels: [
      { channel: 'inbox', enabled: true },
      { channel: 'email', enabled: true },
      { channel: 'sms', enabled: true },
    ],
  });
  const nearby =
    settings?.nearby_km && settings.near_latitude !== null && settings.near_longitude !== null
      ? { km: settings.nearby_km, latitude: settings.near_latitude, longitude: settings.near_longitude }
      : null;
  return { kinds, nearby };
}

function checkChange(kind: string, channel: Channel, index: number) {
  const at = `changes.${index}`;
  if (!isEventKind(kind))
    throw new AppError('validation_failed', `${at}.kind: no such kind of notice`, {
      fields: [{ path: `${at}.kind`, message: 'no such kind of notice', rule: 'unknown_kind' }],
    });
  if (!(KINDS[kind] as KindSpec).channels.includes(channel))
    throw new AppError('validation_failed', `${at}.channel: this notice does not use that channel`, {
      fields: [
        { path: `${at}.channel`, message: 'this notice does not use that channel', rule: 'no_such_channel' },
      ],
    });
  if (isLocked(kind))
    throw new AppError('validation_failed', `${at}.kind: money and security notices cannot be turned off`, {
      fields: [
        { path: `${at}.kind`, message: 'money and security notices cannot be turned off', rule: 'locked' },
      ],
    });
}

/** Saves the person's choices; a locked kind or an unknown one is refused and nothing changes. */
export async function updatePreferences(
  deps: Deps,
  actor: Actor,
  input: z.infer<typeof PreferencesInputSchema>,
): Promise<Preferences> {
  requireUser(actor);
  const changes = input.changes ?? [];
  for (const [i, c] of changes.entries()) checkChange(c.kind, c.channel, i);
  if (input.nearby && actor.role !== 'freelancer')
    throw new AppError('validation_failed', 'nearby: only freelancers hear of centres opening near them', {
      fields: [{ path: 'nearby', message: 'only for freelancers', rule: 'freelancers_only' }],
    });
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    for (const c of changes) {
      await trx
        .insertInto('notice_preferences')
        .values({
          user_id: actor.userId,
          kind: c.kind,
          channel: c.channel,
          enabled: c.enabled,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc.columns(['user_id', 'kind', 'channel']).doUpdateSet({ enabled: c.enabled, updated_at: now }),
        )
        .execute();
    }
    if (input.nearby !== undefined) {
      const n = input.nearby;
      const values = {
        nearby_km: n?.km ?? null,
        near_latitude: n?.latitude ?? null,
        near_longitude: n?.longitude ?? null,
        updated_at: now,
      };
      await trx
        .insertInto('notice_settings')
        .values({ user_id: actor.userId, ...values })
        .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
        .execute();
    }
    await recordChange(trx, actor, deps.clock, {
      action: 'notifications.preferences_changed',
      entity: 'user',
      entityId: actor.userId,
      after: input,
      details: { changes: changes.length, nearby: input.nearby === undefined ? 'same' : 'set' },
    });
  });
  return getPreferences(deps, actor);
}

/**
 * One-click unsubscribe (RFC 8058): the link in an email's List-Unsubscribe header turns that kind
 * off on that channel, without a login; the token is a MAC over (person, kind, channel).
 */
export async function unsubscribe(deps: Deps, target: UnsubscribeTarget, token: string) {
  const secret = await notificationsSecret(deps);
  if (!unsubscribeTokenMatches(secret, target, token))
    throw new AppError('validation_failed', 't: the link is not valid', {
      fields: [{ path: 't', message: 'the link is not valid', rule: 'bad_token' }],
    });
  if (!isEventKind(target.kind) || isLocked(target.kind))
    throw new AppError('validation_failed', 'k: this notice cannot be turned off', {
      fields: [{ path: 'k', message: 'this notice cannot be turned off', rule: 'locked' }],
    });
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('notice_preferences')
      .values({
        user_id: target.userId,
        kind: target.kind,
        channel: target.channel,
        enabled: false,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['user_id', 'kind', 'channel']).doUpdateSet({ enabled: false, updated_at: now }),
      )
      .execute();
    await recordChange(trx, { kind: 'system', name: 'one-click unsubscribe' }, deps.clock, {
      action: 'notifications.unsubscribed',
      entity: 'user',
      entityId: target.userId,
      details: { kind: target.kind, channel: target.channel },
    });
  });
  return { kind: target.kind, channel: target.channel, enabled: false as const };
}

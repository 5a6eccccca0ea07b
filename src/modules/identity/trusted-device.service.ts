import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, type Role, requireUser } from '../../platform/actor.ts';
import { piiCipher } from '../../platform/keys/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { notFound } from '../../shared/errors.ts';
import { needsSecondFactor } from './factor-stage.ts';
import { deviceName } from './security-messages.ts';
import './factor.table.ts';

/**
 * Remembered devices for the second factor (decision 0077). At a successful code entry the person
 * may trust the browser for `MARKAZ_TRUSTED_DEVICE_DAYS` (30): it gets a random 256-bit token in an
 * httpOnly cookie, and the database keeps only HMAC-SHA-256 of (account, token) under the keyed
 * index key, which lives outside the database like every key: a copy of the table cannot make or
 * test a cookie, and a token copied to another account opens nothing. The password is still asked
 * every time; only the code is skipped. Roles not listed in `MARKAZ_TRUSTED_DEVICE_ROLES` (by
 * default programme admins and bank officers) are never offered it, and their tokens are ignored.
 */
export const DEVICE_COOKIE = 'markaz_device';

export const canTrustDevices = (config: Deps['config'], role: Role): boolean =>
  needsSecondFactor(role) &&
  config.trustedDeviceDays > 0 &&
  (config.trustedDeviceRoles as readonly string[]).includes(role);

/**
 * The keyed hash a browser token is kept under, bound to the account: HMAC-SHA-256 under the keyed
 * index key, with a purpose of its own for each kind of token (a trusted device's, decision 0077; a
 * signed-in browser's, decision 0081), so one kind's hash never matches the other's.
 */
export async function browserTokenHash(
  deps: Pick<Deps, 'db' | 'config'>,
  purpose: 'trusted-device' | 'sign-in-browser',
  userId: string,
  token: string,
  via?: Kysely<Database>,
): Promise<string> {
  return (await piiCipher(deps, via)).mac(purpose, `${userId}\n${token}`);
}

const tokenHash = (
  deps: Pick<Deps, 'db' | 'config'>,
  userId: string,
  token: string,
  via?: Kysely<Database>,
) => browserTokenHash(deps, 'trusted-device', userId, token, via);

/** Trusts this browser for the account, in the transaction of the code step; the token goes in a cookie. */
export async function trustDevice(
  deps: Deps,
  trx: Kysely<Database>,
  actor: Actor,
  account: { id: string; role: Role },
  client: { ip?: string | undefined; userAgent?: string | undefined },
): Promise<{ token: string; expiresAt: Date } | null> {
  if (!canTrustDevices(deps.config, account.role)) return null;
  const now = deps.clock.now();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + deps.config.trustedDeviceDays * 86400_000);
  const row = await trx
    .insertInto('trusted_devices')
    .values({
      user_id: account.id,
      token_hash: await tokenHash(deps, account.id, token, trx),
      label: deviceName(client.userAgent),
      address: client.ip ?? null,
      created_at: now,
      expires_at: expiresAt,
      last_used_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordChange(trx, actor, deps.clock, {
    action: 'factor.device_trusted',
    entity: 'user',
    entityId: account.id,
    details: { device: row.id, until: expiresAt.toISOString() },
  });
  return { token, expiresAt };
}

/**
 * The trusted device a browser's token names for this account, still valid, or null. Called only
 * after the right password of an active account (sign-in.ts), so it adds no difference between
 * known and unknown accounts on the steps before it.
 */
export async function trustedDeviceOf(
  deps: Deps,
  account: { id: string; role: Role },
  token: string | undefined,
): Promise<string | null> {
  if (!token || token.length > 100 || !canTrustDevices(deps.config, account.role)) return null;
  const row = await deps.db
    .selectFrom('trusted_devices')
    .select('id')
    .where('token_hash', '=', await tokenHash(deps, account.id, token))
    .where('user_id', '=', account.id)
    .where('expires_at', '>', deps.clock.now())
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Every trusted device of an account ends: a password change or reset, a factor reset, a closure. */
export async function endTrustedDevices(trx: Kysely<Database>, userId: string): Promise<number> {
  const res = await trx.deleteFrom('trusted_devices').where('user_id', '=', userId).executeTakeFirst();
  return Number(res.numDeletedRows);
}

export type TrustedDevice = {
  id: string;
  device: string;
  address: string | null;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
};

/** The signed-in person's trusted devices still valid, newest first (their security page). */
export async function listTrustedDevices(
  deps: Deps,
  actor: Actor,
): Promise<{ offeredDays: number | null; devices: TrustedDevice[] }> {
  requireUser(actor);
  const rows = await deps.db
    .selectFrom('trusted_devices')
    .selectAll()
    .where('user_id', '=', actor.userId)
    .where('expires_at', '>', deps.clock.now())
    .orderBy('created_at', 'desc')
    .execute();
  return {
    offeredDays: canTrustDevices(deps.config, actor.role) ? deps.config.trustedDeviceDays : null,
    devices: rows.map((r) => ({
      id: r.id,
      device: r.label,
      address: r.address,
      createdAt: r.created_at.toISOString(),
      expiresAt: r.expires_at.toISOString(),
      lastUsedAt: r.last_used_at?.toISOString() ?? null,
    })),
  };
}

/** Forgets one of the person's devices (`id`) or all of them (`id` undefined): the code is asked again. */
export async function forgetTrustedDevices(deps: Deps, actor: Actor, id?: string): Promise<number> {
  requireUser(actor);
  return inTransaction(deps.db, async (trx) => {
    let q = trx.deleteFrom('trusted_devices').where('user_id', '=', actor.userId);
    if (id) q = q.where('id', '=', id);
    const n = Number((await q.executeTakeFirst()).numDeletedRows);
    if (id && n === 0) throw notFound('Trusted device');
    await recordChange(trx, actor, deps.clock, {
      action: id ? 'factor.device_forgotten' : 'factor.devices_forgotten',
      entity: 'user',
      entityId: actor.userId,
      details: id ? { device: id } : { count: n },
    });
    return n;
  });
}

import { sql } from 'kysely';
import type { Db } from './connect.ts';

/**
 * A fixed-window counter kept in the database, so that every server process shares it.
 * Returns whether this hit is allowed and, when not, how many seconds until the window ends.
 */
export async function consumeRateLimit(
  db: Db,
  key: string,
  limit: number,
  windowSeconds: number,
  now: Date,
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: windowStart, hits: 1 })
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ hits: sql`rate_limits.hits + 1` }))
    .returning('hits')
    .executeTakeFirstOrThrow();
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  return { allowed: row.hits <= limit, retryAfterSeconds };
}

/** Old windows are useless; the scheduler prunes them. */
export async function pruneRateLimits(db: Db, before: Date): Promise<number> {
  const res = await db.deleteFrom('rate_limits').where('window_start', '<', before).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** How many hits the current window of `key` holds, without counting one (0 when none). */
export async function rateLimitHits(db: Db, key: string, windowSeconds: number, now: Date): Promise<number> {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const row = await db
    .selectFrom('rate_limits')
    .select('hits')
    .where('key', '=', key)
    .where('window_start', '=', windowStart)
    .executeTakeFirst();
  return row?.hits ?? 0;
}

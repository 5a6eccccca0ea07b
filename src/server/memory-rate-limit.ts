/**
 * A fixed-window counter kept in this process, for the public read API only: a page view must not
 * cost a durable database write (a WAL flush per request was most of the portal's latency). Each
 * server process counts on its own, so behind N processes an address gets up to N × the limit;
 * that is enough to stop one scraper hammering the open data. Logins and other abuse-sensitive
 * limits stay in the database (`src/db/rate-limit.ts`), shared by every process.
 */
export type MemoryRateLimiter = {
  consume(key: string, now: Date): { allowed: boolean; retryAfterSeconds: number };
  /** Keys currently counted (for tests). */
  size(): number;
};

export function memoryRateLimiter(
  limit: number,
  windowSeconds: number,
  maxKeys = 100_000,
): MemoryRateLimiter {
  const windowMs = windowSeconds * 1000;
  let windowStart = 0;
  let hits = new Map<string, number>();
  return {
    consume(key, now) {
      const start = Math.floor(now.getTime() / windowMs) * windowMs;
      // A new window forgets the old one entirely: no per-key pruning needed.
      if (start !== windowStart) {
        windowStart = start;
        hits = new Map();
      }
      const n = (hits.get(key) ?? 0) + 1;
      // A flood of distinct addresses must not grow memory without bound: past maxKeys, new
      // addresses are not tracked (they are still served) until the window turns.
      if (n > 1 || hits.size < maxKeys) hits.set(key, n);
      const retryAfterSeconds = Math.max(1, Math.ceil((start + windowMs - now.getTime()) / 1000));
      return { allowed: n <= limit, retryAfterSeconds };
    },
    size: () => hits.size,
  };
}

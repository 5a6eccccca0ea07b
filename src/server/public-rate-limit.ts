import type { FastifyRequest } from 'fastify';
import { addressKey } from '../shared/client-address.ts';
import { AppError } from '../shared/errors.ts';
import type { Clock } from '../shared/time.ts';
import { memoryRateLimiter } from './memory-rate-limit.ts';

/** Public reads a minute per address, per server process (see memory-rate-limit.ts). */
export const PUBLIC_PER_MINUTE = 600;

type Verdict = { allowed: boolean; retryAfterSeconds: number };

/**
 * The public read API's limit, shared by the routes' own hook (transparency.routes.ts) and the
 * public cache's early answer (plugins/public-cache.ts), so that a request is counted exactly
 * once whichever of them sees it first, and a limited request always gets the same 429.
 */
export type PublicRateLimit = {
  /** Whether the URL is limited: the public read API and the open data. */
  covers(url: string): boolean;
  /** Counts the request (once: a second call returns the first verdict). */
  consume(req: FastifyRequest): Verdict;
  /** Counts the request (once) and throws the 429 if it is over the limit. */
  enforce(req: FastifyRequest): void;
  /** Lets the request through uncounted: the public cache's own refresh of a page it serves. */
  exempt(req: FastifyRequest): void;
};

const VERDICT = Symbol('public-rate-limit');
type Counted = FastifyRequest & { [VERDICT]?: Verdict };

export function publicRateLimit(clock: Clock, perMinute = PUBLIC_PER_MINUTE): PublicRateLimit {
  const limiter = memoryRateLimiter(perMinute, 60);
  const consume = (req: FastifyRequest): Verdict => {
    const counted = req as Counted;
    counted[VERDICT] ??= limiter.consume(`public:${addressKey(req.ip)}`, clock.now());
    return counted[VERDICT];
  };
  return {
    covers: (url) => url.startsWith('/api/v1/public/') || url.startsWith('/api/v1/open-data/'),
    consume,
    exempt(req) {
      (req as Counted)[VERDICT] = { allowed: true, retryAfterSeconds: 0 };
    },
    enforce(req) {
      const r = consume(req);
      if (!r.allowed)
        throw new AppError('rate_limited', 'Too many requests; the open data is also downloadable in bulk', {
          retryAfterSeconds: r.retryAfterSeconds,
        });
    },
  };
}

import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Anonymous reads of the public pages: HTTP caching headers, and a short in-process cache of the
 * serialized answer (see docs/decisions/0010-response-serialization.md).
 *
 * - Every anonymous 200 of a listed route gets `Cache-Control: public, max-age=60`, an `ETag`
 *   and `Vary: Cookie, Authorization` (a signed-in owner reading the same URL sees more, from the
 *   primary; a shared cache must not hand them the public answer). `If-None-Match` answers 304.
 * - With `ttlSeconds > 0` the body is kept for that long, keyed by the URL, and served again
 *   without the database, the handler or the response serializer. Staleness is bounded by the
 *   TTL, well inside what the replica (DATABASE_READ_URL) and `max-age=60` already allow these
 *   pages; nothing that decides anything (bookings, limits, permissions) reads it. Signed-in
 *   requests are never served from it nor stored in it.
 *
 * The hook runs at preHandler, after every onRequest hook (authentication, the public rate
 * limiter) and after request validation, so a cached answer is still limited and a bad query
 * still gets its 400.
 */
/** The public pages: what an anonymous visitor reads that is the same for every visitor. */
export const PUBLIC_PAGES = [
  '/api/v1/public/figures',
  '/api/v1/public/funnel',
  '/api/v1/public/promises',
  '/api/v1/public/series',
  '/api/v1/public/series/:key',
  '/api/v1/public/centres',
  '/api/v1/public/centres/:id',
  '/api/v1/centers',
  '/api/v1/centers/:id',
] as const;

export type PublicCacheOptions = {
  /** Route patterns (Fastify's, e.g. '/api/v1/centers/:id') whose anonymous GETs are public pages. */
  routes: readonly string[];
  ttlSeconds: number;
  maxEntries?: number;
  /** Milliseconds, monotonic; injectable for tests. */
  now?: () => number;
};

type Entry = { body: Buffer; etag: string; contentType: string; expiresAt: number };

const CACHED = Symbol('public-cache');
type Marked = FastifyRequest & { [CACHED]?: 'hit' | 'miss' | 'headers' };

export function registerPublicCache(app: FastifyInstance, opts: PublicCacheOptions): void {
  const routes = new Set(opts.routes);
  const ttlMs = opts.ttlSeconds * 1000;
  const maxEntries = opts.maxEntries ?? 2000;
  const now = opts.now ?? (() => performance.now());
  const entries = new Map<string, Entry>();

  const isPublicRead = (req: FastifyRequest) =>
    (req.method === 'GET' || req.method === 'HEAD') &&
    req.actor?.kind === 'anonymous' &&
    routes.has(req.routeOptions.url ?? '');

  const sendCached = (req: FastifyRequest, reply: FastifyReply, e: Entry) => {
    reply.header('etag', e.etag);
    if (req.headers['if-none-match'] === e.etag) return reply.code(304).send();
    return reply.header('content-type', e.contentType).send(e.body);
  };

  app.addHook('preHandler', async (req, reply) => {
    if (!isPublicRead(req)) return;
    const marked = req as Marked;
    if (ttlMs <= 0) {
      marked[CACHED] = 'headers';
      return;
    }
    const e = entries.get(req.url);
    if (e && e.expiresAt > now()) {
      marked[CACHED] = 'hit';
      return sendCached(req, reply, e);
    }
    if (e) entries.delete(req.url);
    marked[CACHED] = 'miss';
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const mark = (req as Marked)[CACHED];
    if (!mark) return payload;
    if (reply.statusCode !== 200 && reply.statusCode !== 304) return payload;
    reply.header('cache-control', 'public, max-age=60');
    reply.header('vary', 'Cookie, Authorization');
    if (mark === 'hit' || reply.statusCode !== 200) return payload;
    const body =
      typeof payload === 'string' ? Buffer.from(payload) : Buffer.isBuffer(payload) ? payload : null;
    if (!body) return payload;
    const etag = `W/"${createHash('sha1').update(body).digest('base64url')}"`;
    reply.header('etag', etag);
    if (mark === 'miss') {
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(req.url, {
        body,
        etag,
        contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
        expiresAt: now() + ttlMs,
      });
    }
    if (req.headers['if-none-match'] === etag) {
      reply.code(304);
      return '';
    }
    return payload;
  });
}

import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../../modules/identity/index.ts';
import type { PublicRateLimit } from '../public-rate-limit.ts';

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
 * Two places serve a fresh entry (see docs/decisions/0011-public-fast-path.md):
 * - Early, at onRequest before helmet, cookies and authentication, when the request cannot be
 *   signed in (no Authorization header, no session cookie): the headers captured when the entry
 *   was stored (helmet's, content-type, cache-control, vary, etag, CORS) are replayed, and the
 *   public rate limit is counted here first (a limited request goes on to get its usual 429).
 *   Only 200s are stored, keyed by the exact URL, so an entry means the same URL passed request
 *   validation before: a bad `:id` or query is never stored and still gets its 400.
 * - At preHandler, after authentication, the limiter and validation, for anonymous requests the
 *   early check sent on (e.g. a stale session cookie).
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
  /** The public read API's limit, counted by an early answer for the URLs it covers. */
  limit?: PublicRateLimit;
  /**
   * Whether the request will surely be anonymous, from its headers alone (before authentication
   * runs); the default mirrors plugins/auth.ts: no Authorization header, no session cookie.
   */
  surelyAnonymous?: (req: FastifyRequest) => boolean;
};

type Entry = {
  body: Buffer;
  etag: string;
  contentType: string;
  /** The answer's headers but the per-request ones and content-type. */
  headers: Record<string, string | string[]>;
  expiresAt: number;
};

/** Headers that belong to one request or connection, never replayed. */
const PER_REQUEST = new Set([
  'content-type',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'date',
  'set-cookie',
  'x-request-id',
  'retry-after',
]);

const CACHED = Symbol('public-cache');
const STORE = Symbol('public-cache-store');
type Marked = FastifyRequest & {
  [CACHED]?: 'hit' | 'miss' | 'headers';
  [STORE]?: { body: Buffer; etag: string };
};

/** A session cookie would make the request signed in (plugins/auth.ts); any mention of it counts. */
export function noCredentials(req: FastifyRequest): boolean {
  if (req.headers.authorization !== undefined) return false;
  const cookie = req.headers.cookie;
  return cookie === undefined || !cookie.includes(SESSION_COOKIE);
}

export function registerPublicCache(app: FastifyInstance, opts: PublicCacheOptions): void {
  const routes = new Set(opts.routes);
  const ttlMs = opts.ttlSeconds * 1000;
  const maxEntries = opts.maxEntries ?? 2000;
  const now = opts.now ?? (() => performance.now());
  const surelyAnonymous = opts.surelyAnonymous ?? noCredentials;
  const limit = opts.limit;
  const entries = new Map<string, Entry>();

  const isPublicRead = (req: FastifyRequest) =>
    (req.method === 'GET' || req.method === 'HEAD') &&
    req.actor?.kind === 'anonymous' &&
    routes.has(req.routeOptions.url ?? '');

  const fresh = (url: string) => {
    const e = entries.get(url);
    if (e && e.expiresAt > now()) return e;
    if (e) entries.delete(url);
    return undefined;
  };

  const sendCached = (req: FastifyRequest, reply: FastifyReply, e: Entry) => {
    reply.headers(e.headers);
    if (req.headers['if-none-match'] === e.etag) return reply.code(304).send();
    return reply.header('content-type', e.contentType).send(e.body);
  };

  if (ttlMs > 0) {
    // The early answer: before helmet, cookie parsing and authentication (register this plugin
    // before them). Fastify has routed the request already, so routeOptions.url is known.
    app.addHook('onRequest', (req, reply, done) => {
      if (
        (req.method !== 'GET' && req.method !== 'HEAD') ||
        !routes.has(req.routeOptions.url ?? '') ||
        !surelyAnonymous(req)
      )
        return done();
      const e = fresh(req.url);
      if (!e) return done();
      // Over the limit: go on, so the limiter's own hook answers its 429 as it always does.
      if (limit?.covers(req.url) && !limit.consume(req).allowed) return done();
      (req as Marked)[CACHED] = 'hit';
      sendCached(req, reply, e);
    });
  }

  app.addHook('preHandler', async (req, reply) => {
    if (!isPublicRead(req)) return;
    const marked = req as Marked;
    if (ttlMs <= 0) {
      marked[CACHED] = 'headers';
      return;
    }
    const e = fresh(req.url);
    if (e) {
      marked[CACHED] = 'hit';
      return sendCached(req, reply, e);
    }
    marked[CACHED] = 'miss';
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const mark = (req as Marked)[CACHED];
    if (!mark || mark === 'hit') return payload;
    if (reply.statusCode !== 200 && reply.statusCode !== 304) return payload;
    reply.header('cache-control', 'public, max-age=60');
    reply.header('vary', 'Cookie, Authorization');
    if (reply.statusCode !== 200) return payload;
    const body =
      typeof payload === 'string' ? Buffer.from(payload) : Buffer.isBuffer(payload) ? payload : null;
    if (!body) return payload;
    const etag = `W/"${createHash('sha1').update(body).digest('base64url')}"`;
    reply.header('etag', etag);
    // Stored once the answer is sent, with the headers later onSend hooks add (CORS).
    if (mark === 'miss') (req as Marked)[STORE] = { body, etag };
    if (req.headers['if-none-match'] === etag) {
      reply.code(304);
      return '';
    }
    return payload;
  });

  if (ttlMs > 0) {
    app.addHook('onResponse', (req, reply, done) => {
      const stored = (req as Marked)[STORE];
      if (!stored) return done();
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(reply.getHeaders())) {
        if (value === undefined || PER_REQUEST.has(name.toLowerCase())) continue;
        headers[name.toLowerCase()] = typeof value === 'number' ? String(value) : value;
      }
      if (entries.size >= maxEntries && !entries.has(req.url)) entries.delete(entries.keys().next().value!);
      entries.set(req.url, {
        ...stored,
        contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
        headers,
        expiresAt: now() + ttlMs,
      });
      done();
    });
  }
}

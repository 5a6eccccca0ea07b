import { createHash, randomUUID } from 'node:crypto';
import { brotliCompressSync, brotliDecompressSync, constants as zlib } from 'node:zlib';
import { negotiate } from '@fastify/accept-negotiator';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../../platform/session-cookie.ts';
import type { PublicRateLimit } from '../public-rate-limit.ts';
import type { Purge, PurgeChannel } from '../purge-channel.ts';

/**
 * Anonymous reads of the public pages: HTTP caching headers, and a short in-process cache of the
 * serialized answer (see docs/decisions/0010-response-serialization.md).
 *
 * - Every anonymous 200 of a listed route gets `Cache-Control: public, max-age=60`, an `ETag`
 *   and `Vary: Cookie, Authorization, accept-encoding` (a signed-in owner reading the same URL
 *   sees more, from the primary; a shared cache must not hand them the public answer).
 *   `If-None-Match` answers 304.
 * - With `ttlSeconds > 0` the body is kept, keyed by the URL, and served again without the
 *   database, the handler or the response serializer. For `ttlSeconds` it is fresh. After that,
 *   up to `maxStaleSeconds` after it was stored (60, what `max-age=60` already allows every
 *   browser and proxy), it is still served, while one request in the background asks the page
 *   again and replaces it (stale-while-revalidate; docs/decisions/0015-serve-stale-while-refreshing.md).
 *   At most `maxRefreshing` such refreshes run at once, so a rush on many pages costs the database
 *   a steady trickle instead of a stampede; a refresh that no longer gets a 200 (a centre closed)
 *   drops the page. Nothing that decides anything (bookings, limits, permissions) reads it.
 *   Signed-in requests are never served from it nor stored in it.
 * - A body of `COMPRESS_THRESHOLD` bytes or more is kept brotli-compressed, once, when it is
 *   stored (docs/decisions/0014-compressed-answers.md): a client that accepts `br` (every browser
 *   over HTTPS) gets those bytes as they are; any other gets them decompressed (and gzipped by
 *   @fastify/compress if it asks for gzip). A 100-seat centre page is 14 kB as JSON and 3 kB
 *   stored, so the whole national set of centre pages fits in `maxBytes`.
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
export type PublicCacheOptions = {
  /** Route patterns (Fastify's, e.g. '/api/v1/centers/:id') whose anonymous GETs are public pages. */
  routes: readonly string[];
  ttlSeconds: number;
  /** How old an entry may be and still be served while it is refreshed. Default 60. */
  maxStaleSeconds?: number;
  /** Background refreshes at once. Default 2. */
  maxRefreshing?: number;
  /** The pages a successful write changes (the areas declare theirs), dropped at once. */
  changedBy: (route: string, params: Record<string, string | undefined>) => string[];
  /**
   * How the other processes hear of this one's writes and this one of theirs (purge-channel.ts):
   * without it, a write drops pages in this process only.
   */
  channel?: PurgeChannel;
  /** What the stored bodies may add up to; the least recently read go first. Default 64 MB. */
  maxBytes?: number;
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

/** Smaller answers are sent as they are (the same bound as @fastify/compress's, in app.ts). */
export const COMPRESS_THRESHOLD = 1024;
/** Brotli at quality 4: as small as gzip -6 for these answers, at a tenth of its CPU. */
export const BROTLI_QUALITY = 4;

type Entry = {
  /** Brotli-compressed when `br`, else the answer as sent. */
  body: Buffer;
  br: boolean;
  etag: string;
  contentType: string;
  /** The answer's headers but the per-request ones and content-type. */
  headers: Record<string, string | string[]>;
  storedAt: number;
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
  'content-encoding',
  'x-request-id',
  'retry-after',
]);

const CACHED = Symbol('public-cache');
const STORE = Symbol('public-cache-store');
const REFRESH = Symbol('public-cache-refresh');
const GENERATION = Symbol('public-cache-generation');
type Marked = FastifyRequest & {
  [CACHED]?: 'hit' | 'miss' | 'headers';
  [STORE]?: { body: Buffer; br: boolean; etag: string };
  /** The cache's generation when the request began: an answer older than a purge is not stored. */
  [GENERATION]?: number;
  /** The cache's own background request for a page it is serving stale. */
  [REFRESH]?: true;
};
/** Names the cache's own refresh requests (with a per-process secret; anything else is ignored). */
const REFRESH_HEADER = 'x-markaz-cache-refresh';

/** A session cookie would make the request signed in (plugins/auth.ts); any mention of it counts. */
export function noCredentials(req: FastifyRequest): boolean {
  if (req.headers.authorization !== undefined) return false;
  const cookie = req.headers.cookie;
  return cookie === undefined || !cookie.includes(SESSION_COOKIE);
}

const acceptsBr = (req: FastifyRequest) => {
  const header = req.headers['accept-encoding'];
  return header !== undefined && negotiate(header, ['br']) === 'br';
};

const brotli = (body: Buffer) =>
  brotliCompressSync(body, {
    params: { [zlib.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT },
  });

export function registerPublicCache(app: FastifyInstance, opts: PublicCacheOptions): void {
  const routes = new Set(opts.routes);
  const ttlMs = opts.ttlSeconds * 1000;
  const maxStaleMs = Math.max(ttlMs, (opts.maxStaleSeconds ?? 60) * 1000);
  const maxRefreshing = opts.maxRefreshing ?? 1;
  const refreshing = new Set<string>();
  const secret = randomUUID();
  const changedBy = opts.changedBy;
  /** Counts the purges; see GENERATION. */
  let generation = 0;
  const maxBytes = opts.maxBytes ?? 64 * 1024 * 1024;
  let bytes = 0;
  const now = opts.now ?? (() => performance.now());
  const surelyAnonymous = opts.surelyAnonymous ?? noCredentials;
  const limit = opts.limit;
  const entries = new Map<string, Entry>();

  const isPublicRead = (req: FastifyRequest) =>
    (req.method === 'GET' || req.method === 'HEAD') &&
    req.actor?.kind === 'anonymous' &&
    routes.has(req.routeOptions.url ?? '');

  const drop = (url: string) => {
    const e = entries.get(url);
    if (!e) return;
    entries.delete(url);
    bytes -= e.body.length;
  };

  /** Asks the page again in the background, as an anonymous visitor would; onResponse stores it. */
  const refresh = (url: string) => {
    if (refreshing.has(url) || refreshing.size >= maxRefreshing) return;
    refreshing.add(url);
    setImmediate(() => {
      app
        .inject({ method: 'GET', url, headers: { [REFRESH_HEADER]: secret } })
        .catch(() => drop(url)) // the app is closing, or the page failed: ask it afresh next time
        .finally(() => refreshing.delete(url));
    });
  };

  /**
   * An entry that may be served (fresh, or stale and being refreshed), moved to the back of the
   * eviction order (the Map's insertion order).
   */
  const servable = (url: string) => {
    const e = entries.get(url);
    if (!e) return undefined;
    entries.delete(url);
    const age = now() - e.storedAt;
    if (age >= maxStaleMs) {
      bytes -= e.body.length;
      return undefined;
    }
    entries.set(url, e);
    if (age >= ttlMs) refresh(url);
    return e;
  };

  const store = (url: string, e: Entry) => {
    drop(url);
    if (e.body.length > maxBytes) return;
    while (bytes + e.body.length > maxBytes) drop(entries.keys().next().value!);
    entries.set(url, e);
    bytes += e.body.length;
  };

  const sendCached = (req: FastifyRequest, reply: FastifyReply, e: Entry) => {
    reply.headers(e.headers);
    if (req.headers['if-none-match'] === e.etag) return reply.code(304).send();
    reply.header('content-type', e.contentType);
    if (!e.br) return reply.send(e.body);
    if (acceptsBr(req)) return reply.header('content-encoding', 'br').send(e.body);
    return reply.send(brotliDecompressSync(e.body));
  };

  /**
   * The early answer, written straight to the socket: the entry carries every header the full
   * path sent (the onSend hooks' included), so Fastify's reply pipeline (onSend hooks,
   * serialization, header checks) would only redo work. The request id set by the first
   * onRequest hook goes with it.
   */
  const sendEarly = (req: FastifyRequest, reply: FastifyReply, e: Entry) => {
    const notModified = req.headers['if-none-match'] === e.etag;
    const br = e.br && acceptsBr(req);
    // A client that does not take br may take gzip: @fastify/compress, on the usual path, sees to it.
    if (e.br && !br && !notModified) return sendCached(req, reply, e);
    const body = notModified ? undefined : e.body;
    const headers: Record<string, string | string[] | number> = { ...e.headers };
    for (const [name, value] of Object.entries(reply.getHeaders()))
      if (value !== undefined) headers[name] = value;
    if (body) {
      headers['content-type'] = e.contentType;
      headers['content-length'] = body.length;
      if (br) headers['content-encoding'] = 'br';
    }
    reply.hijack();
    reply.raw.writeHead(notModified ? 304 : 200, headers);
    reply.raw.end(req.method === 'HEAD' ? undefined : body);
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
      if (req.headers[REFRESH_HEADER] === secret) {
        (req as Marked)[REFRESH] = true;
        limit?.exempt(req);
        return done();
      }
      const e = servable(req.url);
      if (!e) return done();
      // Over the limit: go on, so the limiter's own hook answers its 429 as it always does.
      if (limit?.covers(req.url) && !limit.consume(req).allowed) return done();
      (req as Marked)[CACHED] = 'hit';
      sendEarly(req, reply, e);
    });
  }

  app.addHook('preHandler', async (req, reply) => {
    if (!isPublicRead(req)) return;
    const marked = req as Marked;
    if (ttlMs <= 0) {
      marked[CACHED] = 'headers';
      return;
    }
    const e = marked[REFRESH] ? undefined : servable(req.url);
    if (e) {
      marked[CACHED] = 'hit';
      return sendCached(req, reply, e);
    }
    marked[CACHED] = 'miss';
    marked[GENERATION] = generation;
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const mark = (req as Marked)[CACHED];
    if (!mark || mark === 'hit') return payload;
    if (reply.statusCode !== 200 && reply.statusCode !== 304) return payload;
    reply.header('cache-control', 'public, max-age=60');
    reply.header('vary', 'Cookie, Authorization, accept-encoding');
    if (reply.statusCode !== 200) return payload;
    const body =
      typeof payload === 'string' ? Buffer.from(payload) : Buffer.isBuffer(payload) ? payload : null;
    if (!body) return payload;
    // A weak ETag names the content, whatever its encoding.
    const etag = `W/"${createHash('sha1').update(body).digest('base64url')}"`;
    reply.header('etag', etag);
    if (req.headers['if-none-match'] === etag) {
      reply.code(304);
      return '';
    }
    if (mark !== 'miss') return payload; // TTL 0: @fastify/compress compresses it, if asked
    // Compressed once, here, for this answer and every answer from memory after it; the
    // content-encoding it sets tells @fastify/compress (a later onSend hook) to leave it be.
    const br = body.length >= COMPRESS_THRESHOLD;
    const stored = br ? brotli(body) : body;
    // Stored once the answer is sent, with the headers later onSend hooks add (CORS).
    (req as Marked)[STORE] = { body: stored, br, etag };
    if (!br || !acceptsBr(req)) return payload;
    reply.header('content-encoding', 'br');
    return stored;
  });

  if (ttlMs > 0) {
    app.addHook('onResponse', (req, reply, done) => {
      const stored = (req as Marked)[STORE];
      if (!stored) {
        if ((req as Marked)[REFRESH]) drop(req.url);
        return done();
      }
      // Read before a write that changed this page was purged: storing it would undo the purge.
      if ((req as Marked)[GENERATION] !== generation) return done();
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(reply.getHeaders())) {
        if (value === undefined || PER_REQUEST.has(name.toLowerCase())) continue;
        headers[name.toLowerCase()] = typeof value === 'number' ? String(value) : value;
      }
      store(req.url, {
        ...stored,
        contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
        headers,
        storedAt: now(),
      });
      done();
    });
  }

  /** Drops these pages (each with every query string), or every page; an answer read before is not stored. */
  const purge = (pages: Purge) => {
    generation++;
    for (const url of [...entries.keys()]) {
      if (pages === 'all' || pages.some((p) => url === p || url.startsWith(`${p}?`))) drop(url);
    }
  };

  if (ttlMs > 0) {
    // A successful write drops the pages it changed, here at once and, through the channel, in
    // the other processes within milliseconds. Without a channel (PGlite: one process) or while
    // it is down, the others serve theirs until they refresh: at most maxStaleSeconds, what
    // max-age already allows.
    app.addHook('onResponse', (req, reply, done) => {
      if (req.method === 'GET' || req.method === 'HEAD' || reply.statusCode >= 400) return done();
      const pages = changedBy(req.routeOptions.url ?? '', (req.params ?? {}) as Record<string, string>);
      if (pages.length === 0) return done();
      purge(pages);
      opts.channel?.publish(pages);
      done();
    });
    opts.channel?.subscribe(purge);
  }
}

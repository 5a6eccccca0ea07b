import { brotliDecompressSync } from 'node:zlib';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { memoryPurgeBus, type PurgeChannel } from '../purge-channel.ts';
import { COMPRESS_THRESHOLD, registerPublicCache } from './public-cache.ts';

let failNext = false;
/** What the public rate limit saw: the early answers count, the cache's own refreshes do not. */
const limitSeen = { consumed: 0, exempted: 0 };
/** Lets the background refreshes (setImmediate, then an injected request) finish. */
const settled = () => new Promise((r) => setTimeout(r, 50));

/** A tiny app: `x-user` makes the request signed in; each page answers how often it ran. */
async function appWith(
  ttlSeconds: number,
  maxBytes?: number,
  maxRefreshing?: number,
  channel?: PurgeChannel,
) {
  let t = 0;
  let runs = 0;
  let laterHooks = 0;
  const app = Fastify();
  app.decorateRequest('actor', null as never);
  // As in the real app: registered first, so its early answer comes before authentication.
  registerPublicCache(app, {
    routes: ['/page/:id', '/page/:id/big', '/fixed'],
    ttlSeconds,
    maxBytes,
    maxRefreshing,
    ...(channel ? { channel } : {}),
    changedBy: (route, params) => (route === '/page/:id' ? [`/page/${params.id}`] : []),
    now: () => t,
    limit: {
      covers: () => true,
      consume: () => {
        limitSeen.consumed++;
        return { allowed: true, retryAfterSeconds: 0 };
      },
      enforce: () => {},
      exempt: () => {
        limitSeen.exempted++;
      },
    },
    surelyAnonymous: (req) => !req.headers['x-user'] && !req.headers['x-stale-session'],
  });
  app.addHook('onRequest', async (req) => {
    laterHooks++;
    req.actor = req.headers['x-user']
      ? { kind: 'user', userId: 'u' as never, role: 'owner', organizationId: null }
      : { kind: 'anonymous' };
  });
  app.get('/page/:id', async (req) => {
    if ((req.query as { fail?: string }).fail === '1' || failNext) throw new Error('failed');
    return { id: (req.params as { id: string }).id, runs: ++runs };
  });
  app.get('/other', async () => ({ runs: ++runs }));
  app.post('/page/:id', async (req, reply) => {
    if ((req.query as { fail?: string }).fail) return reply.code(409).send({ refused: true });
    return { written: true };
  });
  app.post('/other', async () => ({ written: true }));
  app.get('/fixed', async () => ({ same: 'always' }));
  // Big enough to be stored compressed: ~3 kB of JSON that compresses well.
  app.get('/page/:id/big', async (req) => ({
    id: (req.params as { id: string }).id,
    runs: ++runs,
    seats: Array.from({ length: 60 }, (_, i) => ({ label: `D-${i + 1}`, kind: 'desk', active: true })),
  }));
  await app.ready();
  return { app, advance: (ms: number) => (t += ms), laterHooks: () => laterHooks };
}

describe('public page cache', () => {
  it('serves an anonymous page again from memory until the TTL ends, per URL', async () => {
    const { app, advance } = await appWith(5);
    const first = await app.inject('/page/a');
    expect(first.json()).toEqual({ id: 'a', runs: 1 });
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    expect(first.headers.vary).toBe('Cookie, Authorization, accept-encoding');
    expect(first.headers.etag).toMatch(/^W\/"/);
    advance(4_000);
    const again = await app.inject('/page/a');
    expect(again.json()).toEqual({ id: 'a', runs: 1 });
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect((await app.inject('/page/b')).json()).toEqual({ id: 'b', runs: 2 });
    advance(56_001); // 60.001 s: past the 60 s an entry may be served stale
    expect((await app.inject('/page/a')).json()).toEqual({ id: 'a', runs: 3 });
  });

  it('after the TTL serves the stale page while one background request refreshes it', async () => {
    const { app, advance, laterHooks } = await appWith(5);
    expect((await app.inject('/page/a')).json()).toEqual({ id: 'a', runs: 1 });
    advance(5_000);
    const seen = { ...limitSeen };
    // Stale: answered at once from memory, and the page is asked again once, in the background.
    const [x, y] = await Promise.all([app.inject('/page/a'), app.inject('/page/a')]);
    expect(x.json()).toEqual({ id: 'a', runs: 1 });
    expect(y.json()).toEqual({ id: 'a', runs: 1 });
    await settled();
    expect(laterHooks()).toBe(2); // the first request and the one refresh
    expect(limitSeen.consumed - seen.consumed).toBe(2);
    expect(limitSeen.exempted - seen.exempted).toBe(1);
    const refreshed = await app.inject('/page/a');
    expect(refreshed.json()).toEqual({ id: 'a', runs: 2 });
    expect(refreshed.headers.etag).not.toBe(x.headers.etag);
    expect(refreshed.headers['cache-control']).toBe('public, max-age=60');
    expect(laterHooks()).toBe(2);
  });

  it('refreshes at most maxRefreshing pages at once, and drops a page whose refresh fails', async () => {
    const { app, advance } = await appWith(5, undefined, 1);
    await app.inject('/page/a');
    await app.inject('/page/b');
    advance(6_000);
    expect((await app.inject('/page/a')).json().runs).toBe(1);
    expect((await app.inject('/page/b')).json().runs).toBe(2); // stale too, but one refresh at a time
    await settled();
    expect((await app.inject('/page/a')).json().runs).toBe(3); // refreshed
    expect((await app.inject('/page/b')).json().runs).toBe(2); // still stale: refreshed now
    await settled();
    expect((await app.inject('/page/b')).json().runs).toBe(4);
    // A page whose refresh no longer answers 200 is dropped, not served stale for ever.
    await app.inject('/page/c?fail=0');
    failNext = true;
    advance(6_000);
    expect((await app.inject('/page/c?fail=0')).statusCode).toBe(200);
    await settled();
    failNext = false;
    expect((await app.inject('/page/c?fail=0')).json().runs).toBe(6); // asked afresh, not the stale 5
  });

  it('never serves or stores a signed-in read, and leaves other routes alone', async () => {
    const { app } = await appWith(5);
    await app.inject('/page/a');
    const signedIn = await app.inject({ url: '/page/a', headers: { 'x-user': '1' } });
    expect(signedIn.json()).toEqual({ id: 'a', runs: 2 });
    expect(signedIn.headers['cache-control']).toBeUndefined();
    expect((await app.inject('/page/a')).json()).toEqual({ id: 'a', runs: 1 });
    const other = await app.inject('/other');
    expect(other.headers['cache-control']).toBeUndefined();
    expect((await app.inject('/other')).json()).toEqual({ runs: 4 });
  });

  it('answers 304 to a matching If-None-Match, from memory or fresh', async () => {
    for (const ttl of [5, 0]) {
      const { app } = await appWith(ttl);
      const first = await app.inject('/fixed');
      const etag = String(first.headers.etag);
      const notModified = await app.inject({ url: '/fixed', headers: { 'if-none-match': etag } });
      expect(notModified.statusCode, `ttl ${ttl}`).toBe(304);
      expect(notModified.body).toBe('');
      const stale = await app.inject({ url: '/fixed', headers: { 'if-none-match': 'W/"other"' } });
      expect(stale.statusCode).toBe(200);
      expect(stale.json()).toEqual({ same: 'always' });
    }
  });

  it('with TTL 0 still sends the caching headers but runs the handler every time', async () => {
    const { app } = await appWith(0);
    await app.inject('/page/a');
    const second = await app.inject('/page/a');
    expect(second.json()).toEqual({ id: 'a', runs: 2 });
    expect(second.headers['cache-control']).toBe('public, max-age=60');
  });

  it('answers a fresh entry before the later onRequest hooks, with the same headers and body', async () => {
    const { app, laterHooks } = await appWith(5);
    const first = await app.inject('/page/a');
    expect(laterHooks()).toBe(1);
    const early = await app.inject('/page/a');
    expect(laterHooks()).toBe(1);
    // Not surely anonymous from its headers (a stale cookie): served at preHandler instead.
    const late = await app.inject({ url: '/page/a', headers: { 'x-stale-session': '1' } });
    expect(laterHooks()).toBe(2);
    const { date: _, ...firstHeaders } = first.headers;
    for (const r of [early, late]) {
      expect(r.body).toBe(first.body);
      expect({ ...r.headers, date: undefined }).toEqual({ ...firstHeaders, date: undefined });
    }
    const head = await app.inject({ method: 'HEAD', url: '/page/a' });
    expect(laterHooks()).toBe(2);
    expect(head.body).toBe('');
    expect(head.headers.etag).toBe(first.headers.etag);
    const notModified = await app.inject({
      url: '/page/a',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(laterHooks()).toBe(2);
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
    expect(notModified.headers.etag).toBe(first.headers.etag);
    expect(notModified.headers['cache-control']).toBe('public, max-age=60');
    // A signed-in request goes the whole way, every time.
    await app.inject({ url: '/page/a', headers: { 'x-user': '1' } });
    expect(laterHooks()).toBe(3);
  });

  it('keeps a big answer brotli-compressed: sent as it is to a client that takes br, decompressed to any other', async () => {
    const { app, laterHooks } = await appWith(5);
    const br = { 'accept-encoding': 'gzip, deflate, br' };
    const first = await app.inject({ url: '/page/a/big', headers: br });
    expect(first.headers['content-encoding']).toBe('br');
    const json = JSON.parse(brotliDecompressSync(first.rawPayload).toString());
    expect(json).toMatchObject({ id: 'a', runs: 1 });
    expect(Buffer.byteLength(JSON.stringify(json))).toBeGreaterThan(COMPRESS_THRESHOLD);
    expect(first.rawPayload.length).toBeLessThan(COMPRESS_THRESHOLD);
    const early = await app.inject({ url: '/page/a/big', headers: br });
    expect(laterHooks()).toBe(1);
    expect(early.headers['content-encoding']).toBe('br');
    expect(early.rawPayload.equals(first.rawPayload)).toBe(true);
    expect(early.headers.etag).toBe(first.headers.etag);
    for (const headers of [{}, { 'accept-encoding': 'gzip' }, { 'accept-encoding': 'br;q=0' }]) {
      const plain = await app.inject({ url: '/page/a/big', headers });
      expect(plain.headers['content-encoding'], JSON.stringify(headers)).toBeUndefined();
      expect(plain.json()).toEqual(json);
      expect(plain.headers.etag).toBe(first.headers.etag);
    }
    expect(laterHooks()).toBe(1);
    // Stored from a client that did not take br: the next one that does gets br.
    const other = await app.inject('/page/b/big');
    expect(other.headers['content-encoding']).toBeUndefined();
    const otherBr = await app.inject({ url: '/page/b/big', headers: br });
    expect(otherBr.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(otherBr.rawPayload).toString())).toEqual(other.json());
    // Small answers are never compressed.
    await app.inject({ url: '/fixed', headers: br });
    expect((await app.inject({ url: '/fixed', headers: br })).headers['content-encoding']).toBeUndefined();
  });

  it('keeps at most maxBytes of answers, dropping the least recently read first', async () => {
    const size = Buffer.byteLength(JSON.stringify({ id: 'a', runs: 1 }));
    const { app } = await appWith(60, size * 2 + 2);
    const runsOf = async (id: string) => (await app.inject(`/page/${id}`)).json().runs;
    expect(await runsOf('a')).toBe(1);
    expect(await runsOf('b')).toBe(2);
    expect(await runsOf('a')).toBe(1); // a is now the most recently read
    expect(await runsOf('c')).toBe(3); // over the budget: b goes
    expect(await runsOf('a')).toBe(1);
    expect(await runsOf('c')).toBe(3);
    expect(await runsOf('b')).toBe(4);
  });

  it('a successful write drops the pages it changes, with every query string, and nothing else', async () => {
    const { app } = await appWith(60);
    const runsOf = async (url: string) => (await app.inject(url)).json().runs;
    expect(await runsOf('/page/a')).toBe(1);
    expect(await runsOf('/page/a?lang=ur')).toBe(2);
    expect(await runsOf('/page/ab')).toBe(3);
    expect(await runsOf('/page/b')).toBe(4);
    // Refused writes and writes that change no public page drop nothing.
    await app.inject({ method: 'POST', url: '/page/a?fail=1' });
    await app.inject({ method: 'POST', url: '/other' });
    expect(await runsOf('/page/a')).toBe(1);
    await app.inject({ method: 'POST', url: '/page/a' });
    expect(await runsOf('/page/a')).toBe(5);
    expect(await runsOf('/page/a?lang=ur')).toBe(6);
    expect(await runsOf('/page/ab')).toBe(3);
    expect(await runsOf('/page/b')).toBe(4);
  });

  it('a write in one process drops the pages it changes in the others, and only those', async () => {
    const bus = memoryPurgeBus();
    const [a, b, c] = [
      await appWith(60, undefined, undefined, bus.channel()),
      await appWith(60, undefined, undefined, bus.channel()),
      await appWith(60, undefined, undefined, bus.channel()),
    ];
    const runsOf = async (app: typeof a.app, url: string) => (await app.inject(url)).json().runs;
    for (const { app } of [a, b, c]) {
      expect(await runsOf(app, '/page/x')).toBe(1);
      expect(await runsOf(app, '/page/y')).toBe(2);
    }
    await a.app.inject({ method: 'POST', url: '/page/x' });
    for (const { app } of [a, b, c]) {
      expect(await runsOf(app, '/page/x')).toBe(3); // asked afresh everywhere
      expect(await runsOf(app, '/page/y')).toBe(2); // still the stored one
    }
    // A refused write tells nobody anything.
    await b.app.inject({ method: 'POST', url: '/page/y?fail=1' });
    for (const { app } of [a, b, c]) expect(await runsOf(app, '/page/y')).toBe(2);
  });

  it('after a lapse in which purges may have been lost, a process drops every page it holds', async () => {
    let purgeFromOutside: (pages: readonly string[] | 'all') => void = () => {};
    const channel: PurgeChannel = {
      publish: () => {},
      subscribe: (fn) => {
        purgeFromOutside = fn;
      },
      close: async () => {},
    };
    const { app } = await appWith(60, undefined, undefined, channel);
    const runsOf = async (url: string) => (await app.inject(url)).json().runs;
    expect(await runsOf('/page/x')).toBe(1);
    expect(await runsOf('/page/x')).toBe(1);
    purgeFromOutside('all');
    expect(await runsOf('/page/x')).toBe(2);
  });

  it('stores only 200s: an answer that failed is asked again', async () => {
    const { app, laterHooks } = await appWith(5);
    const bad = await app.inject('/page/a?fail=1');
    expect(bad.statusCode).toBe(500);
    await app.inject('/page/a?fail=1');
    expect(laterHooks()).toBe(2);
  });
});

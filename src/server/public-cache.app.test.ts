import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areas } from '../areas.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../testing/test-app.ts';

// The plugin's own behaviour is in plugins/public-cache.test.ts; this checks it is wired to the
// real routes (a renamed route would silently lose its caching headers).
describe('public pages in the real app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ publicCacheSeconds: 60 });
  });
  afterAll(async () => t?.close());

  it('every listed pattern is a GET route', () => {
    for (const url of areas.publicPages.routes)
      expect(t.app.hasRoute({ method: 'GET', url }), url).toBe(true);
  });

  it('anonymous reads carry the caching headers and are served again; signed-in reads are not', async () => {
    for (const url of ['/api/v1/public/figures', '/api/v1/centers?limit=5']) {
      const first = await t.app.inject(url);
      expect(first.statusCode, url).toBe(200);
      expect(first.headers['cache-control'], url).toBe('public, max-age=60');
      expect(first.headers.vary, url).toBe('Cookie, Authorization, accept-encoding');
      const again = await t.app.inject({ url, headers: { 'if-none-match': String(first.headers.etag) } });
      expect(again.statusCode, url).toBe(304);
    }
    const admin = await makeUser(t.deps, 'program_admin');
    const client = await loginClient(t.app, admin.email);
    const signedIn = await client.request('GET', '/api/v1/centers?limit=5');
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.headers['cache-control']).toBeUndefined();
  });

  /** The headers two answers of the same page may differ in. */
  const stable = (h: Record<string, unknown>) => {
    const { date: _d, 'x-request-id': _r, ...rest } = h;
    return rest;
  };

  it('an early answer carries the same headers and body as the full path, helmet’s included', async () => {
    for (const url of ['/api/v1/public/centres?limit=3', '/api/v1/centers?limit=3']) {
      const full = await t.app.inject(url);
      expect(full.statusCode, url).toBe(200);
      expect(full.headers['content-security-policy'], url).toBeDefined();
      const early = await t.app.inject(url);
      // A cookie that names no session: anonymous, but only known after authentication.
      const late = await t.app.inject({ url, headers: { cookie: 'markaz_session=not-a-session' } });
      for (const r of [early, late]) {
        expect(r.body, url).toBe(full.body);
        expect(stable(r.headers), url).toEqual(stable(full.headers));
        expect(r.headers['x-request-id'], url).toBeDefined();
        expect(r.headers['x-request-id'], url).not.toBe(full.headers['x-request-id']);
      }
      const notModified = await t.app.inject({
        url,
        headers: { 'if-none-match': String(full.headers.etag) },
      });
      expect(notModified.statusCode, url).toBe(304);
      expect(notModified.body, url).toBe('');
      expect(notModified.headers.etag, url).toBe(full.headers.etag);
      expect(notModified.headers['content-security-policy'], url).toBe(
        full.headers['content-security-policy'],
      );
    }
  });

  it('a cached page still refuses a bad API key and still validates a URL it never stored', async () => {
    const url = '/api/v1/public/figures';
    expect((await t.app.inject(url)).statusCode).toBe(200);
    const badKey = await t.app.inject({ url, headers: { authorization: 'Bearer nope' } });
    expect(badKey.statusCode).toBe(401);
    expect(badKey.headers['cache-control']).toBeUndefined();
    expect((await t.app.inject('/api/v1/centers/not-a-uuid')).statusCode).toBe(400);
    expect((await t.app.inject('/api/v1/centers/not-a-uuid')).statusCode).toBe(400);
    expect((await t.app.inject('/api/v1/public/centres/not-a-uuid')).statusCode).toBe(400);
  });

  it('early answers count against the public limit, once each, and a limited request gets its 429', async () => {
    const remoteAddress = '198.51.100.7';
    const url = '/api/v1/public/promises';
    for (let i = 0; i < 600; i++) {
      const r = await t.app.inject({ url, remoteAddress });
      expect(r.statusCode, `request ${i + 1}`).toBe(200);
    }
    const limited = await t.app.inject({ url, remoteAddress });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.headers['content-type']).toMatch(/problem\+json/);
    expect(limited.headers['cache-control']).toBeUndefined();
    expect(limited.json().code).toBe('rate_limited');
    // The centre pages outside /public/ are not under that limit.
    expect((await t.app.inject({ url: '/api/v1/centers?limit=3', remoteAddress })).statusCode).toBe(200);
  });
});

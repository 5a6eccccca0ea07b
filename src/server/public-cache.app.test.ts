import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginClient, makeUser, type TestApp } from '../testing/test-app.ts';
import { PUBLIC_PAGES } from './plugins/public-cache.ts';

// The plugin's own behaviour is in plugins/public-cache.test.ts; this checks it is wired to the
// real routes (a renamed route would silently lose its caching headers).
describe('public pages in the real app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ publicCacheSeconds: 60 });
  });
  afterAll(async () => t?.close());

  it('every listed pattern is a GET route', () => {
    for (const url of PUBLIC_PAGES) expect(t.app.hasRoute({ method: 'GET', url }), url).toBe(true);
  });

  it('anonymous reads carry the caching headers and are served again; signed-in reads are not', async () => {
    for (const url of ['/api/v1/public/figures', '/api/v1/centers?limit=5']) {
      const first = await t.app.inject(url);
      expect(first.statusCode, url).toBe(200);
      expect(first.headers['cache-control'], url).toBe('public, max-age=60');
      expect(first.headers.vary, url).toBe('Cookie, Authorization');
      const again = await t.app.inject({ url, headers: { 'if-none-match': String(first.headers.etag) } });
      expect(again.statusCode, url).toBe(304);
    }
    const admin = await makeUser(t.deps, 'program_admin');
    const client = await loginClient(t.app, admin.email);
    const signedIn = await client.request('GET', '/api/v1/centers?limit=5');
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.headers['cache-control']).toBeUndefined();
  });
});

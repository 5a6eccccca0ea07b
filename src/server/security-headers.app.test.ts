import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areas } from '../areas.ts';
import { testConfig } from '../config.ts';
import type { Connection } from '../db/connect.ts';
import { createTestDb } from '../testing/test-db.ts';
import { buildApp } from './app.ts';
import { isAnswer } from './plugins/security-headers.ts';

// docs/decisions/0016-security-headers-by-kind.md: pages get helmet's full set and the app's
// Content-Security-Policy; answers get the few headers a browser acts on for them.
describe('security headers by kind of response', () => {
  let conn: Connection;
  let webDir: string;
  const apps: FastifyInstance[] = [];
  const appOver = async (https: boolean) => {
    const app = await buildApp({ areas, config: testConfig({ webDir, secureCookies: https }), db: conn.db });
    await app.ready();
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'markaz-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Markaz</title>');
    writeFileSync(join(webDir, 'assets', 'app-abc123.js'), 'export {};\n');
    conn = await createTestDb();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await conn?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('the web app’s pages and files: helmet’s full set, own scripts only, no framing', async () => {
    const app = await appOver(false);
    for (const url of ['/', '/centres/some-centre', '/assets/app-abc123.js']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("object-src 'none'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy'], url).toBe('same-origin');
      expect(res.headers['cross-origin-resource-policy'], url).toBe('same-origin');
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('an answer’s headers are a fraction of a page’s', async () => {
    const app = await appOver(false);
    const size = (h: Record<string, unknown>) =>
      Object.entries(h)
        .filter(([k]) => !['date', 'x-request-id', 'content-type', 'content-length', 'etag'].includes(k))
        .filter(([k]) => !k.startsWith('cache') && !k.startsWith('last-modified') && k !== 'accept-ranges')
        .reduce((n, [k, v]) => n + k.length + String(v).length + 4, 0);
    const page = await app.inject('/');
    const answer = await app.inject('/healthz');
    expect(size(answer.headers)).toBeLessThan(size(page.headers) / 3);
  });

  it('behind https: HSTS on both, and pages ask the browser to upgrade what they load', async () => {
    const app = await appOver(true);
    const page = await app.inject('/');
    expect(page.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(String(page.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    const answer = await app.inject('/api/v1/geo/provinces');
    expect(answer.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(answer.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
  });

  it('tells answers from pages by their path', () => {
    for (const url of ['/api/v1/public/figures', '/api/openapi.json', '/healthz', '/readyz?x=1'])
      expect(isAnswer(url), url).toBe(true);
    for (const url of [
      '/',
      '/api/docs',
      '/api/docs/static/index.html',
      '/centres',
      '/assets/a.js',
      '/apiary',
    ])
      expect(isAnswer(url), url).toBe(false);
  });
});

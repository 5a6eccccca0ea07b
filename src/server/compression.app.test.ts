import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areas } from '../areas.ts';
import { testConfig } from '../config.ts';
import type { Connection } from '../db/connect.ts';
import { fixedClock } from '../shared/time.ts';
import { createTestDb } from '../testing/test-db.ts';
import { buildApp } from './app.ts';

// docs/decisions/0014-compressed-answers.md: answers of 1 kB or more travel compressed to a client
// that accepts it; the web app's files are compressed at build time and sent as they are.
describe('compressed answers', () => {
  let conn: Connection;
  let app: FastifyInstance;
  let webDir: string;
  const script = `export const hello = ${JSON.stringify('سلام '.repeat(400))};\n`;

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'markaz-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Markaz</title>');
    writeFileSync(join(webDir, 'assets', 'app-abc123.js'), script);
    // As the build writes them (web/vite.config.ts); marked so the test knows which was sent.
    writeFileSync(join(webDir, 'assets', 'app-abc123.js.br'), brotliCompressSync(`${script}// br`));
    writeFileSync(join(webDir, 'assets', 'app-abc123.js.gz'), gzipSync(`${script}// gz`));
    conn = await createTestDb();
    app = await buildApp({
      areas,
      config: testConfig({ webDir, publicCacheSeconds: 60 }),
      db: conn.db,
      clock: fixedClock('2026-11-28T05:00:00Z'),
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await conn?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('compresses a big API answer with br or gzip as the client asks, and not for one that does not', async () => {
    const url = '/api/openapi.json';
    const plain = await app.inject(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(100_000);
    const br = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(plain.body.length / 4);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    const gz = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
  });

  it('leaves small answers and problems as they are', async () => {
    const headers = { 'accept-encoding': 'br, gzip' };
    const bad = await app.inject({ url: '/api/v1/centers/not-a-uuid', headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-encoding']).toBeUndefined();
    expect(bad.json().type).toBeDefined();
    const health = await app.inject({ url: '/healthz', headers });
    expect(health.headers['content-encoding']).toBeUndefined();
  });

  it('serves a public page compressed from the full path and from memory alike', async () => {
    const url = '/api/v1/public/figures';
    const headers = { 'accept-encoding': 'gzip, deflate, br' };
    const plain = await app.inject(url);
    expect(plain.body.length).toBeGreaterThan(1024);
    const full = await app.inject({ url: `${url}?`, headers });
    const cached = await app.inject({ url: `${url}?`, headers });
    for (const r of [full, cached]) {
      expect(r.headers['content-encoding']).toBe('br');
      expect(r.headers.etag).toBe(plain.headers.etag);
      expect(brotliDecompressSync(r.rawPayload).toString()).toBe(plain.body);
    }
    // A client that takes only gzip gets gzip, from memory too.
    const gz = await app.inject({ url: `${url}?`, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
  });

  it("sends the build's .br or .gz of a web file, as the browser accepts, and the file itself otherwise", async () => {
    const url = '/assets/app-abc123.js';
    const br = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toContain('immutable');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(`${script}// br`);
    const gz = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(`${script}// gz`);
    const plain = await app.inject(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    // A client-side route falls back to index.html, never cached (a release reaches phones at once).
    const page = await app.inject('/find');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>Markaz</title>');
    expect(page.headers['cache-control']).toBe('no-cache');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areas } from '../areas.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../testing/test-app.ts';
import { buildApp } from './app.ts';
import { urlForLog } from './log-request.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the request log carries no personal data (issue 22)', () => {
  it('keeps the path and the query’s names, never its values', () => {
    expect(urlForLog('/api/v1/users?q=35202-1234567-1&role=freelancer')).toBe('/api/v1/users?q=…&role=…');
    expect(urlForLog('/unsubscribe?u=1&t=secret-token&flag')).toBe('/unsubscribe?u=…&t=…&flag=…');
    expect(urlForLog('/api/v1/centres/abc')).toBe('/api/v1/centres/abc');
  });

  it('a staff search by CNIC, mobile or email leaves none of them in the log', async () => {
    const lines: string[] = [];
    const app = await buildApp({
      areas,
      config: { ...t.deps.config, logLevel: 'info' },
      db: t.deps.db,
      clock: t.clock,
      serveWeb: false,
      logStream: { write: (line) => lines.push(line) },
    });
    await app.ready();
    try {
      const admin = await makeUser(t.deps, 'program_admin');
      const client = await loginClient(app, admin.email);
      const searched = ['35202-1234567-1', '+923001234567', 'someone@example.pk'];
      for (const q of searched)
        expect((await client.get(`/api/v1/users?q=${encodeURIComponent(q)}`)).statusCode).toBe(200);
      const log = lines.join('');
      expect(log).toContain('"url":"/api/v1/users?q=…"');
      for (const q of searched) {
        expect(log).not.toContain(q);
        expect(log).not.toContain(encodeURIComponent(q));
      }
    } finally {
      await app.close();
    }
  });
});

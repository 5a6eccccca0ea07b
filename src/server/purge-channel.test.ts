import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../config.ts';
import type { Connection } from '../db/connect.ts';
import { silentLogger } from '../deps.ts';
import { fixedClock } from '../shared/time.ts';
import { loginClient, makeUser } from '../testing/test-app.ts';
import { createTestDb, secondConnection } from '../testing/test-db.ts';
import { buildApp } from './app.ts';
import { type Purge, postgresPurgeChannel } from './purge-channel.ts';

/** Resolves with what `check` returns once it is truthy, polling for up to `ms`. */
async function eventually<T>(check: () => T | Promise<T>, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

// docs/decisions/0017-purge-across-processes.md. LISTEN/NOTIFY needs PostgreSQL: the PGlite run
// has one process, and the in-memory channel's tests are in plugins/public-cache.test.ts.
describe.skipIf(!process.env.TEST_DATABASE_URL)('public page purges between processes (PostgreSQL)', () => {
  let conn: Connection;
  let url: string;
  const channels: ReturnType<typeof postgresPurgeChannel>[] = [];
  const open = () => {
    const c = postgresPurgeChannel(url, silentLogger, { retryMs: 50, maxRetryMs: 200 });
    channels.push(c);
    const heard: Purge[] = [];
    c.subscribe((p) => heard.push(p));
    return { c, heard };
  };

  beforeAll(async () => {
    conn = await createTestDb();
    url = conn.url!;
  });
  afterAll(async () => {
    for (const c of channels) await c.close();
    await conn?.close();
  });

  it('tells every other listener which pages changed, never the sender itself', async () => {
    const [a, b, c] = [open(), open(), open()];
    await Promise.all([a, b, c].map((x) => x.c.listening()));
    a.c.publish(['/api/v1/public/promises']);
    await eventually(() => b.heard.length && c.heard.length);
    expect(b.heard).toEqual([['/api/v1/public/promises']]);
    expect(c.heard).toEqual([['/api/v1/public/promises']]);
    // Its own message came back to a too (it listens), and was ignored.
    await new Promise((r) => setTimeout(r, 100));
    expect(a.heard).toEqual([]);
    // A list too long for a NOTIFY payload becomes "everything".
    b.c.publish(Array.from({ length: 200 }, (_, i) => `/api/v1/public/centres/${'0'.repeat(36)}${i}`));
    await eventually(() => a.heard.length);
    expect(a.heard).toEqual(['all']);
  });

  it('after its connection was cut, a process listens again and drops everything it may have missed', async () => {
    const a = open();
    const b = open();
    await Promise.all([a.c.listening(), b.c.listening()]);
    const { rows } = await sql<{ n: number }>`
      SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'markaz purge listener'`.execute(conn.db);
    expect(rows[0]!.n).toBeGreaterThanOrEqual(2);
    await eventually(() => a.heard.includes('all') && b.heard.includes('all'));
    expect(a.heard).toContain('all');
    expect(b.heard).toContain('all');
    await Promise.all([a.c.listening(), b.c.listening()]);
    a.c.publish(['/x']);
    await eventually(() => b.heard.some((p) => Array.isArray(p) && p[0] === '/x'));
    expect(b.heard.at(-1)).toEqual(['/x']);
  });

  it('two servers on one database: an admin’s new promise shows on the other server’s portal at once', async () => {
    const second = secondConnection(conn)!;
    const config = testConfig({ publicCacheSeconds: 60 });
    const clock = fixedClock('2026-11-28T05:00:00Z');
    const apps: FastifyInstance[] = [];
    try {
      for (const db of [conn.db, second.db]) {
        const purgeChannel = open().c;
        await purgeChannel.listening();
        const app = await buildApp({ config, db, clock, serveWeb: false, purgeChannel });
        await app.ready();
        apps.push(app);
      }
      const [writer, reader] = apps as [FastifyInstance, FastifyInstance];
      const register = async () =>
        (await reader.inject('/api/v1/public/promises')).json().items as { sourceName: string }[];
      expect(await register()).toEqual([]);
      expect(await register()).toEqual([]); // now held by the reader for up to a minute

      const admin = await makeUser({ db: conn.db, clock, config, log: silentLogger }, 'program_admin');
      const created = await (await loginClient(writer, admin.email)).post('/api/v1/promises', {
        announcedOn: '2024-01-01',
        announcedBy: 'Federal Government',
        sourceName: 'Recorded on the other server',
        titleEn: '10,000 centres',
        titleUr: '10,000 مراکز',
        target: 10000,
        unit: 'centres',
        figureKey: 'centres.operational',
      });
      expect(created.statusCode, created.body).toBe(201);
      const seen = await eventually(async () => (await register()).length > 0, 2_000);
      expect(seen, 'the reader still served its stored register').toBe(true);
      expect((await register()).map((p) => p.sourceName)).toEqual(['Recorded on the other server']);
    } finally {
      for (const app of apps) await app.close();
      await second.close();
    }
  });
});

import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areas } from '../areas.ts';
import { testConfig } from '../config.ts';
import type { Connection } from '../db/connect.ts';
import { silentLogger } from '../deps.ts';
import { fixedClock } from '../shared/time.ts';
import { loginClient, makeUser } from '../testing/test-app.ts';
import { createTestDb, secondConnection } from '../testing/test-db.ts';
import { buildApp } from './app.ts';
import { type Purge, parseMessage, postgresPurgeChannel } from './purge-channel.ts';

/** A client whose `LISTEN …` runs `instead`: a transaction-mode pooler loses the session's LISTEN. */
function withListen(c: pg.Client, instead: string): pg.Client {
  const query = c.query.bind(c) as (...args: unknown[]) => Promise<unknown>;
  (c as unknown as { query: typeof query }).query = (...args: unknown[]) =>
    typeof args[0] === 'string' && args[0].startsWith('LISTEN') ? query(instead) : query(...args);
  return c;
}

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
  const open = (more: Parameters<typeof postgresPurgeChannel>[2] = {}, log = silentLogger) => {
    const c = postgresPurgeChannel(url, log, { retryMs: 50, maxRetryMs: 200, ...more });
    channels.push(c);
    const heard: Purge[] = [];
    c.subscribe((p) => heard.push(p));
    return { c, heard };
  };
  const notify = (payload: string) =>
    sql`SELECT pg_notify('markaz_public_pages', ${payload})`.execute(conn.db);

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

  it('ignores a message of any other shape (anyone who can connect may NOTIFY), and goes on', async () => {
    const a = open();
    await a.c.listening();
    for (const junk of [
      'null',
      '{}',
      '[1]',
      'not json',
      '{"from":"x","pages":"/x"}',
      '{"from":"x","pages":[1]}',
    ])
      await notify(junk);
    await notify(JSON.stringify({ from: 'another process', pages: ['/after'] }));
    await eventually(() => a.heard.length);
    expect(a.heard).toEqual([['/after']]);
  });

  it('a connection that hears nothing is noticed: at LISTEN (a pooler) and later (a silent link)', async () => {
    // Played by a client whose LISTEN goes nowhere, as through a transaction-mode pooler.
    const errors: string[] = [];
    const log = { ...silentLogger, error: (_o: unknown, m?: string) => errors.push(String(m)) };
    const deaf = open({ answerMs: 200, newClient: (cfg) => withListen(new pg.Client(cfg), 'SELECT 1') }, log);
    await eventually(() => errors.length);
    expect(errors[0]).toMatch(/DATABASE_LISTEN_URL/);
    let settled = false;
    void deaf.c.listening().then(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(settled).toBe(false);

    // A link that goes quiet after a while: the heartbeat notices, and it listens again.
    const made: pg.Client[] = [];
    const quiet = open({
      heartbeatMs: 100,
      answerMs: 200,
      newClient: (cfg) => {
        const c = new pg.Client(cfg);
        made.push(c);
        return c;
      },
    });
    await quiet.c.listening();
    await made[0]!.query('UNLISTEN *'); // still connected, no longer hearing
    await eventually(() => made.length >= 2 && quiet.heard.includes('all'));
    expect(quiet.heard).toEqual(['all']);
    await quiet.c.listening();
    await notify(JSON.stringify({ from: 'another process', pages: ['/again'] }));
    await eventually(() => quiet.heard.length === 2);
    expect(quiet.heard).toEqual(['all', ['/again']]);
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
        const app = await buildApp({ areas, config, db, clock, serveWeb: false, purgeChannel });
        await app.ready();
        apps.push(app);
      }
      const [writer, reader] = apps as [FastifyInstance, FastifyInstance];
      const register = async () =>
        (await reader.inject('/api/v1/public/promises')).json().items as { sourceName: string }[];
      expect(await register()).toEqual([]);
      expect(await register()).toEqual([]); // now held by the reader for up to a minute

      const admin = await makeUser({ areas, db: conn.db, clock, config, log: silentLogger }, 'program_admin');
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

describe('purge messages', () => {
  it('are taken only in the shape Markaz sends', () => {
    expect(parseMessage('{"from":"p","pages":["/a"]}')).toEqual({ from: 'p', pages: ['/a'] });
    expect(parseMessage('{"from":"p","pages":"all"}')).toEqual({ from: 'p', pages: 'all' });
    expect(parseMessage('{"from":"p","probe":"3"}')).toEqual({ from: 'p', probe: '3' });
    for (const junk of [undefined, '', 'null', '1', '"x"', '[]', '{}', 'nope', '{"pages":["/a"]}'])
      expect(parseMessage(junk), String(junk)).toBeNull();
    expect(parseMessage('{"from":"p","pages":"/a"}')).toBeNull();
    expect(parseMessage('{"from":"p","pages":["/a",2]}')).toBeNull();
  });
});

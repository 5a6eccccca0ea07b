import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { dispatchEvents, recordEvent } from './index.ts';
import { CHILD_APP_NAME, crashHandlers, workDone } from './testing/crash-fixture.ts';

// A dispatcher process killed (SIGKILL) in the middle of a delivery: its handler has written its
// effect and holds the delivery's transaction open. Nothing of that delivery may survive, and a
// dispatcher started afterwards must bring every event's effect about exactly once.

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const CHILD = resolve(import.meta.dirname, 'testing', 'crash-dispatcher.ts');
const EVENTS = 50;
const BLOCK_AT = 25;

async function until<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await probe();
    if (got !== null) return got;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('a dispatcher killed mid-delivery (PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await sql`CREATE TABLE crash_effects (event_id uuid NOT NULL, n integer NOT NULL)`.execute(t.deps.db);
  });
  afterAll(() => t.close());

  const backends = async (q: string) =>
    (
      await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = ${CHILD_APP_NAME}
          AND (${q} = '' OR query LIKE ${q})`.execute(t.deps.db)
    ).rows[0]!.n;
  const deliveries = (status: string) =>
    t.deps.db
      .selectFrom('event_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', status as 'done')
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));

  it('leaves no trace of the interrupted delivery; a later dispatcher delivers every event exactly once', async () => {
    const handlers = crashHandlers();
    for (let n = 1; n <= EVENTS; n++) {
      t.clock.advance(1);
      await t.deps.db.transaction().execute((trx) => recordEvent(trx, t.deps, handlers, workDone, { n }));
    }

    let output = '';
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      cwd: ROOT,
      env: {
        ...process.env,
        CRASH_DATABASE_URL: t.conn.url!,
        CRASH_NOW: t.clock.now().toISOString(),
        CRASH_BLOCK_AT: String(BLOCK_AT),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (b: Buffer) => (output += b));
    child.stderr.on('data', (b: Buffer) => (output += b));
    const exited = new Promise<NodeJS.Signals | number | null>((r) =>
      child.once('exit', (code, signal) => r(signal ?? code)),
    );
    try {
      await until('the child to block inside a delivery', async () => {
        if (child.exitCode !== null) throw new Error(`the dispatcher exited early:\n${output}`);
        return (await backends('%pg_sleep%')) === 1 ? true : null;
      });
      // Mid-run: the deliveries before the blocked one are done, its effect is not committed.
      expect(await deliveries('done')).toBe(BLOCK_AT - 1);
      const seen = await sql<{ n: number }>`SELECT count(*)::int AS n FROM crash_effects`.execute(t.deps.db);
      expect(seen.rows[0]!.n).toBe(BLOCK_AT - 1);
    } finally {
      child.kill('SIGKILL');
    }
    expect(await exited).toBe('SIGKILL');
    // The server ends the dead client's session (client_connection_check_interval) and rolls back.
    await until('the killed process’s session to end', async () =>
      (await backends('')) === 0 ? true : null,
    );

    expect(await dispatchEvents(t.deps, handlers, { limit: 1000 })).toEqual({
      delivered: EVENTS - (BLOCK_AT - 1),
      failed: 0,
      dead: 0,
    });
    const perEvent = await sql<{ event_id: string; copies: number }>`
      SELECT e.id AS event_id, count(c.event_id)::int AS copies
      FROM domain_events e LEFT JOIN crash_effects c ON c.event_id = e.id
      GROUP BY e.id`.execute(t.deps.db);
    expect(perEvent.rows).toHaveLength(EVENTS);
    expect(perEvent.rows.filter((r) => r.copies !== 1)).toEqual([]);
    expect(await deliveries('done')).toBe(EVENTS);
    expect(await deliveries('pending')).toBe(0);
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Connection } from '../../db/connect.ts';
import type { Deps } from '../../deps.ts';
import { createScheduler } from '../../jobs/scheduler.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { secondConnection } from '../../testing/test-db.ts';
import {
  defineEvent,
  dispatchEvents,
  type EventHandler,
  eventDispatchJob,
  on,
  recordEvent,
  retryDelaySeconds,
} from './index.ts';

const thingHappened = defineEvent(
  'test.thing_happened',
  1,
  z.object({ n: z.number().int(), note: z.string().optional() }),
  'A thing happened, in tests',
);
const otherHappened = defineEvent('test.other_happened', 1, z.object({}), 'Something else happened');

/** A handler whose effect is a row in test_effects, keyed by the event it handled. */
const effect = (id: string, after?: () => void): EventHandler =>
  on(thingHappened, id, async (_deps, ev, trx) => {
    await sql`INSERT INTO test_effects (event_id, handler, n) VALUES (${ev.id}::uuid, ${id}, ${ev.payload.n})`.execute(
      trx,
    );
    after?.();
  });

let t: TestApp;
let other: Connection | null;
let depsB: Deps;

beforeAll(async () => {
  t = await createTestApp();
  other = secondConnection(t.conn);
  depsB = { ...t.deps, db: other?.db ?? t.deps.db };
  await sql`CREATE TABLE test_effects (event_id uuid NOT NULL, handler text NOT NULL, n integer NOT NULL)`.execute(
    t.deps.db,
  );
});
afterAll(async () => {
  await other?.close();
  await t.close();
});
beforeEach(async () => {
  t.clock.set('2026-11-28T05:00:00Z');
  await sql`DELETE FROM test_effects`.execute(t.deps.db);
  await t.deps.db.deleteFrom('event_deliveries').execute();
  await t.deps.db.deleteFrom('domain_events').execute();
});

async function record(handlers: readonly EventHandler[], n: number): Promise<string> {
  return t.deps.db.transaction().execute((trx) => recordEvent(trx, t.deps, handlers, thingHappened, { n }));
}

const deliveries = () => t.deps.db.selectFrom('event_deliveries').selectAll().orderBy('handler_id').execute();

async function effects(): Promise<{ event_id: string; handler: string; n: number }[]> {
  const res = await sql<{
    event_id: string;
    handler: string;
    n: number;
  }>`SELECT event_id, handler, n FROM test_effects ORDER BY n, handler`.execute(t.deps.db);
  return res.rows;
}

describe('recording an event', () => {
  it('in a transaction that rolls back leaves neither the event nor its deliveries', async () => {
    const handlers = [effect('test.a')];
    await expect(
      t.deps.db.transaction().execute(async (trx) => {
        await recordEvent(trx, t.deps, handlers, thingHappened, { n: 1 });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await t.deps.db.selectFrom('domain_events').selectAll().execute()).toEqual([]);
    expect(await deliveries()).toEqual([]);
  });

  it('fans out to the handlers of that event only, fixed when it is recorded', async () => {
    const handlers = [effect('test.a'), effect('test.b'), on(otherHappened, 'test.c', async () => {})];
    const id = await record(handlers, 1);
    const ev = await t.deps.db.selectFrom('domain_events').selectAll().executeTakeFirstOrThrow();
    expect(ev).toMatchObject({ id, name: 'test.thing_happened', version: 1, payload: { n: 1 } });
    expect((await deliveries()).map((d) => [d.handler_id, d.status, d.attempts])).toEqual([
      ['test.a', 'pending', 0],
      ['test.b', 'pending', 0],
    ]);
  });

  it('refuses a payload that does not fit its schema, or is not JSON, with a plain Error', async () => {
    const bad = t.deps.db.transaction().execute((trx) =>
      // @ts-expect-error n must be a number
      recordEvent(trx, t.deps, [], thingHappened, { n: 'one' }),
    );
    await expect(bad).rejects.toThrow(/test\.thing_happened v1: bad payload: n:/);
    const dated = defineEvent('test.dated', 1, z.object({ at: z.date() }), 'Carries a Date');
    await expect(
      t.deps.db.transaction().execute((trx) => recordEvent(trx, t.deps, [], dated, { at: new Date() })),
    ).rejects.toThrow(/does not survive JSON/);
    expect(await t.deps.db.selectFrom('domain_events').selectAll().execute()).toEqual([]);
  });

  it('refuses two handlers with one id and malformed names', () => {
    expect(() => eventDispatchJob([effect('test.a'), effect('test.a')])).toThrow(/two event handlers/);
    expect(() => defineEvent('NoDot', 1, z.object({}), 'x')).toThrow();
    expect(() => on(thingHappened, 'no spaces allowed', async () => {})).toThrow();
  });
});

describe('dispatching', () => {
  it('delivers a committed event once to each subscribed handler, and never again', async () => {
    const handlers = [effect('test.a'), effect('test.b'), on(otherHappened, 'test.c', async () => {})];
    const id = await record(handlers, 7);
    expect(await dispatchEvents(t.deps, handlers)).toEqual({ delivered: 2, failed: 0, dead: 0 });
    expect(await dispatchEvents(t.deps, handlers)).toEqual({ delivered: 0, failed: 0, dead: 0 });
    expect(await effects()).toEqual([
      { event_id: id, handler: 'test.a', n: 7 },
      { event_id: id, handler: 'test.b', n: 7 },
    ]);
    const done = await deliveries();
    expect(done.map((d) => [d.status, d.attempts, d.delivered_at?.toISOString()])).toEqual([
      ['done', 1, '2026-11-28T05:00:00.000Z'],
      ['done', 1, '2026-11-28T05:00:00.000Z'],
    ]);
  });

  it("a handler's writes and the done mark commit together: one that writes then throws leaves no write", async () => {
    const handlers = [
      effect('test.throws', () => {
        throw new Error('the SMS gateway said no');
      }),
    ];
    await record(handlers, 1);
    expect(await dispatchEvents(t.deps, handlers)).toEqual({ delivered: 0, failed: 1, dead: 0 });
    expect(await effects()).toEqual([]);
    const [d] = await deliveries();
    expect(d).toMatchObject({ status: 'pending', attempts: 1, last_error: 'the SMS gateway said no' });
  });

  it('retries a failing handler with growing back-off, then gives up: dead, with its error', async () => {
    const handlers = [
      on(thingHappened, 'test.always-fails', async () => {
        throw new Error(`refused ${'!'.repeat(2000)}`);
      }),
    ];
    await record(handlers, 1);
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 8; attempt++) {
      const res = await dispatchEvents(t.deps, handlers);
      expect(res).toEqual(
        attempt < 8 ? { delivered: 0, failed: 1, dead: 0 } : { delivered: 0, failed: 0, dead: 1 },
      );
      const [d] = await deliveries();
      expect(d!.attempts).toBe(attempt);
      expect(d!.last_error).toHaveLength(1000);
      if (attempt === 8) {
        expect(d!.status).toBe('dead');
        break;
      }
      const delay = (d!.next_attempt_at.getTime() - t.clock.now().getTime()) / 1000;
      delays.push(delay);
      // Not due before its time.
      t.clock.set(new Date(d!.next_attempt_at.getTime() - 1000));
      expect(await dispatchEvents(t.deps, handlers)).toEqual({ delivered: 0, failed: 0, dead: 0 });
      t.clock.set(d!.next_attempt_at);
    }
    delays.forEach((s, i) => {
      const base = 5 * 2 ** i;
      expect(s).toBeGreaterThanOrEqual(base * 0.8);
      expect(s).toBeLessThanOrEqual(base * 1.2);
    });
  });

  it('backs off 5 s, 10 s, 20 s… with jitter, never over an hour', () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, () => 0.5))).toEqual([5, 10, 20, 40]);
    expect(retryDelaySeconds(1, () => 0)).toBe(4);
    expect(retryDelaySeconds(30, () => 0.999)).toBe(3600);
  });

  it('leaves a delivery for an unknown handler to other processes for a while, then marks it dead', async () => {
    await record([effect('test.gone')], 1);
    expect(await dispatchEvents(t.deps, [])).toEqual({ delivered: 0, failed: 0, dead: 0 });
    expect((await deliveries())[0]).toMatchObject({ status: 'pending', attempts: 0 });
    t.clock.set('2026-11-28T05:16:00Z');
    expect(await dispatchEvents(t.deps, [])).toEqual({ delivered: 0, failed: 0, dead: 1 });
    expect((await deliveries())[0]).toMatchObject({
      status: 'dead',
      last_error: 'no handler "test.gone" is registered',
    });
  });

  it('marks dead a delivery whose handler reads another version of the event', async () => {
    await record([effect('test.v1')], 1);
    const v2 = defineEvent('test.thing_happened', 2, z.object({ n: z.string() }), 'v2');
    expect(await dispatchEvents(t.deps, [on(v2, 'test.v1', async () => {})])).toMatchObject({ dead: 1 });
    expect((await deliveries())[0]!.last_error).toMatch(/reads test\.thing_happened v2; this event is v1/);
  });

  it('two dispatchers at once deliver each (event, handler) exactly once', async () => {
    const handlers = [effect('test.a'), effect('test.b')];
    for (let n = 0; n < 40; n++) await record(handlers, n);
    const [a, b] = await Promise.all([
      dispatchEvents(t.deps, handlers, { limit: 1000 }),
      dispatchEvents(depsB, handlers, { limit: 1000 }),
    ]);
    expect(a.delivered + b.delivered).toBe(80);
    if (other) expect(Math.min(a.delivered, b.delivered)).toBeGreaterThan(0);
    const rows = await effects();
    expect(rows).toHaveLength(80);
    expect(new Set(rows.map((r) => `${r.event_id}/${r.handler}`)).size).toBe(80);
    expect((await deliveries()).every((d) => d.status === 'done' && d.attempts === 1)).toBe(true);
  });

  it('runs as a concurrent job in every scheduler at once', async () => {
    const handlers = [effect('test.a')];
    for (let n = 0; n < 5; n++) await record(handlers, n);
    const [ra, rb] = await Promise.all([
      createScheduler(t.deps, [eventDispatchJob(handlers)]).tick(),
      createScheduler(depsB, [eventDispatchJob(handlers)]).tick(),
    ]);
    expect([ra['events.dispatch'], rb['events.dispatch']]).toEqual(['ran', 'ran']);
    expect(await effects()).toHaveLength(5);
  });
});

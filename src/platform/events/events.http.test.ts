import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Client, createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { defineEvent, dispatchEvents, on, recordEvent } from './index.ts';

// The staff's routes over the outbox: the dead-letter list and retrying, with their permissions.

const noticeDue = defineEvent(
  'test.notice_due',
  1,
  z.object({ to: z.string() }),
  'A notice is due, in tests',
);
let gatewayDown = true;
const sendNotice = on(noticeDue, 'test.send-notice', async (_deps, ev, trx) => {
  if (gatewayDown) throw new Error('gateway down');
  await sql`INSERT INTO test_sent (event_id, recipient) VALUES (${ev.id}::uuid, ${ev.payload.to})`.execute(
    trx,
  );
});
const handlers = [sendNotice];

let t: TestApp;
let admin: Client;
let auditor: Client;
let freelancer: Client;
let deadId: string;

beforeAll(async () => {
  t = await createTestApp();
  await sql`CREATE TABLE test_sent (event_id uuid NOT NULL, recipient text NOT NULL)`.execute(t.deps.db);
  const [a, b, c] = await Promise.all([
    makeUser(t.deps, 'program_admin'),
    makeUser(t.deps, 'auditor'),
    makeUser(t.deps, 'freelancer'),
  ]);
  admin = await loginClient(t.app, a.email);
  auditor = await loginClient(t.app, b.email);
  freelancer = await loginClient(t.app, c.email);
  deadId = await t.deps.db
    .transaction()
    .execute((trx) => recordEvent(trx, t.deps, handlers, noticeDue, { to: 'Ayesha' }));
  expect(await dispatchEvents(t.deps, handlers, { maxAttempts: 1 })).toEqual({
    delivered: 0,
    failed: 0,
    dead: 1,
  });
});
afterAll(() => t.close());

const retryUrl = (eventId: string, handlerId = 'test.send-notice') =>
  `/api/v1/events/deliveries/${eventId}/${handlerId}/retry`;

describe('events routes', () => {
  it('staff see the dead letter with its error and attempts', async () => {
    for (const who of [admin, auditor]) {
      const res = await who.get('/api/v1/events/deliveries?status=dead');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        items: [
          {
            eventId: deadId,
            eventName: 'test.notice_due',
            eventVersion: 1,
            occurredAt: '2026-11-28T05:00:00.000Z',
            requestId: null,
            handlerId: 'test.send-notice',
            status: 'dead',
            attempts: 1,
            nextAttemptAt: null,
            lastError: 'gateway down',
            deliveredAt: null,
          },
        ],
        nextBefore: null,
      });
    }
  });

  it('a freelancer is refused (403), a visitor asked to log in (401)', async () => {
    expect((await freelancer.get('/api/v1/events/deliveries')).statusCode).toBe(403);
    expect((await freelancer.post(retryUrl(deadId))).statusCode).toBe(403);
    expect((await freelancer.post('/api/v1/events/deliveries/retry-dead')).statusCode).toBe(403);
    expect((await auditor.post(retryUrl(deadId))).statusCode).toBe(403);
    for (const [method, url] of [
      ['GET', '/api/v1/events/deliveries'],
      ['POST', retryUrl(deadId)],
      ['POST', '/api/v1/events/deliveries/retry-dead'],
    ] as const) {
      const res = await t.app.inject({ method, url });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('bad input is a problem naming the field', async () => {
    const cases: [Promise<{ statusCode: number; json(): { fields: { path: string }[] } }>, string][] = [
      [admin.get('/api/v1/events/deliveries?status=lost'), 'querystring.status'],
      [admin.get('/api/v1/events/deliveries?limit=0'), 'querystring.limit'],
      [admin.get('/api/v1/events/deliveries?before=%21%21'), 'querystring.before'],
      [admin.get('/api/v1/events/deliveries?before=bm90LWEtY3Vyc29y'), 'before'],
      [admin.post(retryUrl('not-a-uuid')), 'params.eventId'],
      [admin.post(retryUrl(deadId, 'NOT A HANDLER')), 'params.handlerId'],
    ];
    for (const [pending, field] of cases) {
      const res = await pending;
      expect(res.statusCode).toBe(400);
      expect(res.json().fields.map((f) => f.path)).toContain(field);
    }
  });

  it('a write without the CSRF token is refused', async () => {
    const res = await admin.request('POST', retryUrl(deadId), {}, { 'x-csrf-token': 'wrong' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf_failed');
  });

  it('retrying from the route delivers it once the handler works; the retry is audited', async () => {
    gatewayDown = false;
    const res = await admin.post(retryUrl(deadId));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'pending', attempts: 0, lastError: 'gateway down' });
    expect(await dispatchEvents(t.deps, handlers)).toEqual({ delivered: 1, failed: 0, dead: 0 });
    const sent = await sql<{
      recipient: string;
    }>`SELECT recipient FROM test_sent WHERE event_id = ${deadId}::uuid`.execute(t.deps.db);
    expect(sent.rows).toEqual([{ recipient: 'Ayesha' }]);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', '=', 'event_delivery.retried')
      .execute();
    expect(audit).toEqual([{ action: 'event_delivery.retried', entity_id: `${deadId}/test.send-notice` }]);

    const again = await admin.post(retryUrl(deadId));
    expect(again.statusCode).toBe(409);
    // The problem's own members are never overwritten by its details (RFC 9457).
    expect(again.json()).toMatchObject({ status: 409, code: 'invalid_state', deliveryStatus: 'done' });
    expect(again.json().code).toBe('invalid_state');
    const unknown = await admin.post(retryUrl('00000000-0000-4000-8000-000000000000'));
    expect(unknown.statusCode).toBe(404);
  });

  it('retry-dead revives every dead letter; the list pages backwards', async () => {
    gatewayDown = true;
    for (const to of ['Bilal', 'Chanda', 'Danish']) {
      t.clock.advance(1000);
      await t.deps.db.transaction().execute((trx) => recordEvent(trx, t.deps, handlers, noticeDue, { to }));
    }
    expect(await dispatchEvents(t.deps, handlers, { maxAttempts: 1 })).toMatchObject({ dead: 3 });
    const res = await admin.post('/api/v1/events/deliveries/retry-dead');
    expect(res.json()).toEqual({ retried: 3 });
    expect((await admin.post('/api/v1/events/deliveries/retry-dead')).json()).toEqual({ retried: 0 });

    const seen: string[] = [];
    let before: string | null = null;
    do {
      const page = (
        await auditor.get(`/api/v1/events/deliveries?limit=2${before ? `&before=${before}` : ''}`)
      ).json() as { items: { eventId: string; status: string }[]; nextBefore: string | null };
      seen.push(...page.items.map((i) => `${i.eventId}:${i.status}`));
      before = page.nextBefore;
    } while (before);
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
    expect(seen.at(-1)).toBe(`${deadId}:done`);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.ts';
import { systemActor } from '../../platform/actor.ts';
import { idempotencyKey } from '../../server/idempotency.ts';
import { digest } from '../../shared/canonical-json.ts';
import type { UserId } from '../../shared/ids.ts';
import { makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import * as centers from '../centers/index.ts';
import { liveFreeSeats } from './availability/free-seats-live.ts';
import { bookSeatAtOnce, readBookingCentre } from './book-at-once.repository.ts';
import { bookAtOnce } from './book-at-once.service.ts';
import { findBookingRow, toBooking } from './bookings.repository.ts';
import { type CreateBookingInput, CreateBookingInputSchema } from './bookings.schema.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function freelancer() {
  const u = await makeUser(t.deps, 'freelancer');
  const actor: Actor = { kind: 'user', userId: u.id as UserId, role: 'freelancer', organizationId: null };
  return { actor, client: await loginClient(t.app, u.email), id: u.id };
}

const keyOf = (actor: Actor, key: string, request: unknown) =>
  idempotencyKey(t.deps, { actor, operation: 'booking.create', key, request });

async function keyRow(scope: string, key: string) {
  return t.deps.db
    .selectFrom('idempotency_keys')
    .select(['status_code', 'response'])
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
}

describe('a booking in one database call (decision 0085)', () => {
  it('writes the booking, its audit entry, the key’s answer and the event, as the transaction does', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const { center, desks } = await makeOperationalCenter(t.deps, owner.id, { desks: 2 });
    const f = await freelancer();
    // As the route has it: parsed, with the schema's defaults.
    const input = CreateBookingInputSchema.parse({
      centerId: center.id,
      plan: 'hourly',
      seatId: desks[1]!.id,
      date: '2026-12-03',
      from: '10:00',
      to: '12:00',
    });
    const key = keyOf(f.actor, 'one-call', input)!;
    const made = await bookAtOnce(t.deps, f.actor, input, key);
    expect(made).not.toBeNull();
    const booking = made!.bookings[0]!;
    // The answer is the row as stored, priced by the centre's hourly rate.
    expect(booking).toEqual(toBooking((await findBookingRow(t.deps.db, booking.id))!));
    expect(booking).toMatchObject({ seatLabel: desks[1]!.label, price: { amountMinor: 20_000 } });
    expect(made!.total.amountMinor).toBe(20_000);

    const audits = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'after_digest', 'details'])
      .where('entity', '=', 'booking')
      .where('entity_id', '=', booking.id)
      .execute();
    expect(audits).toEqual([
      {
        action: 'booking.created',
        actor_id: f.id,
        after_digest: digest(booking),
        details: {
          centerId: center.id,
          seatId: desks[1]!.id,
          plan: 'hourly',
          start: booking.start,
          end: booking.end,
        },
      },
    ]);
    expect(await keyRow(key.scope, key.key)).toEqual({ status_code: 201, response: made });

    const events = await t.deps.db
      .selectFrom('domain_events')
      .select(['id', 'payload'])
      .where('name', '=', 'booking.confirmed')
      .where(({ eb }) => eb('payload', '@>', JSON.stringify({ bookingIds: [booking.id] }) as never))
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toEqual({
      bookingIds: [booking.id],
      centerId: center.id,
      bookerId: f.id,
      fromWaitlist: false,
    });
    const deliveries = await t.deps.db
      .selectFrom('event_deliveries')
      .select('handler_id')
      .where('event_id', '=', events[0]!.id)
      .execute();
    expect(deliveries.map((d) => d.handler_id).sort()).toEqual(
      [...t.deps.areas.subscribers('booking.confirmed')].sort(),
    );

    // A retry over HTTP with the key replays the answer; the one-call path does not book twice.
    const again = await f.client.post('/api/v1/bookings', input, { 'idempotency-key': 'one-call' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(made);
    expect(await bookAtOnce(t.deps, f.actor, input, keyOf(f.actor, 'one-call', input))).toBeNull();
  });

  it('books any free seat of a kind, the first in label order', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const { center } = await makeOperationalCenter(t.deps, owner.id, { desks: 3 });
    const body = { centerId: center.id, plan: 'hourly', date: '2026-12-04', from: '09:00', to: '10:00' };
    const labels = [];
    for (let i = 0; i < 3; i++) {
      const f = await freelancer();
      const made = await bookAtOnce(t.deps, f.actor, body as CreateBookingInput, null);
      labels.push(made!.bookings[0]!.seatLabel);
    }
    expect(labels).toEqual(['H1', 'H2', 'H3']);
    // None left: the transaction answers, with the 409.
    const late = await freelancer();
    expect(await bookAtOnce(t.deps, late.actor, body as CreateBookingInput, null)).toBeNull();
    expect((await late.client.post('/api/v1/bookings', body)).statusCode).toBe(409);
  });

  it('changes nothing and leaves the answer to the transaction when it cannot book alone', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const { center, desks } = await makeOperationalCenter(t.deps, owner.id, { desks: 3 });
    const a = await freelancer();
    const b = await freelancer();
    const at = (seat: number, from = '10:00', to = '12:00') =>
      ({
        centerId: center.id,
        plan: 'hourly',
        seatId: desks[seat]!.id,
        date: '2026-12-05',
        from,
        to,
      }) as CreateBookingInput;
    expect(await bookAtOnce(t.deps, a.actor, at(0), null)).not.toBeNull();
    const count = async () =>
      Number(
        (
          await t.deps.db
            .selectFrom('bookings')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('center_id', '=', center.id)
            .executeTakeFirstOrThrow()
        ).n,
      );

    // The seat is taken: no booking, and the key's claim is undone.
    const taken = keyOf(b.actor, 'taken', at(0, '11:00', '13:00'))!;
    expect(await bookAtOnce(t.deps, b.actor, at(0, '11:00', '13:00'), taken)).toBeNull();
    expect(await keyRow(taken.scope, taken.key)).toBeUndefined();
    const conflict = await b.client.post('/api/v1/bookings', at(0, '11:00', '13:00'), {
      'idempotency-key': 'taken',
    });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().alternatives.map((s: { label: string }) => s.label)).toEqual(['H2', 'H3']);

    // One person, one seat at a time: a's second seat then is refused here, and 409 over HTTP.
    expect(await bookAtOnce(t.deps, a.actor, at(1, '11:00', '12:00'), null)).toBeNull();
    const own = await a.client.post('/api/v1/bookings', at(1, '11:00', '12:00'));
    expect(own.statusCode).toBe(409);
    expect(own.json().ownBookings).toHaveLength(1);

    // Broken rules (a window outside opening hours, a series, someone not a freelancer) are the
    // transaction's to answer, naming the field.
    expect(await bookAtOnce(t.deps, b.actor, at(2, '06:00', '08:00'), null)).toBeNull();
    expect(
      await bookAtOnce(t.deps, b.actor, { ...at(2), recurrence: { weekdays: [6], count: 2 } }, null),
    ).toBeNull();
    expect(await bookAtOnce(t.deps, systemActor('test'), at(2), null)).toBeNull();
    expect(await count()).toBe(1);

    // Once the seat is free again, the same key books: the refusal kept nothing of it.
    await t.deps.db
      .updateTable('bookings')
      .set({ status: 'cancelled', cancel_reason: 'booker' })
      .where('center_id', '=', center.id)
      .execute();
    const retried = await b.client.post('/api/v1/bookings', at(0, '11:00', '13:00'), {
      'idempotency-key': 'taken',
    });
    expect(retried.statusCode).toBe(201);
  });

  it('books only on the centre as read: a closure in between and it refuses', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const { center, desks } = await makeOperationalCenter(t.deps, owner.id, { desks: 1 });
    const f = await freelancer();
    const read = async () => (await readBookingCentre(t.deps.db, center.id, desks[0]!.id, '2026-11-29'))!;
    const before = await read();
    expect((await read()).centre.version).toBe(before.centre.version);
    expect(before.centre).toMatchObject({ status: 'operational', name_en: 'Test Centre' });
    expect(before.seat).toEqual({ kind: 'hot_desk', label: 'H1', active: true });

    await centers.addClosure(t.deps, systemActor('test'), center.id, {
      startsOn: '2026-12-20',
      endsOn: '2026-12-21',
      reason: 'Quaid Day',
    });
    const after = await read();
    expect(after.centre.version).toBeGreaterThan(before.centre.version);
    expect(after.centre.calendar.closures).toHaveLength(1);

    const input = {
      centerId: center.id,
      plan: 'hourly',
      seatId: desks[0]!.id,
      date: '2026-12-20',
      from: '10:00',
      to: '11:00',
    } as CreateBookingInput;
    const key = keyOf(f.actor, 'stale', input)!;
    const payload = {
      claim: { scope: key.scope, key: key.key, requestHash: key.requestHash, at: key.at },
      version: before.centre.version,
      booking: {
        seatKind: 'hot_desk',
        seatLabel: 'H1',
        bookingId: '00000000-0000-4000-8000-00000000abcd',
        centerId: center.id,
        seatId: desks[0]!.id,
        bookerId: f.id,
        plan: 'hourly',
        start: '2026-12-20T05:00:00Z',
        end: '2026-12-20T06:00:00Z',
        blockedEnd: '2026-12-20T06:00:00Z',
        priceMinor: 10_000,
        now: t.clock.now(),
      },
      audit: null,
      answer: null,
      event: null,
    };
    const outcome = await bookSeatAtOnce(t.deps.db, payload);
    expect(outcome).toBe('stale');
    expect(await keyRow(key.scope, key.key)).toBeUndefined();
    // The centre as it is now, but the seat not as Node had it (another label, or retired): stale too.
    const booking = { ...payload.booking, bookingId: '00000000-0000-4000-8000-00000000abce' };
    const now = { ...payload, version: after.centre.version };
    expect(await bookSeatAtOnce(t.deps.db, { ...now, booking: { ...booking, seatLabel: 'H9' } })).toBe(
      'stale',
    );
    expect(await bookSeatAtOnce(t.deps.db, { ...now, booking: { ...booking, seatKind: 'cabin' } })).toBe(
      'stale',
    );
    expect(await findBookingRow(t.deps.db, '00000000-0000-4000-8000-00000000abcd')).toBeUndefined();
    // Through the front door the closure's rule is named.
    const res = await f.client.post('/api/v1/bookings', input, { 'idempotency-key': 'stale' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0]).toMatchObject({
      path: 'date',
      message: '2026-12-20: the centre is closed (Quaid Day)',
    });
  });

  it('keeps a centre it has read, and reads it again once the centre changed', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const { center, desks } = await makeOperationalCenter(t.deps, owner.id, { desks: 3 });
    const at = (seat: number, from: string, to: string) =>
      CreateBookingInputSchema.parse({
        centerId: center.id,
        plan: 'hourly',
        seatId: desks[seat]!.id,
        date: '2026-12-06',
        from,
        to,
      });
    const [a, b, c] = [await freelancer(), await freelancer(), await freelancer()];
    expect(await bookAtOnce(t.deps, a.actor, at(0, '10:00', '11:00'), null)).not.toBeNull();
    // The owner opens only 12:00–14:00 from now on: the centre kept from a's booking says 09:00–21:00.
    await centers.setOpeningHours(
      t.deps,
      systemActor('test'),
      center.id,
      [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '12:00', closes: '14:00' })),
    );
    expect(await bookAtOnce(t.deps, b.actor, at(1, '10:00', '11:00'), null)).toBeNull();
    const res = await b.client.post('/api/v1/bookings', at(1, '10:00', '11:00'));
    expect(res.statusCode).toBe(400);
    // Read afresh: the new hours book.
    expect(await bookAtOnce(t.deps, c.actor, at(2, '12:00', '13:00'), null)).not.toBeNull();
  });

  it('takes a seat’s kind and label from the free-seat index, which the database checks again', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const { center, desks } = await makeOperationalCenter(t.deps, owner.id, { desks: 3 });
    const at = (seat: number) =>
      CreateBookingInputSchema.parse({
        centerId: center.id,
        plan: 'hourly',
        seatId: desks[seat]!.id,
        date: '2026-12-07',
        from: '10:00',
        to: '11:00',
      });
    const [a, b, c] = [await freelancer(), await freelancer(), await freelancer()];
    expect(await bookAtOnce(t.deps, a.actor, at(0), null)).not.toBeNull();
    const real = liveFreeSeats.get(t.deps.db);
    let answer = { kind: 'hot_desk', label: desks[1]!.label };
    const asked: string[] = [];
    const index = {
      seat: (_: string, seatId: string) => {
        asked.push(seatId);
        return answer;
      },
    };
    liveFreeSeats.set(t.deps.db, index as never);
    try {
      // The centre is known from a's booking and the index knows the seat: nothing is read first.
      const made = await bookAtOnce(t.deps, b.actor, at(1), null);
      expect(asked).toEqual([desks[1]!.id]);
      expect(made!.bookings[0]).toMatchObject({ seatId: desks[1]!.id, seatLabel: desks[1]!.label });
      // An index behind the database (a seat relabelled a moment ago) books nothing on its word…
      answer = { kind: 'hot_desk', label: 'OLD' };
      expect(await bookAtOnce(t.deps, c.actor, at(2), null)).toBeNull();
      // …and the transaction books it as the database has it.
      const res = await c.client.post('/api/v1/bookings', at(2));
      expect(res.statusCode).toBe(201);
      expect(res.json().bookings[0].seatLabel).toBe(desks[2]!.label);
    } finally {
      if (real) liveFreeSeats.set(t.deps.db, real);
      else liveFreeSeats.delete(t.deps.db);
    }
  });
});

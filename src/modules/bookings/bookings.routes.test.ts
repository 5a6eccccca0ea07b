import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/actor.ts';
import { makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { addClosure, changeCenterStatus } from '../centers/index.ts';

// The test clock stands at Saturday 2026-11-28 10:00 in Karachi (05:00 UTC).
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());

const countBookings = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('bookings')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function setup(desks = 3) {
  const owner = await makeUser(t.deps, 'owner');
  const fx = await makeOperationalCenter(t.deps, owner.id, { desks });
  const f1 = await makeUser(t.deps, 'freelancer');
  const f2 = await makeUser(t.deps, 'freelancer');
  return {
    ...fx,
    owner: await loginClient(t.app, owner.email),
    a: await loginClient(t.app, f1.email),
    b: await loginClient(t.app, f2.email),
    f1,
    f2,
  };
}

function expectProblem(res: { statusCode: number; headers: Record<string, unknown> }, status: number) {
  expect(res.statusCode, String((res as { body?: string }).body)).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
}

describe('booking a seat', () => {
  it('books any hot desk for tomorrow 09:00–17:00, priced by the hour, and lists it', async () => {
    const s = await setup();
    const res = await s.a.post('/api/v1/bookings', {
      centerId: s.center.id,
      plan: 'hourly',
      date: '2026-11-29',
      from: '09:00',
      to: '17:00',
    });
    expect(res.statusCode, res.body).toBe(201);
    const [b] = res.json().bookings;
    expect(b).toMatchObject({
      centerId: s.center.id,
      seatKind: 'hot_desk',
      status: 'confirmed',
      start: '2026-11-29T04:00:00.000Z',
      end: '2026-11-29T12:00:00.000Z',
      price: { amountMinor: 80_000, currency: 'PKR' },
      paid: false,
    });
    const mine = await s.a.get('/api/v1/me/bookings');
    expect(mine.json().map((x: { id: string }) => x.id)).toEqual([b.id]);
    const desk = await s.owner.get(`/api/v1/centers/${s.center.id}/bookings?date=2026-11-29`);
    expect(desk.json().map((x: { id: string }) => x.id)).toEqual([b.id]);
    // Another freelancer cannot see it.
    expect((await s.b.get(`/api/v1/bookings/${b.id}`)).statusCode).toBe(404);
  });

  it('a day pass covers opening hours; a monthly desk a month; a meeting room keeps its buffer', async () => {
    const s = await setup();
    const day = await s.a.post('/api/v1/bookings', {
      centerId: s.center.id,
      plan: 'day_pass',
      date: '2026-11-30',
    });
    expect(day.statusCode, day.body).toBe(201);
    expect(day.json().bookings[0]).toMatchObject({
      start: '2026-11-30T04:00:00.000Z',
      end: '2026-11-30T16:00:00.000Z',
      price: { amountMinor: 30_000 },
    });
    const month = await s.a.post('/api/v1/bookings', {
      centerId: s.center.id,
      plan: 'monthly',
      date: '2026-12-03',
    });
    expect(month.statusCode, month.body).toBe(201);
    expect(month.json().bookings[0]).toMatchObject({
      seatKind: 'dedicated_desk',
      start: '2026-12-02T19:00:00.000Z',
      end: '2027-01-02T19:00:00.000Z',
      price: { amountMinor: 350_000 },
    });
    await s.owner.request('PUT', `/api/v1/centers/${s.center.id}/rules`, {
      maxDaysAhead: 30,
      minNoticeMinutes: 0,
      cancellationWindowHours: 2,
      noShowGraceMinutes: 30,
      meetingBufferMinutes: 15,
      maxBookingHours: 12,
      maxConcurrentPerFreelancer: 1,
    });
    const room = {
      centerId: s.center.id,
      plan: 'meeting_room',
      date: '2026-12-02',
      seatId: s.meetingRoom.id,
    };
    expect((await s.a.post('/api/v1/bookings', { ...room, from: '10:00', to: '11:00' })).statusCode).toBe(
      201,
    );
    expectProblem(await s.b.post('/api/v1/bookings', { ...room, from: '11:00', to: '12:00' }), 409);
    expect((await s.b.post('/api/v1/bookings', { ...room, from: '11:15', to: '12:00' })).statusCode).toBe(
      201,
    );
  });

  it('a taken seat answers 409 with free alternatives of the same kind, and writes nothing', async () => {
    const s = await setup(3);
    const seat = s.desks[0]!;
    const body = {
      centerId: s.center.id,
      plan: 'hourly',
      seatId: seat.id,
      date: '2026-11-29',
      from: '10:00',
      to: '12:00',
    };
    expect((await s.a.post('/api/v1/bookings', body)).statusCode).toBe(201);
    const before = await countBookings();
    const lost = await s.b.post('/api/v1/bookings', { ...body, from: '11:00', to: '13:00' });
    expectProblem(lost, 409);
    expect(lost.json().code).toBe('conflict');
    expect(lost.json().alternatives.map((x: { label: string }) => x.label)).toEqual(['H2', 'H3']);
    expect(await countBookings()).toBe(before);
    // Back to back is fine: ranges are half-open.
    expect((await s.b.post('/api/v1/bookings', { ...body, from: '12:00', to: '13:00' })).statusCode).toBe(
      201,
    );
  });

  it('a retry with the same Idempotency-Key returns the first answer and books once', async () => {
    const s = await setup();
    const body = { centerId: s.center.id, plan: 'hourly', date: '2026-11-29', from: '14:00', to: '15:00' };
    const first = await s.a.post('/api/v1/bookings', body, { 'idempotency-key': 'tap-1' });
    const again = await s.a.post('/api/v1/bookings', body, { 'idempotency-key': 'tap-1' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const mine = await s.a.get('/api/v1/me/bookings');
    expect(mine.json()).toHaveLength(1);
    const other = await s.a.post(
      '/api/v1/bookings',
      { ...body, from: '16:00', to: '17:00' },
      { 'idempotency-key': 'tap-1' },
    );
    expectProblem(other, 422);
  });
});

describe('bad input: a clear 4xx and nothing written', () => {
  const cases: [string, Record<string, unknown>, number, string?][] = [
    ['outside opening hours', { from: '07:00', to: '10:00' }, 400, 'from'],
    ['end before start', { from: '15:00', to: '11:00' }, 400, 'to'],
    ['in the past', { date: '2026-11-27' }, 400, 'date'],
    ['earlier today, already gone', { date: '2026-11-28', from: '09:00', to: '10:00' }, 400, 'date'],
    ['longer than the rules allow', { from: '09:00', to: '21:00', plan: 'hourly' }, 400, 'to'],
    ['beyond the booking horizon', { date: '2027-03-01' }, 400, 'date'],
    [
      '10,000 recurrences',
      { recurrence: { weekdays: [1, 2, 3, 4, 5], count: 10_000 } },
      400,
      'recurrence.count',
    ],
    [
      'recurrences until far away',
      { recurrence: { weekdays: [1, 2, 3, 4, 5, 6, 7], until: '2027-12-31' } },
      400,
      'recurrence',
    ],
    ['a time off the quarter hour', { from: '10:07' }, 400, 'from'],
    ['a malformed date', { date: '2026-02-30' }, 400, 'date'],
    ['an unknown plan', { plan: 'yearly' }, 400, 'plan'],
    ['a meeting room booked as a hot desk', { plan: 'hourly', seatKind: 'meeting_room' }, 400, 'seatKind'],
    ['a centre that does not exist', { centerId: '00000000-0000-4000-8000-000000000000' }, 404],
    [
      'a recurring monthly desk',
      { plan: 'monthly', recurrence: { weekdays: [1], count: 3 } },
      400,
      'recurrence',
    ],
    ['a seat of another centre', { seatId: '00000000-0000-4000-8000-000000000000' }, 400, 'seatId'],
  ];
  for (const [label, patch, status, field] of cases) {
    it(label, async () => {
      const s = await setup();
      await s.owner.request('PUT', `/api/v1/centers/${s.center.id}/rules`, {
        maxDaysAhead: 30,
        minNoticeMinutes: 0,
        cancellationWindowHours: 2,
        noShowGraceMinutes: 30,
        meetingBufferMinutes: 0,
        maxBookingHours: 10,
        maxConcurrentPerFreelancer: 1,
      });
      const before = await countBookings();
      const res = await s.a.post('/api/v1/bookings', {
        centerId: s.center.id,
        plan: 'hourly',
        date: '2026-11-30',
        from: '10:00',
        to: '12:00',
        ...patch,
      });
      expectProblem(res, status);
      if (field) expect(res.json().fields.map((f: { path: string }) => f.path)).toContain(field);
      expect(await countBookings()).toBe(before);
    });
  }

  it('a centre that is not operational takes no bookings', async () => {
    const s = await setup();
    await changeCenterStatus(t.deps, systemActor('test'), s.center.id, {
      status: 'suspended',
      reason: 'audit',
    });
    const before = await countBookings();
    const res = await s.a.post('/api/v1/bookings', {
      centerId: s.center.id,
      plan: 'day_pass',
      date: '2026-11-30',
    });
    expectProblem(res, 409);
    expect(res.json().code).toBe('invalid_state');
    expect(await countBookings()).toBe(before);
  });

  it('a closure day', async () => {
    const s = await setup();
    await addClosure(t.deps, systemActor('test'), s.center.id, {
      startsOn: '2026-12-25',
      endsOn: '2026-12-25',
      reason: 'Quaid-e-Azam Day',
    });
    const before = await countBookings();
    const res = await s.a.post('/api/v1/bookings', {
      centerId: s.center.id,
      plan: 'day_pass',
      date: '2026-12-25',
    });
    expectProblem(res, 400);
    expect(res.json().detail).toMatch(/Quaid-e-Azam Day/);
    expect(await countBookings()).toBe(before);
  });

  it('only freelancers book; the anonymous are asked to log in', async () => {
    const s = await setup();
    expectProblem(
      await s.owner.post('/api/v1/bookings', { centerId: s.center.id, plan: 'day_pass', date: '2026-11-30' }),
      403,
    );
    const anon = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      payload: { centerId: s.center.id, plan: 'day_pass', date: '2026-11-30' },
    });
    expectProblem(anon, 401);
  });
});

describe('recurring bookings', () => {
  const weekdays = { weekdays: [1, 2, 3, 4, 5], count: 20 };

  it('weekdays for four weeks, occurrence by occurrence', async () => {
    const s = await setup();
    const res = await s.a.post('/api/v1/bookings', {
      centerId: s.center.id,
      plan: 'hourly',
      seatId: s.desks[0]!.id,
      date: '2026-11-30',
      from: '09:00',
      to: '13:00',
      recurrence: weekdays,
    });
    expect(res.statusCode, res.body).toBe(201);
    const { bookings, total } = res.json();
    expect(bookings).toHaveLength(20);
    expect(new Set(bookings.map((b: { seriesId: string }) => b.seriesId)).size).toBe(1);
    expect(total.amountMinor).toBe(20 * 40_000);
  });

  it('all or nothing: one taken occurrence books none; "free ones" books the rest', async () => {
    const s = await setup(1);
    const desk = s.desks[0]!.id;
    const one = { centerId: s.center.id, plan: 'hourly', seatId: desk, from: '09:00', to: '13:00' };
    expect((await s.b.post('/api/v1/bookings', { ...one, date: '2026-12-09' })).statusCode).toBe(201);
    const before = await countBookings();
    const all = await s.a.post('/api/v1/bookings', { ...one, date: '2026-11-30', recurrence: weekdays });
    expectProblem(all, 409);
    expect(all.json().conflicts.map((c: { date: string }) => c.date)).toEqual(['2026-12-09']);
    expect(await countBookings()).toBe(before);

    const some = await s.a.post('/api/v1/bookings', {
      ...one,
      date: '2026-11-30',
      recurrence: weekdays,
      mode: 'free_ones',
    });
    expect(some.statusCode).toBe(201);
    expect(some.json().bookings).toHaveLength(19);
    expect(some.json().skipped).toEqual([{ date: '2026-12-09', reason: 'no free seat' }]);
  });

  it('a closure inside the series: all or nothing refuses, free ones skips it', async () => {
    const s = await setup();
    await addClosure(t.deps, systemActor('test'), s.center.id, {
      startsOn: '2026-12-03',
      endsOn: '2026-12-03',
      reason: 'Internet outage',
    });
    const req = {
      centerId: s.center.id,
      plan: 'day_pass',
      date: '2026-11-30',
      recurrence: { weekdays: [1, 2, 3, 4, 5], count: 5 },
    };
    const before = await countBookings();
    expectProblem(await s.a.post('/api/v1/bookings', req), 400);
    expect(await countBookings()).toBe(before);
    const some = await s.a.post('/api/v1/bookings', { ...req, mode: 'free_ones' });
    expect(some.json().bookings).toHaveLength(4);
    expect(some.json().skipped[0].date).toBe('2026-12-03');
  });
});

describe('cancelling', () => {
  it('only the booker cancels; inside the window it is counted as late; the seat is free again', async () => {
    const s = await setup(1);
    const body = { centerId: s.center.id, plan: 'hourly', date: '2026-11-28', from: '11:00', to: '12:00' };
    const made = await s.a.post('/api/v1/bookings', body);
    const id = made.json().bookings[0].id;
    const auditBefore = await t.deps.db.selectFrom('audit_log').select('id').execute();

    expectProblem(await s.b.post(`/api/v1/bookings/${id}/cancel`), 404);
    expectProblem(await s.owner.post(`/api/v1/bookings/${id}/cancel`), 403);
    expect((await s.a.get(`/api/v1/bookings/${id}`)).json().status).toBe('confirmed');
    expect((await t.deps.db.selectFrom('audit_log').select('id').execute()).length).toBe(auditBefore.length);

    const ok = await s.a.post(`/api/v1/bookings/${id}/cancel`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'cancelled', lateCancellation: true });
    expectProblem(await s.a.post(`/api/v1/bookings/${id}/cancel`), 409);
    expect((await s.b.post('/api/v1/bookings', body)).statusCode).toBe(201);
  });

  it('early cancellation is not late; a started booking cannot be cancelled', async () => {
    const s = await setup();
    const early = await s.a.post('/api/v1/bookings', {
      centerId: s.center.id,
      plan: 'day_pass',
      date: '2026-12-01',
    });
    const res = await s.a.post(`/api/v1/bookings/${early.json().bookings[0].id}/cancel`);
    expect(res.json().lateCancellation).toBe(false);
    const now = await s.a.post('/api/v1/bookings', {
      centerId: s.center.id,
      plan: 'hourly',
      date: '2026-11-28',
      from: '10:15',
      to: '11:00',
    });
    t.clock.advance(30 * 60_000);
    try {
      expectProblem(await s.a.post(`/api/v1/bookings/${now.json().bookings[0].id}/cancel`), 409);
    } finally {
      t.clock.advance(-30 * 60_000);
    }
  });
});

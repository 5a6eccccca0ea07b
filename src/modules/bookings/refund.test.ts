import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/actor.ts';
import { makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { addClosure, changeCenterStatus } from '../centers/index.ts';
import { markRefunded } from './bookings.repository.ts';

// The test clock stands at Saturday 2026-11-28 10:00 in Karachi (05:00 UTC). The test centre
// charges Rs 100 an hour, so a 10:00–12:00 booking costs 20,000 paisa.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());

type Booking = {
  id: string;
  status: string;
  cancelReason: string | null;
  paid: boolean;
  refundDue: boolean;
  refundedAt: string | null;
};

async function setup() {
  const owner = await makeUser(t.deps, 'owner');
  const fx = await makeOperationalCenter(t.deps, owner.id, { desks: 3 });
  const s = {
    ...fx,
    owner: await loginClient(t.app, owner.email),
    other: await loginClient(t.app, (await makeUser(t.deps, 'owner')).email),
    a: await loginClient(t.app, (await makeUser(t.deps, 'freelancer')).email),
    admin: await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email),
    auditor: await loginClient(t.app, (await makeUser(t.deps, 'auditor')).email),
  };
  const book = async (date: string, from = '10:00', to = '12:00') => {
    const res = await s.a.post('/api/v1/bookings', {
      centerId: fx.center.id,
      plan: 'hourly',
      date,
      from,
      to,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().bookings[0] as Booking;
  };
  const pay = async (id: string) => {
    const res = await s.owner.post(`/api/v1/bookings/${id}/paid`);
    expect(res.statusCode, res.body).toBe(200);
  };
  const close = (startsOn: string, endsOn = startsOn) =>
    addClosure(t.deps, systemActor('test'), fx.center.id, { startsOn, endsOn, reason: 'Power outage' });
  const get = async (id: string) => (await s.owner.get(`/api/v1/bookings/${id}`)).json() as Booking;
  return { ...s, book, pay, close, get };
}

const refunded = (id: string) => `/api/v1/bookings/${id}/refunded`;

async function refundAudits(bookingId: string) {
  return t.deps.db
    .selectFrom('audit_log')
    .select(['action', 'details'])
    .where('entity_id', '=', bookingId)
    .where('action', '=', 'booking.refunded')
    .execute();
}

function expectProblem(
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
) {
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
}

describe('a paid booking the centre or the programme cancelled is refunded', () => {
  it('is due after the closure, until the owner marks it refunded, once, with an audit entry', async () => {
    const s = await setup();
    const b = await s.book('2026-12-01');
    await s.pay(b.id);
    expect(await s.get(b.id)).toMatchObject({ paid: true, refundDue: false, refundedAt: null });
    await s.close('2026-12-01');
    expect(await s.get(b.id)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'centre_closed',
      paid: true,
      refundDue: true,
      refundedAt: null,
    });

    t.clock.set('2026-11-28T07:30:00Z');
    try {
      const res = await s.owner.post(refunded(b.id));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        id: b.id,
        status: 'cancelled',
        paid: true,
        refundDue: false,
        refundedAt: '2026-11-28T07:30:00.000Z',
      });
    } finally {
      t.clock.set('2026-11-28T05:00:00Z');
    }
    // The booker sees it refunded in "My bookings".
    const mine = (await s.a.get('/api/v1/me/bookings?scope=all')).json() as Booking[];
    expect(mine.find((x) => x.id === b.id)).toMatchObject({
      refundDue: false,
      refundedAt: '2026-11-28T07:30:00.000Z',
    });
    const audits = await refundAudits(b.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]!.details).toMatchObject({ centerId: s.center.id, amountMinor: 20_000 });

    // A second time is refused; the first record stands and nothing more is audited.
    const again = await s.owner.post(refunded(b.id));
    expectProblem(again, 409);
    expect(again.json()).toMatchObject({ code: 'invalid_state', reason: 'already_refunded' });
    expect((await s.get(b.id)).refundedAt).toBe('2026-11-28T07:30:00.000Z');
    expect(await refundAudits(b.id)).toHaveLength(1);
  });

  it('a suspension (the programme cancelled) makes it due too; a programme admin may mark it', async () => {
    const s = await setup();
    const b = await s.book('2026-12-05');
    await s.pay(b.id);
    await changeCenterStatus(t.deps, systemActor('test'), s.center.id, {
      status: 'suspended',
      reason: 'Fire safety check failed',
    });
    expect(await s.get(b.id)).toMatchObject({ cancelReason: 'centre_suspended', refundDue: true });
    const res = await s.admin.post(refunded(b.id));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().refundDue).toBe(false);
    expect(res.json().refundedAt).toBe('2026-11-28T05:00:00.000Z');
  });

  it('refuses with invalid_state and says why when no refund is due; nothing changes', async () => {
    const s = await setup();
    const standing = await s.book('2026-12-03');
    await s.pay(standing.id);
    const unpaid = await s.book('2026-12-01');
    const own = await s.book('2026-12-04');
    await s.pay(own.id);
    expect((await s.a.post(`/api/v1/bookings/${own.id}/cancel`)).statusCode).toBe(200);
    await s.close('2026-12-01');

    for (const [id, reason] of [
      [standing.id, 'not_cancelled_by_centre'],
      [unpaid.id, 'not_paid'],
      [own.id, 'not_cancelled_by_centre'],
    ] as const) {
      const res = await s.owner.post(refunded(id));
      expectProblem(res, 409);
      expect(res.json(), id).toMatchObject({ code: 'invalid_state', reason });
      expect(res.json().detail).toMatch(/^No refund is due/);
      expect(await s.get(id)).toMatchObject({ refundDue: false, refundedAt: null });
      expect(await refundAudits(id)).toHaveLength(0);
    }
  });

  it('two clicks at once record one refund: the UPDATE itself is guarded', async () => {
    const s = await setup();
    const b = await s.book('2026-12-01');
    const c = await s.book('2026-12-02');
    await s.pay(b.id);
    await s.pay(c.id);
    await s.close('2026-12-01', '2026-12-02');

    const both = await Promise.all([s.owner.post(refunded(b.id)), s.owner.post(refunded(b.id))]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await refundAudits(b.id)).toHaveLength(1);

    // Without the check before it, the conditional UPDATE still records a refund only once.
    const now = t.deps.clock.now();
    expect(await markRefunded(t.deps.db, s.center.id, c.id, now)).toBe(true);
    expect(await markRefunded(t.deps.db, s.center.id, c.id, now)).toBe(false);
    // And it never records one that was not due.
    const standing = await s.book('2026-12-03');
    await s.pay(standing.id);
    expect(await markRefunded(t.deps.db, s.center.id, standing.id, now)).toBe(false);
  });

  it('the database refuses a refund that was never due', async () => {
    const s = await setup();
    const b = await s.book('2026-12-03');
    await expect(
      t.deps.db
        .updateTable('bookings')
        .set({ refunded_at: new Date() })
        .where('center_id', '=', s.center.id)
        .where('booking_id', '=', b.id)
        .execute(),
    ).rejects.toThrow(/bookings_refund_was_due/);
  });

  it('only the centre’s owner or a programme admin marks it; the booker, an auditor and others cannot', async () => {
    const s = await setup();
    const b = await s.book('2026-12-01');
    await s.pay(b.id);
    await s.close('2026-12-01');

    const booker = await s.a.post(refunded(b.id));
    expectProblem(booker, 403);
    expect(booker.json().code).toBe('forbidden');
    expectProblem(await s.auditor.post(refunded(b.id)), 403);
    // Another centre's owner cannot even see the booking (as with marking it paid).
    expectProblem(await s.other.post(refunded(b.id)), 404);
    expectProblem(await t.app.inject({ method: 'POST', url: refunded(b.id) }), 401);
    expect(await s.get(b.id)).toMatchObject({ refundDue: true, refundedAt: null });
    expect(await refundAudits(b.id)).toHaveLength(0);

    expect((await s.owner.post(refunded(b.id))).statusCode).toBe(200);
  });

  it('names the field of a malformed id; an unknown booking is 404', async () => {
    const s = await setup();
    const bad = await s.owner.post(refunded('not-a-uuid'));
    expectProblem(bad, 400);
    expect(bad.json().code).toBe('validation_failed');
    expect(bad.json().fields.map((f: { path: string }) => f.path)).toEqual(['params.id']);
    expectProblem(await s.owner.post(refunded('00000000-0000-4000-8000-000000000000')), 404);
  });
});

describe('a centre’s refunds due', () => {
  it('lists the paid bookings it or the programme cancelled and has not refunded, oldest first', async () => {
    const s = await setup();
    const later = await s.book('2026-12-02');
    const earlier = await s.book('2026-12-01');
    const unpaid = await s.book('2026-12-01', '14:00', '16:00');
    const done = await s.book('2026-12-02', '14:00', '16:00');
    const standing = await s.book('2026-12-03');
    for (const b of [later, earlier, done, standing]) await s.pay(b.id);
    await s.close('2026-12-01', '2026-12-02');
    expect((await s.owner.post(refunded(done.id))).statusCode).toBe(200);
    // Another centre's refund due is not this centre's.
    const elsewhere = await setup();
    const theirs = await elsewhere.book('2026-12-01');
    await elsewhere.pay(theirs.id);
    await elsewhere.close('2026-12-01');

    const url = `/api/v1/centers/${s.center.id}/refunds-due`;
    const list = await s.owner.get(url);
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json() as (Booking & { price: { amountMinor: number } })[];
    expect(items.map((x) => x.id)).toEqual([earlier.id, later.id]);
    expect(items.every((x) => x.refundDue && x.price.amountMinor === 20_000)).toBe(true);
    expect(items.map((x) => x.id)).not.toContain(unpaid.id);
    expect(items.map((x) => x.id)).not.toContain(standing.id);

    for (const staff of [s.admin, s.auditor]) {
      const res = await staff.get(url);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().map((x: Booking) => x.id)).toEqual([earlier.id, later.id]);
    }
    expectProblem(await s.other.get(url), 403);
    expectProblem(await s.a.get(url), 403);
    expectProblem(await s.owner.get('/api/v1/centers/00000000-0000-4000-8000-000000000000/refunds-due'), 404);
    const bad = await s.owner.get('/api/v1/centers/nope/refunds-due');
    expectProblem(bad, 400);
    expect(bad.json().fields[0].path).toBe('params.id');

    expect((await s.owner.post(refunded(earlier.id))).statusCode).toBe(200);
    expect((await s.owner.get(url)).json().map((x: Booking) => x.id)).toEqual([later.id]);
  });
});

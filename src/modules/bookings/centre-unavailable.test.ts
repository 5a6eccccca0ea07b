import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';

// The test clock stands at Saturday 2026-11-28 10:00 in Karachi (05:00 UTC).
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());

async function setup(desks = 1) {
  const owner = await makeUser(t.deps, 'owner');
  const fx = await makeOperationalCenter(t.deps, owner.id, { desks });
  const f1 = await makeUser(t.deps, 'freelancer');
  const f2 = await makeUser(t.deps, 'freelancer');
  const f3 = await makeUser(t.deps, 'freelancer');
  const admin = await makeUser(t.deps, 'program_admin');
  return {
    ...fx,
    owner: await loginClient(t.app, owner.email),
    admin: await loginClient(t.app, admin.email),
    a: await loginClient(t.app, f1.email),
    b: await loginClient(t.app, f2.email),
    c: await loginClient(t.app, f3.email),
  };
}

type Booking = { id: string; status: string; cancelReason: string | null; cancelNote: string | null };

describe('a closure cancels the bookings it hits', () => {
  it('previews the count, then cancels in the same change: reason centre_closed, not late, audited', async () => {
    const s = await setup(2);
    const book = (c: typeof s.a, date: string, plan = 'hourly') =>
      c.post('/api/v1/bookings', { centerId: s.center.id, plan, date, from: '10:00', to: '12:00' });
    const hit = (await book(s.a, '2026-12-01')).json().bookings[0] as Booking;
    const spared = (await book(s.a, '2026-12-03')).json().bookings[0] as Booking;
    const hitToo = (await book(s.b, '2026-12-02')).json().bookings[0] as Booking;
    const month = await s.c.post('/api/v1/bookings', {
      centerId: s.center.id,
      plan: 'monthly',
      date: '2026-11-30',
    });
    expect(month.statusCode, month.body).toBe(201);
    // The other desk on 12-01 is taken too: c queues for one.
    await book(s.b, '2026-12-01');
    const q = await s.c.post('/api/v1/waitlist', {
      centerId: s.center.id,
      plan: 'hourly',
      date: '2026-12-01',
      from: '10:00',
      to: '12:00',
    });
    expect(q.statusCode, q.body).toBe(201);

    const preview = await s.owner.get(
      `/api/v1/centers/${s.center.id}/closures/preview?startsOn=2026-12-01&endsOn=2026-12-02`,
    );
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toEqual({ bookings: 3, waitlist: 1 });
    // Previewing changes nothing.
    expect((await s.a.get(`/api/v1/bookings/${hit.id}`)).json().status).toBe('confirmed');

    const add = await s.owner.post(`/api/v1/centers/${s.center.id}/closures`, {
      startsOn: '2026-12-01',
      endsOn: '2026-12-02',
      reason: 'Power outage: transformer repair',
      reasonUr: 'بجلی کی بندش: ٹرانسفارمر کی مرمت',
    });
    expect(add.statusCode, add.body).toBe(201);

    const mine = (await s.a.get('/api/v1/me/bookings?scope=all')).json() as Booking[];
    expect(mine.find((x) => x.id === hit.id)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'centre_closed',
      cancelNote: 'Power outage: transformer repair',
      // Kept beside the English, so "My bookings" on an Urdu page says why in Urdu.
      cancelNoteUr: 'بجلی کی بندش: ٹرانسفارمر کی مرمت',
      lateCancellation: false,
    });
    expect(mine.find((x) => x.id === spared.id)).toMatchObject({ status: 'confirmed', cancelReason: null });
    const theirs = (await s.b.get('/api/v1/me/bookings?scope=all')).json() as (Booking & { plan: string })[];
    expect(theirs.find((x) => x.id === hitToo.id)?.status).toBe('cancelled');
    const monthly = (await s.c.get('/api/v1/me/bookings?scope=all')).json() as Booking[];
    expect(monthly[0]?.status).toBe('confirmed');
    const wl = (await s.c.get('/api/v1/me/waitlist')).json();
    expect(wl[0]).toMatchObject({ status: 'cancelled', cancelReason: 'centre_closed' });

    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('entity_id', '=', hit.id)
      .where('action', '=', 'booking.cancelled')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ reason: 'centre_closed', late: false });

    // One domain event per cancelled booking, recorded in the same change, for what happens later
    // (notices): the three bookings the preview counted, none for the monthly desk it spared.
    const events = await t.deps.db
      .selectFrom('domain_events')
      .select(['payload'])
      .where('name', '=', 'booking.cancelled_by_centre')
      .execute();
    expect(events).toHaveLength(3);
    expect(events.map((e) => (e.payload as { bookingId: string }).bookingId)).toContain(hit.id);
    expect(events.every((e) => (e.payload as { reason: string }).reason === 'centre_closed')).toBe(true);

    // Nothing can be booked inside the closure, on either day.
    const refused = await book(s.a, '2026-12-02');
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.body).toContain('closed');
    // The refusal names the rule with the reason in both languages, for the web app to word it.
    expect(refused.json().fields[0]).toMatchObject({
      path: 'date',
      rule: 'centre_closure',
      params: {
        date: '2026-12-02',
        reason: 'Power outage: transformer repair',
        reasonUr: 'بجلی کی بندش: ٹرانسفارمر کی مرمت',
      },
    });
  });

  it('suspending a centre cancels every confirmed future booking (centre_suspended); closing likewise', async () => {
    const s = await setup(2);
    const r = await s.a.post('/api/v1/bookings', {
      centerId: s.center.id,
      plan: 'hourly',
      date: '2026-12-05',
      from: '09:00',
      to: '11:00',
    });
    const b = r.json().bookings[0] as Booking;
    const preview = await s.admin.get(`/api/v1/centers/${s.center.id}/status/preview?status=suspended`);
    expect(preview.json()).toEqual({ bookings: 1, waitlist: 0 });
    const sus = await s.admin.post(`/api/v1/centers/${s.center.id}/status`, {
      status: 'suspended',
      reason: 'Fire safety check failed',
    });
    expect(sus.statusCode, sus.body).toBe(200);
    expect((await s.a.get(`/api/v1/bookings/${b.id}`)).json()).toMatchObject({
      status: 'cancelled',
      cancelReason: 'centre_suspended',
      cancelNote: 'Fire safety check failed',
      cancelNoteUr: null,
      lateCancellation: false,
    });

    const s2 = await setup(1);
    const r2 = await s2.a.post('/api/v1/bookings', {
      centerId: s2.center.id,
      plan: 'day_pass',
      date: '2026-12-06',
    });
    const b2 = r2.json().bookings[0] as Booking;
    const closed = await s2.owner.post(`/api/v1/centers/${s2.center.id}/status`, {
      status: 'closed',
      reason: 'Building sold',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await s2.a.get(`/api/v1/bookings/${b2.id}`)).json()).toMatchObject({
      status: 'cancelled',
      cancelReason: 'centre_closed',
    });
  });

  it('only the owner or an admin may preview; the dates are checked', async () => {
    const s = await setup();
    expect(
      (await s.a.get(`/api/v1/centers/${s.center.id}/closures/preview?startsOn=2026-12-01&endsOn=2026-12-01`))
        .statusCode,
    ).toBe(403);
    const bad = await s.owner.get(
      `/api/v1/centers/${s.center.id}/closures/preview?startsOn=2026-12-03&endsOn=2026-12-01`,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('endsOn');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPeriodic } from '../../jobs/scheduler.ts';
import { makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { everyFiveMinutes, noShowJob } from './no-show.job.ts';

// The test clock starts at Saturday 2026-11-28 10:00 in Karachi (05:00 UTC).
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());

const START = '2026-11-28T05:00:00Z';

async function setup() {
  t.clock.set(START);
  const owner = await makeUser(t.deps, 'owner');
  const otherOwner = await makeUser(t.deps, 'owner');
  const { center, desks } = await makeOperationalCenter(t.deps, owner.id, { desks: 1 });
  const f = await makeUser(t.deps, 'freelancer');
  const a = await loginClient(t.app, f.email);
  const book = async (from: string, to: string) => {
    const res = await a.post('/api/v1/bookings', {
      centerId: center.id,
      plan: 'hourly',
      seatId: desks[0]!.id,
      date: '2026-11-28',
      from,
      to,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().bookings[0].id as string;
  };
  return {
    center,
    a,
    book,
    owner: await loginClient(t.app, owner.email),
    other: await loginClient(t.app, otherOwner.email),
    stranger: await loginClient(t.app, (await makeUser(t.deps, 'freelancer')).email),
  };
}

describe('check-in by rotating code', () => {
  it('the booker shows a code; the centre’s owner scans it within the window', async () => {
    const s = await setup();
    const id = await s.book('11:00', '13:00');
    t.clock.set('2026-11-28T05:50:00Z'); // 10:50, ten minutes early
    const code = await s.a.get(`/api/v1/bookings/${id}/check-in-token`);
    expect(code.statusCode).toBe(200);
    expect(code.json().stepSeconds).toBe(30);
    const res = await s.owner.post(`/api/v1/centers/${s.center.id}/check-ins`, { token: code.json().token });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id, status: 'checked_in', checkedInAt: '2026-11-28T05:50:00.000Z' });
    // Twice is refused clearly.
    const again = await s.owner.post(`/api/v1/centers/${s.center.id}/check-ins`, {
      token: code.json().token,
    });
    expect(again.statusCode).toBe(409);
    // Leaving early releases the seat for the rest of the slot; a stranger cannot do it.
    t.clock.set('2026-11-28T06:30:00Z'); // 11:30
    expect((await s.stranger.post(`/api/v1/bookings/${id}/check-out`)).statusCode).toBe(404);
    const out = await s.a.post(`/api/v1/bookings/${id}/check-out`);
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json().status).toBe('released');
    const rebook = await s.stranger.post('/api/v1/bookings', {
      centerId: s.center.id,
      plan: 'hourly',
      date: '2026-11-28',
      from: '11:45',
      to: '13:00',
    });
    expect(rebook.statusCode, rebook.body).toBe(201);
    // Paid: only the centre's owner marks it, once.
    expect((await s.a.post(`/api/v1/bookings/${id}/paid`)).statusCode).toBe(403);
    expect((await s.owner.post(`/api/v1/bookings/${id}/paid`)).json().paid).toBe(true);
    expect((await s.owner.post(`/api/v1/bookings/${id}/paid`)).statusCode).toBe(409);
  });

  it('a code from 90 seconds ago is stale; a tampered one is refused; neither checks in', async () => {
    const s = await setup();
    const id = await s.book('10:30', '12:00');
    t.clock.set('2026-11-28T05:30:00Z');
    const code = (await s.a.get(`/api/v1/bookings/${id}/check-in-token`)).json().token as string;
    t.clock.advance(90_000);
    const stale = await s.owner.post(`/api/v1/centers/${s.center.id}/check-ins`, { token: code });
    expect(stale.statusCode).toBe(400);
    expect(stale.json().fields[0]).toMatchObject({
      path: 'token',
      message: expect.stringMatching(/expired/),
    });
    const fresh = (await s.a.get(`/api/v1/bookings/${id}/check-in-token`)).json().token as string;
    const tampered = `${fresh.slice(0, -3)}${fresh.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    expect(
      (await s.owner.post(`/api/v1/centers/${s.center.id}/check-ins`, { token: tampered })).statusCode,
    ).toBe(400);
    expect(
      (await s.owner.post(`/api/v1/centers/${s.center.id}/check-ins`, { token: 'hello' })).statusCode,
    ).toBe(400);
    expect((await s.a.get(`/api/v1/bookings/${id}`)).json().status).toBe('confirmed');
    // The fresh code still works: 30 seconds later is within one step either side.
    t.clock.advance(30_000);
    expect(
      (await s.owner.post(`/api/v1/centers/${s.center.id}/check-ins`, { token: fresh })).statusCode,
    ).toBe(200);
  });

  it('too early, or by another owner, or the code asked for by someone else: refused', async () => {
    const s = await setup();
    const id = await s.book('14:00', '16:00');
    const code = (await s.a.get(`/api/v1/bookings/${id}/check-in-token`)).json().token as string;
    const early = await s.owner.post(`/api/v1/centers/${s.center.id}/check-ins`, { token: code });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toMatch(/Too early/);
    expect((await s.other.post(`/api/v1/centers/${s.center.id}/check-ins`, { token: code })).statusCode).toBe(
      403,
    );
    expect(
      (await s.stranger.post(`/api/v1/centers/${s.center.id}/check-ins`, { token: code })).statusCode,
    ).toBe(403);
    expect((await s.stranger.get(`/api/v1/bookings/${id}/check-in-token`)).statusCode).toBe(404);
    expect((await s.owner.get(`/api/v1/bookings/${id}/check-in-token`)).statusCode).toBe(403);
    // A code for this centre's booking is not valid at another centre.
    const { center: elsewhere } = await makeOperationalCenter(t.deps, (await makeUser(t.deps, 'owner')).id);
    expect(
      (await s.owner.post(`/api/v1/centers/${elsewhere.id}/check-ins`, { token: code })).statusCode,
    ).toBe(403);
    expect((await s.a.get(`/api/v1/bookings/${id}`)).json().status).toBe('confirmed');
  });

  it('after the end, check-in fails clearly', async () => {
    const s = await setup();
    const id = await s.book('10:15', '11:00');
    t.clock.set('2026-11-28T06:00:30Z'); // 11:00:30
    const code = (await s.a.get(`/api/v1/bookings/${id}/check-in-token`)).json().token as string;
    const res = await s.owner.post(`/api/v1/centers/${s.center.id}/check-ins`, { token: code });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/ended/);
  });
});

describe('no-show release', () => {
  it('releases unchecked bookings after the grace, once per period, freeing the seat', async () => {
    const s = await setup();
    const late = await s.book('10:30', '12:00');
    const kept = await s.book('12:00', '13:00');
    t.clock.set('2026-11-28T05:59:00Z'); // 10:59: grace (30 min) for 10:30 not over
    expect((await runPeriodic(t.deps, noShowJob, everyFiveMinutes(t.clock.now())!)).outcome).toBe('ran');
    expect((await s.a.get(`/api/v1/bookings/${late}`)).json().status).toBe('confirmed');
    t.clock.set('2026-11-28T06:01:00Z'); // 11:01
    const period = everyFiveMinutes(t.clock.now())!;
    expect(period).toBe('2026-11-28T06:00');
    expect((await runPeriodic(t.deps, noShowJob, period)).result).toMatchObject({
      released: expect.any(Number),
    });
    expect((await runPeriodic(t.deps, noShowJob, period)).outcome).toBe('skipped');
    expect((await s.a.get(`/api/v1/bookings/${late}`)).json().status).toBe('no_show');
    expect((await s.a.get(`/api/v1/bookings/${kept}`)).json().status).toBe('confirmed');
    // The seat is free again for the rest of the slot.
    const other = await loginClient(t.app, (await makeUser(t.deps, 'freelancer')).email);
    const rebook = await other.post('/api/v1/bookings', {
      centerId: s.center.id,
      plan: 'hourly',
      date: '2026-11-28',
      from: '11:15',
      to: '12:00',
    });
    expect(rebook.statusCode, rebook.body).toBe(201);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', late)
      .execute();
    expect(audit.map((a) => a.action)).toContain('booking.no_show');
  });
});

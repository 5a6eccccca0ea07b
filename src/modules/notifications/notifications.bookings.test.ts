import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Actor, systemActor } from '../../platform/actor.ts';
import { dispatchEvents } from '../../platform/events/index.ts';
import { makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { releaseNoShows } from '../bookings/index.ts';
import { addClosure, recordInspection, submitMonthlyReport } from '../centers/index.ts';
import { deliverNotices } from './deliver.service.ts';
import { queueBookingReminders, queueDailyNotices } from './scheduled.job.ts';

// Freelancers' and centre owners' notices from the real changes: a booking (one, a series),
// the waitlist's offer, a no-show, a closure's cancellation and its refund; an inspection; the
// monthly report's reminders.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());
beforeEach(() => t.clock.set('2026-11-28T05:00:00Z')); // 10:00 in Karachi

const dispatch = () => dispatchEvents(t.deps, t.deps.areas.handlers, { limit: 1000 });

async function noticesOf(userId: string, kind?: string) {
  let q = t.deps.db.selectFrom('notices').selectAll().where('user_id', '=', userId);
  if (kind) q = q.where('kind', '=', kind);
  const rows = await q.orderBy('kind').orderBy('channel').execute();
  return { list: rows.map((r) => `${r.kind} ${r.channel}`), rows };
}

const adminActor = (id: string): Actor => ({
  kind: 'user',
  userId: id as never,
  role: 'program_admin',
  organizationId: null,
});

async function freelancer(locale: 'en' | 'ur' = 'en') {
  const u = await makeUser(t.deps, 'freelancer');
  await t.deps.db.updateTable('users').set({ locale }).where('id', '=', u.id).execute();
  return { id: u.id, c: await loginClient(t.app, u.email) };
}

describe('freelancers: bookings', () => {
  it('a booking is confirmed once; a series is one notice; a preference turns the email off', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const { center } = await makeOperationalCenter(t.deps, owner.id, { desks: 2, name: 'Gulberg Hub' });
    const a = await freelancer('ur');
    const one = await a.c.post('/api/v1/bookings', {
      centerId: center.id,
      plan: 'hourly',
      date: '2026-11-30',
      from: '10:00',
      to: '12:00',
    });
    expect(one.statusCode, one.body).toBe(201);
    await dispatch();
    await dispatch();
    const first = await noticesOf(a.id, 'booking.confirmed');
    expect(first.list).toEqual(['booking.confirmed email', 'booking.confirmed inbox']);
    expect(first.rows[0]!.locale).toBe('ur');
    expect(first.rows[0]!.subject).toContain('بکنگ ہو گئی');

    const off = await a.c.request('PUT', '/api/v1/notifications/preferences', {
      changes: [{ kind: 'booking.confirmed', channel: 'email', enabled: false }],
    });
    expect(off.statusCode, off.body).toBe(200);
    const series = await a.c.post('/api/v1/bookings', {
      centerId: center.id,
      plan: 'hourly',
      date: '2026-12-01',
      from: '14:00',
      to: '15:00',
      recurrence: { weekdays: [1, 2, 3, 4, 5], until: '2026-12-04' },
    });
    expect(series.statusCode, series.body).toBe(201);
    expect(series.json().bookings).toHaveLength(4);
    await dispatch();
    const after = await noticesOf(a.id, 'booking.confirmed');
    expect(after.list).toEqual([
      'booking.confirmed email',
      'booking.confirmed inbox',
      'booking.confirmed inbox',
    ]);
    const seriesNotice = after.rows.find((r) => r.channel === 'inbox' && r.subject.includes('مزید'))!;
    expect(seriesNotice.subject).toContain('اور 3 مزید');
  });

  it('a freed seat is offered to the first in the waitlist with its expiry; a no-show is told', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const { center } = await makeOperationalCenter(t.deps, owner.id, { desks: 1 });
    const [a, b] = [await freelancer(), await freelancer()];
    const slot = { centerId: center.id, plan: 'hourly', date: '2026-11-30', from: '10:00', to: '12:00' };
    const booked = (await a.c.post('/api/v1/bookings', slot)).json().bookings[0];
    expect((await b.c.post('/api/v1/waitlist', slot)).statusCode).toBe(201);
    expect((await a.c.post(`/api/v1/bookings/${booked.id}/cancel`)).statusCode).toBe(200);
    await dispatch();
    const offer = await noticesOf(b.id, 'waitlist.offer');
    expect(offer.list).toEqual(['waitlist.offer email', 'waitlist.offer inbox', 'waitlist.offer sms']);
    expect(offer.rows[0]!.subject).toMatch(/take it by \d\d:\d\d/);
    expect((await noticesOf(a.id, 'waitlist.offer')).list).toEqual([]);

    // B takes it, does not come: released after the grace, and told.
    const entry = (await b.c.get('/api/v1/me/waitlist')).json()[0];
    expect((await b.c.post(`/api/v1/waitlist/${entry.id}/accept`)).statusCode).toBe(201);
    t.clock.set('2026-11-30T06:00:00Z'); // 11:00 Karachi, an hour into the booking
    expect((await releaseNoShows(t.deps)).released).toBeGreaterThanOrEqual(1);
    await dispatch();
    expect((await noticesOf(b.id, 'booking.no_show')).list).toEqual([
      'booking.no_show email',
      'booking.no_show inbox',
    ]);
    expect((await noticesOf(b.id, 'booking.confirmed')).list).toEqual([
      'booking.confirmed email',
      'booking.confirmed inbox',
    ]);
  });

  it('a closure cancels a paid booking (refund due), then the refund paid is told', async () => {
    const o = await makeUser(t.deps, 'owner');
    const owner = await loginClient(t.app, o.email);
    const { center } = await makeOperationalCenter(t.deps, o.id, { desks: 2 });
    const a = await freelancer();
    const b = (
      await a.c.post('/api/v1/bookings', {
        centerId: center.id,
        plan: 'hourly',
        date: '2026-12-02',
        from: '10:00',
        to: '12:00',
      })
    ).json().bookings[0];
    expect((await owner.post(`/api/v1/bookings/${b.id}/paid`)).statusCode).toBe(200);
    await addClosure(t.deps, systemActor('test'), center.id, {
      startsOn: '2026-12-02',
      endsOn: '2026-12-02',
      reason: 'Power outage',
    });
    expect((await owner.post(`/api/v1/bookings/${b.id}/refunded`)).statusCode).toBe(200);
    await dispatch();
    const cancelled = await noticesOf(a.id, 'booking.cancelled_by_centre');
    expect(cancelled.rows.find((r) => r.channel === 'inbox')!.body_text).toContain('full refund');
    const refunded = await noticesOf(a.id, 'booking.refunded');
    expect(refunded.list).toEqual([
      'booking.refunded email',
      'booking.refunded inbox',
      'booking.refunded sms',
    ]);
    expect(refunded.rows[0]!.subject).toContain('Rs');
  });
});

describe('freelancers: the reminder an hour before', () => {
  it('is withdrawn at send time when the booking was cancelled after it was queued', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const { center } = await makeOperationalCenter(t.deps, owner.id, { desks: 1, name: 'Model Town Hub' });
    const a = await freelancer();
    const prefs = await a.c.request('PUT', '/api/v1/notifications/preferences', {
      changes: [{ kind: 'booking.reminder', channel: 'sms', enabled: true }],
    });
    expect(prefs.statusCode, prefs.body).toBe(200);
    const booked = await a.c.post('/api/v1/bookings', {
      centerId: center.id,
      plan: 'hourly',
      date: '2026-11-28',
      from: '14:00',
      to: '15:00',
    });
    expect(booked.statusCode, booked.body).toBe(201);
    t.clock.set('2026-11-28T08:30:00Z'); // 13:30 in Karachi: within the hour
    await queueBookingReminders(t.deps);
    const queued = await noticesOf(a.id, 'booking.reminder');
    expect(queued.list).toEqual(['booking.reminder inbox', 'booking.reminder sms']);
    const id = booked.json().bookings[0].id;
    expect((await a.c.post(`/api/v1/bookings/${id}/cancel`)).statusCode).toBe(200);
    const r = await deliverNotices(t.deps);
    expect(r.withdrawn).toBe(1);
    const sms = (await noticesOf(a.id, 'booking.reminder')).rows.find((n) => n.channel === 'sms')!;
    expect(sms.status).toBe('withdrawn');
    const outbox = await t.deps.db
      .selectFrom('notice_local_outbox')
      .select('message_id')
      .where('message_id', '=', sms.id)
      .execute();
    expect(outbox).toEqual([]);
  });
});

describe('owners: their centre', () => {
  it('an inspection result reaches the owner only', async () => {
    const o = await makeUser(t.deps, 'owner');
    const admin = await makeUser(t.deps, 'program_admin');
    const { center } = await makeOperationalCenter(t.deps, o.id);
    await recordInspection(t.deps, adminActor(admin.id), center.id, {
      internetMbpsMeasured: 120,
      backupPowerTested: true,
      seatsCounted: 6,
      passed: true,
    });
    await dispatch();
    const result = await noticesOf(o.id, 'centre.inspection_result');
    expect(result.list).toEqual([
      'centre.inspection_result email',
      'centre.inspection_result inbox',
      'centre.inspection_result sms',
    ]);
    expect(result.rows[0]!.subject).toContain('passed its inspection');
    expect((await noticesOf(admin.id, 'centre.inspection_result')).list).toEqual([]);
  });

  it('the monthly report: due from the 1st, missing from the 10th, each once; none once reported', async () => {
    const o = await makeUser(t.deps, 'owner');
    const late = await makeUser(t.deps, 'owner');
    const { center } = await makeOperationalCenter(t.deps, o.id, { name: 'Reported' });
    const { center: other } = await makeOperationalCenter(t.deps, late.id, { name: 'Late' });
    t.clock.set('2026-12-01T05:00:00Z');
    await queueDailyNotices(t.deps, '2026-12-01');
    t.clock.set('2026-12-02T05:00:00Z');
    await queueDailyNotices(t.deps, '2026-12-02');
    const admin = await makeUser(t.deps, 'program_admin');
    await submitMonthlyReport(t.deps, adminActor(admin.id), center.id, '2026-11', {
      internetUptimePercent: 99.5,
      powerUptimePercent: 98,
      trainerName: 'Ayesha',
      trainingSessions: 4,
      peopleTrained: 30,
      notes: null,
    });
    t.clock.set('2026-12-10T05:00:00Z');
    await queueDailyNotices(t.deps, '2026-12-10');
    await queueDailyNotices(t.deps, '2026-12-11');
    expect((await noticesOf(o.id)).list.filter((k) => k.startsWith('centre.report'))).toEqual([
      'centre.report_due email',
      'centre.report_due inbox',
    ]);
    const lateOnes = await noticesOf(late.id);
    expect(lateOnes.list.filter((k) => k.startsWith('centre.report'))).toEqual([
      'centre.report_due email',
      'centre.report_due inbox',
      'centre.report_missing email',
      'centre.report_missing inbox',
      'centre.report_missing sms',
    ]);
    expect(lateOnes.rows.find((r) => r.kind === 'centre.report_missing')!.link).toContain(
      `/owner/centres/${other.id}/reports`,
    );
  });
});

import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { foldLine } from './ical.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());

describe('private iCal feed', () => {
  it('lists my bookings in Asia/Karachi time, parsed by ical.js; rotating kills the old address', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const { center } = await makeOperationalCenter(t.deps, owner.id, { name: 'Gulberg; "Tech", Hub' });
    const f = await makeUser(t.deps, 'freelancer');
    const c = await loginClient(t.app, f.email);
    const made = await c.post('/api/v1/bookings', {
      centerId: center.id,
      plan: 'hourly',
      date: '2026-11-29',
      from: '09:00',
      to: '17:00',
    });
    const second = await c.post('/api/v1/bookings', {
      centerId: center.id,
      plan: 'day_pass',
      date: '2026-11-30',
    });
    await c.post(`/api/v1/bookings/${second.json().bookings[0].id}/cancel`);

    expect((await c.get('/api/v1/me/calendar-feed')).statusCode).toBe(404);
    const feed = await c.post('/api/v1/me/calendar-feed');
    expect(feed.statusCode).toBe(200);
    const { path } = feed.json();
    expect((await c.get('/api/v1/me/calendar-feed')).json().path).toBe(path);

    const res = await t.app.inject({ method: 'GET', url: path });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    expect(res.body).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(res.body.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);

    const cal = new ICAL.Component(ICAL.parse(res.body));
    const tz = cal.getFirstSubcomponent('vtimezone');
    expect(tz?.getFirstPropertyValue('tzid')).toBe('Asia/Karachi');
    ICAL.TimezoneService.register(tz!);
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(2);
    const first = events.find((e) => e.uid === `${made.json().bookings[0].id}@markaz.pk`)!;
    expect(first.summary).toBe('Hot desk H1 — Gulberg; "Tech", Hub');
    expect(first.startDate.toJSDate().toISOString()).toBe('2026-11-29T04:00:00.000Z');
    expect(first.endDate.toJSDate().toISOString()).toBe('2026-11-29T12:00:00.000Z');
    const cancelled = events.find((e) => e.uid !== first.uid)!;
    expect(cancelled.component.getFirstPropertyValue('status')).toBe('CANCELLED');

    const rotated = await c.post('/api/v1/me/calendar-feed');
    expect(rotated.json().path).not.toBe(path);
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: rotated.json().path })).statusCode).toBe(200);
  });

  it('unknown or malformed feed addresses are 404s', async () => {
    for (const url of ['/api/v1/calendar/AAAAAAAAAAAAAAAAAAAAAAAA.ics', '/api/v1/calendar/x.ics']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(404);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/calendar/abc.txt' })).statusCode).toBe(400);
  });

  it('folds long lines without splitting a character', () => {
    const line = `SUMMARY:${'ملتان '.repeat(30)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(folded.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(line);
  });
});

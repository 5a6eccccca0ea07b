import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/actor.ts';
import { dispatchEvents } from '../../platform/events/index.ts';
import { cityId } from '../../testing/centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { createCenter } from '../centers/index.ts';
import { complaintsFigures } from './complaints.figures.ts';
import { newReference } from './complaints.service.ts';

// Complaints: filed by anyone with a reference, followed by it, answered by staff within the
// standard (overdue flagged), the person told, the public counts and median.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());
beforeEach(() => t.clock.set('2026-11-28T05:00:00Z'));

const dispatch = () => dispatchEvents(t.deps, t.deps.areas.handlers, { limit: 1000 });
const anon = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, ...(payload ? { payload } : {}) });
const notices = (kind = 'complaint.changed') =>
  t.deps.db.selectFrom('notices').selectAll().where('kind', '=', kind).orderBy('created_at').execute();

describe('complaints', () => {
  it('references are random, eight Crockford letters, never repeated', () => {
    const refs = new Set(Array.from({ length: 2000 }, () => newReference()));
    expect(refs.size).toBe(2000);
    for (const r of refs) expect(r).toMatch(/^C-[0-9A-HJKMNP-TV-Z]{8}$/);
  });

  it('a visitor files one with a mobile, follows it by reference, is told of the answer; staff see it overdue', async () => {
    const filed = await anon('POST', '/api/v1/complaints', {
      about: 'programme',
      category: 'payment',
      body: 'Nobody has answered my question about the subsidy for two weeks.',
      mobile: '0300 1234567',
      locale: 'ur',
    });
    expect(filed.statusCode).toBe(201);
    const c = filed.json();
    expect(c).toMatchObject({ status: 'received', overdue: false, answer: null });
    expect(c.dueAt).toBe('2026-12-05T05:00:00.000Z');
    const stored = await t.deps.db.selectFrom('complaints').selectAll().executeTakeFirstOrThrow();
    expect(stored.contact).not.toContain('1234567'); // sealed
    await dispatch();
    // A visitor saw the reference on screen: no "received" SMS to a number nobody proved.
    expect(await notices()).toHaveLength(0);

    const byRef = await anon('GET', `/api/v1/complaint-status/${c.reference.toLowerCase()}`);
    expect(byRef.statusCode).toBe(200);
    expect(byRef.json().reference).toBe(c.reference);
    expect(JSON.stringify(byRef.json())).not.toContain('1234567');

    t.clock.set('2026-12-06T05:00:00Z'); // 8 days later: past the standard
    const admin = await makeUser(t.deps, 'program_admin');
    const staff = await loginClient(t.app, admin.email);
    const queue = await staff.get('/api/v1/complaints?status=open&overdue=true');
    expect(queue.statusCode).toBe(200);
    const row = queue.json().find((x: { reference: string }) => x.reference === c.reference);
    expect(row).toMatchObject({
      overdue: true,
      contactKind: 'mobile',
      contact: '+92 300 ***4567',
      signedIn: false,
    });

    const noAnswer = await staff.post(`/api/v1/complaints/${row.id}/answer`, { status: 'resolved' });
    expect(noAnswer.statusCode).toBe(400);
    expect(noAnswer.json().fields[0].path).toBe('answer');
    const answered = await staff.post(`/api/v1/complaints/${row.id}/answer`, {
      status: 'resolved',
      answer: 'The subsidy is paid to the bank each quarter; your bank will write to you.',
    });
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'resolved', overdue: true });
    const again = await staff.post(`/api/v1/complaints/${row.id}/answer`, { status: 'in_progress' });
    expect(again.statusCode).toBe(409);
    await dispatch();
    const told = await notices();
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ channel: 'sms', user_id: null, locale: 'ur' });
    const log = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('entity', '=', 'complaint')
      .execute();
    expect(JSON.stringify(log)).not.toContain('Nobody has answered');

    const stats = (await anon('GET', '/api/v1/complaints/stats')).json();
    expect(stats).toMatchObject({
      received: 1,
      open: 0,
      resolved: 1,
      answeredWithinStandard: 0,
      medianDaysToAnswer: 8,
    });
    // Answered in three and a half days: the page says 4, as the portal's whole-day figure does.
    await sql`UPDATE complaints SET answered_at = received_at + interval '3 days 12 hours'`.execute(
      t.deps.db,
    );
    const half = (await anon('GET', '/api/v1/complaints/stats')).json();
    expect(half.medianDaysToAnswer).toBe(4);
  });

  it('caps filings per address and per contact left', async () => {
    const from = (ip: string, body: object) =>
      t.app.inject({ method: 'POST', url: '/api/v1/complaints', payload: body, remoteAddress: ip });
    const base = { about: 'programme', category: 'other', body: 'A complaint filed again and again.' };
    const codes: number[] = [];
    for (let i = 0; i < 6; i++)
      codes.push((await from('203.0.113.9', { ...base, email: `x${i}@a.pk` })).statusCode);
    expect(codes).toEqual([201, 201, 201, 201, 201, 429]);
    const same: number[] = [];
    for (let i = 0; i < 4; i++)
      same.push((await from(`198.51.100.${i + 1}`, { ...base, mobile: '0345 7654321' })).statusCode);
    expect(same).toEqual([201, 201, 201, 429]);
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    const before = await t.deps.db
      .selectFrom('complaints')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const noContact = await anon('POST', '/api/v1/complaints', {
      about: 'programme',
      category: 'other',
      body: 'A complaint with no way to answer it.',
    });
    expect(noContact.statusCode).toBe(400);
    expect(noContact.json().fields[0]).toMatchObject({ path: 'email', rule: 'contact_required' });
    const noCentre = await anon('POST', '/api/v1/complaints', {
      about: 'centre',
      category: 'service',
      body: 'The centre was closed during its opening hours.',
      email: 'a@b.pk',
    });
    expect(noCentre.json().fields[0].path).toBe('centerId');
    const badMobile = await anon('POST', '/api/v1/complaints', {
      about: 'programme',
      category: 'other',
      body: 'Something went wrong with my booking.',
      mobile: '12',
    });
    expect(badMobile.json().fields[0].path).toBe('mobile');
    const short = await anon('POST', '/api/v1/complaints', {
      about: 'programme',
      category: 'other',
      body: 'bad',
      email: 'a@b.pk',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().fields[0].path).toBe('body');
    const badRef = await anon('GET', '/api/v1/complaint-status/123');
    expect(badRef.statusCode).toBe(400);
    const unknown = await anon('GET', '/api/v1/complaint-status/C-00000000');
    expect(unknown.statusCode).toBe(404);
    const after = await t.deps.db
      .selectFrom('complaints')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
  });

  it('a signed-in freelancer files about a centre, sees it in their list and inbox; only admins answer', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const center = await createCenter(t.deps, systemActor('test'), {
      ownerId: owner.id,
      nameEn: 'Canal Works',
      nameUr: 'کینال ورکس',
      address: '1 Canal Road',
      cityId: await cityId(t.deps, 'Lahore'),
      latitude: 31.52,
      longitude: 74.35,
      status: 'approved',
    });
    const f = await makeUser(t.deps, 'freelancer');
    const me = await loginClient(t.app, f.email);
    const filed = await me.post('/api/v1/complaints', {
      about: 'centre',
      centerId: center.id,
      category: 'access',
      body: 'The lift has not worked for a week.',
    });
    expect(filed.statusCode).toBe(201);
    expect(filed.json().centreName).toBe('Canal Works');
    const mine = (await me.get('/api/v1/me/complaints')).json();
    expect(mine.map((x: { reference: string }) => x.reference)).toEqual([filed.json().reference]);
    const list = await me.get('/api/v1/complaints');
    expect(list.statusCode).toBe(403);
    await dispatch();
    const inbox = (await notices()).filter((n) => n.user_id === f.id);
    expect(inbox.map((n) => n.channel).sort()).toEqual(['email', 'inbox']);
    expect(inbox.find((n) => n.channel === 'inbox')?.link).toBe(`/complaints/${filed.json().reference}`);
    // The portal's figure (computed by the figures job): by the centre's province.
    const received = await complaintsFigures[0]!.compute!(t.deps.db, t.clock.now());
    expect(received.byProvince).toEqual({ PB: 1 });
    expect(received.total).toBe(1 + 5 + 3 + 1);
  });
});

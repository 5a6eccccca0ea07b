import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/actor.ts';
import { dispatchEvents } from '../../platform/events/index.ts';
import { cityId } from '../../testing/centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { changeCenterStatus, createCenter, recordInspection } from './index.ts';

// Inspection visits: staff book, move and cancel a visit to a centre under set-up; the owner hears
// of each change in their language and sees the visit on their centre.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());
beforeEach(() => t.clock.set('2026-11-28T05:00:00Z')); // 10:00 in Karachi

const dispatch = () => dispatchEvents(t.deps, t.deps.areas.handlers, { limit: 1000 });
const window = { startsAt: '2026-12-03T10:00:00+05:00', endsAt: '2026-12-03T13:00:00+05:00' };

async function setup(locale: 'en' | 'ur' = 'en') {
  const owner = await makeUser(t.deps, 'owner');
  await t.deps.db.updateTable('users').set({ locale }).where('id', '=', owner.id).execute();
  const center = await createCenter(t.deps, systemActor('test'), {
    ownerId: owner.id,
    nameEn: 'Saddar Works',
    nameUr: 'صدر ورکس',
    address: '2 Mall Road',
    cityId: await cityId(t.deps, 'Lahore'),
    latitude: 31.55,
    longitude: 74.34,
    status: 'approved',
  });
  await changeCenterStatus(t.deps, systemActor('test'), center.id, {
    status: 'under_setup',
    reason: 'Works started',
  });
  const admin = await makeUser(t.deps, 'program_admin');
  return {
    owner,
    center,
    staff: await loginClient(t.app, admin.email),
    own: await loginClient(t.app, owner.email),
  };
}

async function ownerNotices(userId: string) {
  return t.deps.db
    .selectFrom('notices')
    .selectAll()
    .where('user_id', '=', userId)
    .where('kind', '=', 'centre.inspection_booked')
    .orderBy('created_at')
    .orderBy('channel')
    .execute();
}

describe('inspection visits', () => {
  it('booked, moved and cancelled by staff; the owner is told each time and sees the visit', async () => {
    const { owner, center, staff, own } = await setup();
    const booked = await staff.post(`/api/v1/centers/${center.id}/inspection-visits`, window);
    expect(booked.statusCode, booked.body).toBe(201);
    expect(booked.json()).toMatchObject({ status: 'booked', centreName: 'Saddar Works', reschedules: 0 });
    await dispatch();
    const first = await ownerNotices(owner.id);
    expect(first.map((n) => n.channel).sort()).toEqual(['email', 'inbox', 'sms']);
    expect(first[0]!.subject).toBe('Inspection visit booked: Saddar Works, 2026-12-03 10:00');
    expect(first.find((n) => n.channel === 'sms')!.sms_segments).toBe(1);

    const seen = await own.get(`/api/v1/centers/${center.id}/inspection-visits`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject([{ status: 'booked', startsAt: '2026-12-03T05:00:00.000Z' }]);

    const again = await staff.post(`/api/v1/centers/${center.id}/inspection-visits`, window);
    expect(again.statusCode).toBe(409);

    const id = booked.json().id;
    const moved = await staff.request('PUT', `/api/v1/inspection-visits/${id}`, {
      startsAt: '2026-12-04T14:00:00+05:00',
      endsAt: '2026-12-04T16:00:00+05:00',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ reschedules: 1 });
    await dispatch();
    const cancelled = await staff.post(`/api/v1/inspection-visits/${id}/cancel`, {
      reason: 'Inspector unwell',
    });
    expect(cancelled.statusCode).toBe(200);
    await dispatch();
    const subjects = (await ownerNotices(owner.id))
      .filter((n) => n.channel === 'email')
      .map((n) => n.subject);
    expect(subjects).toEqual([
      'Inspection visit booked: Saddar Works, 2026-12-03 10:00',
      'Inspection visit moved: Saddar Works, 2026-12-04 14:00',
      'Inspection visit cancelled: Saddar Works',
    ]);
    const last = (await ownerNotices(owner.id)).find(
      (n) => n.channel === 'inbox' && /cancelled/.test(n.subject),
    );
    expect(last!.body_text).toContain('Inspector unwell');
    expect((await staff.request('PUT', `/api/v1/inspection-visits/${id}`, window)).statusCode).toBe(409);
  });

  it('in Urdu for an owner who reads Urdu; an inspection recorded ends the booked visit', async () => {
    const { owner, center, staff } = await setup('ur');
    const booked = await staff.post(`/api/v1/centers/${center.id}/inspection-visits`, window);
    await dispatch();
    const notices = await ownerNotices(owner.id);
    expect(notices[0]!.subject).toContain('معائنے کا دورہ طے');
    expect(notices[0]!.subject).toContain('صدر ورکس');
    const admin = await t.deps.db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'program_admin')
      .executeTakeFirstOrThrow();
    await recordInspection(
      t.deps,
      { kind: 'user', userId: admin.id as never, role: 'program_admin', organizationId: null },
      center.id,
      { internetMbpsMeasured: 50, backupPowerTested: true, seatsCounted: 4, passed: false },
    );
    const visits = await staff.get(`/api/v1/centers/${center.id}/inspection-visits`);
    expect(visits.json()).toMatchObject([{ id: booked.json().id, status: 'done' }]);
  });

  it('refuses bad windows naming the field, others’ centres, and non-staff; and changes nothing', async () => {
    const { center, staff, own } = await setup();
    const backwards = await staff.post(`/api/v1/centers/${center.id}/inspection-visits`, {
      startsAt: '2026-12-03T13:00:00+05:00',
      endsAt: '2026-12-03T10:00:00+05:00',
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().fields.map((f: { path: string }) => f.path)).toEqual(['endsAt']);
    const past = await staff.post(`/api/v1/centers/${center.id}/inspection-visits`, {
      startsAt: '2026-11-20T10:00:00+05:00',
      endsAt: '2026-11-20T11:00:00+05:00',
    });
    expect(past.json().fields.map((f: { path: string }) => f.path)).toEqual(['startsAt']);
    const garbled = await staff.post(`/api/v1/centers/${center.id}/inspection-visits`, { startsAt: 'soon' });
    expect(garbled.statusCode).toBe(400);
    expect(
      garbled
        .json()
        .fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['endsAt', 'startsAt']);
    expect((await own.post(`/api/v1/centers/${center.id}/inspection-visits`, window)).statusCode).toBe(403);
    const stranger = await makeUser(t.deps, 'owner');
    const other = await loginClient(t.app, stranger.email);
    expect((await other.get(`/api/v1/centers/${center.id}/inspection-visits`)).statusCode).toBe(403);
    expect((await staff.get(`/api/v1/centers/${center.id}/inspection-visits`)).json()).toEqual([]);
  });

  it('the calendar: a week or month across centres, by district (Pakistan days), bad ranges refused', async () => {
    const { center, staff } = await setup();
    const booked = await staff.post(`/api/v1/centers/${center.id}/inspection-visits`, {
      startsAt: '2026-12-07T00:30:00+05:00', // Monday 7 December in Karachi, still 6 December in UTC
      endsAt: '2026-12-07T03:00:00+05:00',
    });
    expect(booked.statusCode).toBe(201);
    // A city that has its district in the bundled geography (not every one does).
    const city = await t.deps.db
      .selectFrom('cities')
      .select(['id', 'district_id'])
      .where('district_id', 'is not', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await t.deps.db
      .updateTable('centers')
      .set({ city_id: city.id })
      .where('center_id', '=', center.id)
      .execute();
    const lahore = city.district_id!;
    const ids = async (q: string) => {
      const r = await staff.get(`/api/v1/inspection-visits?${q}`);
      expect(r.statusCode, r.body).toBe(200);
      return (r.json().items as { id: string }[]).map((v) => v.id);
    };
    expect(await ids('from=2026-12-07&to=2026-12-13')).toContain(booked.json().id);
    expect(await ids('from=2026-11-30&to=2026-12-06')).not.toContain(booked.json().id);
    expect(await ids(`from=2026-12-01&to=2026-12-31&districtId=${lahore}`)).toContain(booked.json().id);
    expect(await ids(`from=2026-12-01&to=2026-12-31&districtId=${lahore + 1}`)).not.toContain(
      booked.json().id,
    );
    const one = (await staff.get('/api/v1/inspection-visits?from=2026-12-07&to=2026-12-07')).json().items[0];
    expect(one).toMatchObject({ districtId: lahore, districtName: expect.any(String) });
    const backwards = await staff.get('/api/v1/inspection-visits?from=2026-12-10&to=2026-12-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain('to');
    expect((await staff.get('/api/v1/inspection-visits?from=2026-01-01&to=2026-12-31')).statusCode).toBe(400);
    expect((await staff.get('/api/v1/inspection-visits?from=yesterday')).statusCode).toBe(400);
    const open = await staff.get('/api/v1/inspection-visits?from=2026-12-01');
    expect(open.statusCode).toBe(400);
    expect(open.json().fields[0].path).toBe('to');
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/actor.ts';
import { dispatchEvents } from '../../platform/events/index.ts';
import { cityId } from '../../testing/centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { changeCenterStatus, createCenter } from './index.ts';
import { inspectorNotices } from './inspection-inspector.ts';

// The inspector on a visit: staff name one when booking or moving it and can change it; the
// inspector hears of it (the owner only of the window); the calendar shows and filters by them and
// pages a range rather than cutting it.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());
beforeEach(() => t.clock.set('2026-11-28T05:00:00Z')); // 10:00 in Karachi

const dispatch = () => dispatchEvents(t.deps, t.deps.areas.handlers, { limit: 1000 });
const window = { startsAt: '2026-12-03T10:00:00+05:00', endsAt: '2026-12-03T13:00:00+05:00' };

async function centre(name = 'Saddar Works') {
  const owner = await makeUser(t.deps, 'owner');
  const c = await createCenter(t.deps, systemActor('test'), {
    ownerId: owner.id,
    nameEn: name,
    nameUr: 'صدر ورکس',
    address: '2 Mall Road',
    cityId: await cityId(t.deps, 'Lahore'),
    latitude: 31.55,
    longitude: 74.34,
    status: 'approved',
  });
  await changeCenterStatus(t.deps, systemActor('test'), c.id, { status: 'under_setup', reason: 'Works' });
  return { owner, center: c };
}

async function inspector(locale: 'en' | 'ur' = 'en', name = 'Bilal Inspector') {
  const u = await makeUser(t.deps, 'program_admin');
  await t.deps.db.updateTable('users').set({ locale, name }).where('id', '=', u.id).execute();
  return u;
}

const notices = (userId: string, kind: string) =>
  t.deps.db
    .selectFrom('notices')
    .selectAll()
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .where('channel', '=', 'email')
    .orderBy('created_at')
    .execute();

describe('the inspector on a visit', () => {
  it('named when booking, changed, moved and cancelled: each inspector told in their language', async () => {
    const { owner, center } = await centre();
    const staff = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
    const bilal = await inspector('en');
    const sana = await inspector('ur', 'Sana Inspector');
    const booked = await staff.post(`/api/v1/centers/${center.id}/inspection-visits`, {
      ...window,
      inspectorId: bilal.id,
    });
    expect(booked.statusCode, booked.body).toBe(201);
    expect(booked.json()).toMatchObject({ inspectorId: bilal.id, inspectorName: 'Bilal Inspector' });
    const id = booked.json().id;
    await dispatch();
    expect((await notices(bilal.id, 'inspection.assigned')).map((n) => n.subject)).toEqual([
      'Inspection visit given to you: Saddar Works, 2026-12-03 10:00',
    ]);

    const moved = await staff.request('PUT', `/api/v1/inspection-visits/${id}/inspector`, {
      inspectorId: sana.id,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      inspectorId: sana.id,
      inspectorName: 'Sana Inspector',
      reschedules: 0,
    });
    await staff.request('PUT', `/api/v1/inspection-visits/${id}`, {
      startsAt: '2026-12-04T14:00:00+05:00',
      endsAt: '2026-12-04T16:00:00+05:00',
    });
    await staff.post(`/api/v1/inspection-visits/${id}/cancel`, { reason: 'Centre not ready' });
    await dispatch();
    expect((await notices(bilal.id, 'inspection.assigned')).map((n) => n.subject)).toEqual([
      'Inspection visit given to you: Saddar Works, 2026-12-03 10:00',
      'Inspection visit given to someone else: Saddar Works, 2026-12-03 10:00',
    ]);
    const urdu = await notices(sana.id, 'inspection.assigned');
    expect(urdu.map((n) => n.subject)).toEqual([
      'معائنے کا دورہ آپ کے سپرد: صدر ورکس، 2026-12-03 10:00',
      'آپ کے معائنے کا دورہ بدل گیا: صدر ورکس، 2026-12-04 14:00',
      'آپ کے معائنے کا دورہ منسوخ: صدر ورکس، 2026-12-04 14:00',
    ]);
    // The owner hears of the window (booked, moved, cancelled), not of who comes.
    expect((await notices(owner.id, 'centre.inspection_booked')).length).toBe(3);
    // Nor does the owner's list of the centre's visits say who; staff's does.
    const asOwner = await loginClient(t.app, owner.email);
    const ownerView = (await asOwner.get(`/api/v1/centers/${center.id}/inspection-visits`)).json();
    expect(ownerView).toMatchObject([{ id, inspectorId: null, inspectorName: null }]);
    const staffView = (await staff.get(`/api/v1/centers/${center.id}/inspection-visits`)).json();
    expect(staffView).toMatchObject([{ id, inspectorId: sana.id, inspectorName: 'Sana Inspector' }]);
  });

  it('refuses an unknown inspector or one who is not staff, naming the field, and changes nothing', async () => {
    const { center } = await centre();
    const staff = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
    const freelancer = await makeUser(t.deps, 'freelancer');
    const auditor = await makeUser(t.deps, 'auditor');
    const path = (r: { json: () => { fields: { path: string; rule?: string }[] } }) => r.json().fields;
    for (const [inspectorId, rule] of [
      ['3f0c1d2e-4b5a-4c6d-8e7f-9a0b1c2d3e4f', 'inspector_unknown'],
      [freelancer.id, 'inspector_role'],
      [auditor.id, 'inspector_role'],
    ] as const) {
      const r = await staff.post(`/api/v1/centers/${center.id}/inspection-visits`, {
        ...window,
        inspectorId,
      });
      expect(r.statusCode, r.body).toBe(400);
      expect(path(r)).toEqual([expect.objectContaining({ path: 'inspectorId', rule })]);
    }
    const garbled = await staff.post(`/api/v1/centers/${center.id}/inspection-visits`, {
      ...window,
      inspectorId: 'bilal',
    });
    expect(garbled.statusCode).toBe(400);
    expect(path(garbled).map((f) => f.path)).toEqual(['inspectorId']);
    expect((await staff.get(`/api/v1/centers/${center.id}/inspection-visits`)).json()).toEqual([]);

    const bilal = await inspector();
    const id = (await staff.post(`/api/v1/centers/${center.id}/inspection-visits`, window)).json().id;
    const move = await staff.request('PUT', `/api/v1/inspection-visits/${id}`, {
      startsAt: '2026-12-05T10:00:00+05:00',
      endsAt: '2026-12-05T12:00:00+05:00',
      inspectorId: freelancer.id,
    });
    expect(move.statusCode).toBe(400);
    expect(path(move)[0]!.path).toBe('inspectorId');
    const give = await staff.request('PUT', `/api/v1/inspection-visits/${id}/inspector`, {
      inspectorId: auditor.id,
    });
    expect(path(give)[0]!.path).toBe('inspectorId');
    const [after] = (await staff.get(`/api/v1/centers/${center.id}/inspection-visits`)).json();
    expect(after).toMatchObject({ startsAt: '2026-12-03T05:00:00.000Z', reschedules: 0, inspectorId: null });
    const outsider = await loginClient(t.app, freelancer.email);
    expect(
      (await outsider.request('PUT', `/api/v1/inspection-visits/${id}/inspector`, { inspectorId: bilal.id }))
        .statusCode,
    ).toBe(403);
  });

  it('the calendar filters by inspector and pages a range longer than its limit, cutting nothing', async () => {
    const staff = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
    const bilal = await inspector();
    const booked: string[] = [];
    // Five visits on 14 December, three starting at the same minute (the page key breaks the tie by id).
    for (const [i, start] of ['09:00', '10:00', '10:00', '10:00', '11:00'].entries()) {
      const { center } = await centre(`Page Centre ${i}`);
      const r = await staff.post(`/api/v1/centers/${center.id}/inspection-visits`, {
        startsAt: `2026-12-14T${start}:00+05:00`,
        endsAt: `2026-12-14T${start.replace(/^\d\d/, (h) => String(Number(h) + 1).padStart(2, '0'))}:00+05:00`,
        ...(i % 2 === 0 ? { inspectorId: bilal.id } : {}),
      });
      expect(r.statusCode, r.body).toBe(201);
      booked.push(r.json().id);
    }
    const seen: string[] = [];
    let next: string | null = '/api/v1/inspection-visits?from=2026-12-14&to=2026-12-14&limit=2';
    let pages = 0;
    while (next) {
      const r = await staff.get(next);
      expect(r.statusCode, r.body).toBe(200);
      const page = r.json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      expect(page.limit).toBe(2);
      seen.push(...page.items.map((v: { id: string }) => v.id));
      next = page.next;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual([...booked].sort());
    const whole = (await staff.get('/api/v1/inspection-visits?from=2026-12-14&to=2026-12-14')).json();
    expect(whole).toMatchObject({ limit: 200, next: null, nextAfter: null });
    expect(whole.items.map((v: { id: string }) => v.id)).toEqual(
      [...whole.items.map((v: { id: string }) => v.id)].sort((a: string, b: string) => {
        const at = (id: string) => whole.items.find((v: { id: string }) => v.id === id).startsAt;
        return at(a).localeCompare(at(b)) || a.localeCompare(b);
      }),
    );

    const mine = (
      await staff.get(`/api/v1/inspection-visits?from=2026-12-14&to=2026-12-14&inspectorId=${bilal.id}`)
    ).json();
    expect(mine.items.map((v: { id: string }) => v.id).sort()).toEqual(
      [booked[0], booked[2], booked[4]].sort(),
    );
    expect(mine.items.every((v: { inspectorName: string }) => v.inspectorName === 'Bilal Inspector')).toBe(
      true,
    );
    expect(
      (await staff.get('/api/v1/inspection-visits?from=2026-12-14&to=2026-12-14&limit=501')).statusCode,
    ).toBe(400);
    const badCursor = await staff.get('/api/v1/inspection-visits?from=2026-12-14&to=2026-12-14&after=bm9wZQ');
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().fields[0].path).toBe('after');
  });

  it('tells whoever is given, taken off, or keeps a moved or cancelled visit', () => {
    expect(inspectorNotices('booked', null, 'a')).toEqual([{ inspectorId: 'a', change: 'assigned' }]);
    expect(inspectorNotices('booked', null, null)).toEqual([]);
    expect(inspectorNotices('rescheduled', 'a', 'a')).toEqual([{ inspectorId: 'a', change: 'moved' }]);
    expect(inspectorNotices('rescheduled', 'a', 'b')).toEqual([
      { inspectorId: 'a', change: 'unassigned' },
      { inspectorId: 'b', change: 'assigned' },
    ]);
    expect(inspectorNotices('inspector', 'a', 'a')).toEqual([]);
    expect(inspectorNotices('inspector', 'a', null)).toEqual([{ inspectorId: 'a', change: 'unassigned' }]);
    expect(inspectorNotices('cancelled', 'a', 'a')).toEqual([{ inspectorId: 'a', change: 'cancelled' }]);
  });
});

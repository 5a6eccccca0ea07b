import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityId, LAHORE, makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());

const count = async (table: 'centers' | 'audit_log' | 'center_spaces' | 'seats' | 'center_inspections') =>
  Number(
    (
      await t.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

function expectProblem(res: { statusCode: number; headers: Record<string, unknown> }, status: number) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
}

describe('centre lifecycle and set-up', () => {
  it('an admin registers a centre; the owner sets it up; an inspection passes; it becomes operational', async () => {
    const admin = await makeUser(t.deps, 'program_admin');
    const owner = await makeUser(t.deps, 'owner');
    const a = await loginClient(t.app, admin.email);
    const o = await loginClient(t.app, owner.email);
    const created = await a.post('/api/v1/centers', {
      ownerId: owner.id,
      nameEn: 'Gulberg e-Rozgar Centre',
      nameUr: 'گلبرگ ای روزگار مرکز',
      address: '12 Main Boulevard, Gulberg III',
      cityId: await cityId(t.deps, 'Lahore'),
      ...LAHORE,
    });
    expect(created.statusCode).toBe(201);
    const c = created.json();
    expect(c).toMatchObject({ status: 'approved', provinceCode: 'PB', cityName: 'Lahore', seatCount: 0 });

    // Not public until operational.
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/centers/${c.id}` })).statusCode).toBe(404);

    const setup = await o.post(`/api/v1/centers/${c.id}/status`, {
      status: 'under_setup',
      reason: 'Works begun',
    });
    expect(setup.statusCode).toBe(200);
    expect(setup.json().status).toBe('under_setup');

    const space = await o.post(`/api/v1/centers/${c.id}/spaces`, {
      kind: 'hot_desk_area',
      name: 'Main hall',
      capacity: 20,
      seats: { count: 12, labelPrefix: 'A' },
    });
    expect(space.statusCode).toBe(201);
    expect(space.json().seatCount).toBe(12);
    expect(
      space
        .json()
        .spaces[0].seats.map((s: { label: string }) => s.label)
        .slice(0, 3),
    ).toEqual(['A1', 'A2', 'A3']);

    // The owner cannot declare their own centre inspected or operational.
    const self = await o.post(`/api/v1/centers/${c.id}/status`, { status: 'operational', reason: 'ready' });
    expectProblem(self, 409);

    const insp = await a.post(`/api/v1/centers/${c.id}/inspections`, {
      internetMbpsMeasured: 48,
      backupPowerTested: true,
      backupPowerMinutes: 240,
      seatsCounted: 12,
      passed: true,
      notes: 'Fibre and a 10 kVA generator',
    });
    expect(insp.statusCode).toBe(201);
    const open = await a.post(`/api/v1/centers/${c.id}/status`, { status: 'operational', reason: 'Opened' });
    expect(open.statusCode).toBe(200);
    expect(open.json()).toMatchObject({ status: 'operational', amenities: { internetMbps: 48 } });

    const pub = await t.app.inject({ method: 'GET', url: `/api/v1/centers/${c.id}` });
    expect(pub.statusCode).toBe(200);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/centers' });
    expect(list.json().items.map((x: { id: string }) => x.id)).toContain(c.id);

    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'center')
      .where('entity_id', '=', c.id)
      .execute();
    expect(audit.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'center.created',
        'center.status_changed',
        'center.space_added',
        'center.inspected',
      ]),
    );
  });

  it('an owner cannot edit another owner’s centre, and nothing is written', async () => {
    const mine = await makeUser(t.deps, 'owner');
    const theirs = await makeUser(t.deps, 'owner');
    const { center } = await makeOperationalCenter(t.deps, theirs.id);
    const o = await loginClient(t.app, mine.email);
    const before = [await count('audit_log'), await count('center_spaces'), await count('seats')];
    const attempts = [
      o.patch(`/api/v1/centers/${center.id}`, { nameEn: 'Hijacked' }),
      o.request('PUT', `/api/v1/centers/${center.id}/prices`, {
        hourlyMinor: 1,
        dayPassMinor: 1,
        monthlyDeskMinor: 1,
        meetingRoomHourlyMinor: 1,
      }),
      o.post(`/api/v1/centers/${center.id}/spaces`, { kind: 'cabin', name: 'X', capacity: 1 }),
      o.post(`/api/v1/centers/${center.id}/status`, { status: 'closed', reason: 'spite' }),
    ];
    for (const res of await Promise.all(attempts)) expectProblem(res, 403);
    expect([await count('audit_log'), await count('center_spaces'), await count('seats')]).toEqual(before);
    const after = await t.app.inject({ method: 'GET', url: `/api/v1/centers/${center.id}` });
    expect(after.json().nameEn).toBe('Test Centre');
    expect(after.json().prices.hourlyMinor).toBe(10_000);
  });

  it('coordinates in the sea are refused with the field named, and nothing is written', async () => {
    const admin = await makeUser(t.deps, 'program_admin');
    const owner = await makeUser(t.deps, 'owner');
    const a = await loginClient(t.app, admin.email);
    const before = await count('centers');
    const res = await a.post('/api/v1/centers', {
      ownerId: owner.id,
      nameEn: 'Offshore',
      address: 'Arabian Sea',
      cityId: await cityId(t.deps, 'Karachi'),
      latitude: 23.5,
      longitude: 65.5,
    });
    expectProblem(res, 400);
    expect(res.json().fields[0].path).toBe('latitude');
    expect(await count('centers')).toBe(before);

    const { center } = await makeOperationalCenter(t.deps, owner.id);
    const o = await loginClient(t.app, owner.email);
    const move = await o.patch(`/api/v1/centers/${center.id}`, { latitude: 24.0, longitude: 66.0 });
    expectProblem(move, 400);
  });

  it('refuses bad set-up input: hours that are no time, a weekday twice, a closure ending before it starts', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const { center } = await makeOperationalCenter(t.deps, owner.id);
    const o = await loginClient(t.app, owner.email);
    const before = await count('audit_log');
    const hours = await o.request('PUT', `/api/v1/centers/${center.id}/hours`, {
      days: [{ weekday: 1, opens: '18:00', closes: '24:30' }],
    });
    expectProblem(hours, 400);
    // (18:00–09:00 is no longer a mistake: it closes the next morning; see decision 0007.)
    const twice = await o.request('PUT', `/api/v1/centers/${center.id}/hours`, {
      days: [
        { weekday: 1, opens: '09:00', closes: '18:00' },
        { weekday: 1, opens: '10:00', closes: '18:00' },
      ],
    });
    expectProblem(twice, 400);
    const closure = await o.post(`/api/v1/centers/${center.id}/closures`, {
      startsOn: '2026-12-10',
      endsOn: '2026-12-01',
      reason: 'x',
    });
    expectProblem(closure, 400);
    const badDate = await o.post(`/api/v1/centers/${center.id}/closures`, {
      startsOn: '2026-02-30',
      endsOn: '2026-03-01',
      reason: 'x',
    });
    expectProblem(badDate, 400);
    expect(await count('audit_log')).toBe(before);
  });

  it('keeps an optional Urdu name for a space and an Urdu reason for a closure (issue 17)', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const { center } = await makeOperationalCenter(t.deps, owner.id);
    const o = await loginClient(t.app, owner.email);
    const space = await o.post(`/api/v1/centers/${center.id}/spaces`, {
      kind: 'cabin',
      name: 'Quiet cabins',
      nameUr: 'خاموش کیبن',
      capacity: 2,
    });
    expect(space.statusCode).toBe(201);
    const closure = await o.post(`/api/v1/centers/${center.id}/closures`, {
      startsOn: '2027-01-10',
      endsOn: '2027-01-10',
      reason: 'Roof repair',
      reasonUr: 'چھت کی مرمت',
    });
    expect(closure.statusCode).toBeLessThan(300);
    const got = (await o.get(`/api/v1/centers/${center.id}`)).json();
    const named = got.spaces.find((x: { name: string }) => x.name === 'Quiet cabins');
    expect(named.nameUr).toBe('خاموش کیبن');
    // Spaces made without one have none: the English shows.
    expect(got.spaces.find((x: { name: string }) => x.name !== 'Quiet cabins').nameUr).toBeNull();
    expect(got.closures).toContainEqual(
      expect.objectContaining({ reason: 'Roof repair', reasonUr: 'چھت کی مرمت' }),
    );
    // An empty Urdu name is refused with the field named.
    const empty = await o.post(`/api/v1/centers/${center.id}/spaces`, {
      kind: 'cabin',
      name: 'Other',
      nameUr: ' ',
      capacity: 1,
    });
    expectProblem(empty, 400);
    expect(JSON.stringify(empty.json())).toContain('nameUr');
  });

  it('only an admin registers centres or inspects them', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const o = await loginClient(t.app, owner.email);
    const res = await o.post('/api/v1/centers', {
      ownerId: owner.id,
      nameEn: 'Mine',
      address: 'x',
      cityId: await cityId(t.deps, 'Lahore'),
      ...LAHORE,
    });
    expectProblem(res, 403);
    const anon = await t.app.inject({ method: 'POST', url: '/api/v1/centers', payload: {} });
    expect(anon.statusCode).toBeGreaterThanOrEqual(400);
  });
});

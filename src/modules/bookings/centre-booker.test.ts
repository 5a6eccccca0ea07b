import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/actor.ts';
import { maskMobile } from '../../shared/mask.ts';
import { makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, TEST_PASSWORD, type TestApp } from '../../testing/test-app.ts';
import { addClosure } from '../centers/index.ts';
import { registerUser } from '../identity/index.ts';
import { refreshFigures } from '../transparency/index.ts';

// The front desk sees who booked: the centre's own lists (the day, refunds due) carry the
// booker's name and masked mobile; nothing else does. The full number is opened one booking at a
// time, with a purpose, and the booker sees the look (issue 22). The test clock stands at Saturday 2026-11-28
// 10:00 in Karachi (05:00 UTC).
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());

type Booker = { name: string; mobile: string | null };
type Listed = { id: string; seatLabel: string; booker?: Booker };

let n = 0;
/** A freelancer registered with a real name and mobile, as the registration page sends them. */
async function freelancer(name: string) {
  n += 1;
  const digits = String(4_400_000 + n).padStart(7, '0');
  const user = await registerUser(t.deps, systemActor('test'), {
    role: 'freelancer',
    name,
    email: `booker.${n}.${Date.now().toString(36)}@test.pk`,
    mobile: `0333 ${digits}`,
    cnic: `36302-${digits}-${n % 10}`,
    password: TEST_PASSWORD,
  });
  const mobile = `+92333${digits}`;
  return { user, client: await loginClient(t.app, user.email), mobile, masked: maskMobile(mobile)! };
}

async function setup() {
  const owner = await makeUser(t.deps, 'owner');
  const fx = await makeOperationalCenter(t.deps, owner.id, { desks: 3 });
  const bilal = await freelancer('Bilal Ahmed');
  const sana = await freelancer('Sana Iqbal');
  const book = async (who: typeof bilal, date: string, from = '10:00', to = '12:00') => {
    const res = await who.client.post('/api/v1/bookings', {
      centerId: fx.center.id,
      plan: 'hourly',
      date,
      from,
      to,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().bookings[0] as Listed;
  };
  return {
    ...fx,
    bilal,
    sana,
    book,
    owner: await loginClient(t.app, owner.email),
    other: await loginClient(t.app, (await makeUser(t.deps, 'owner')).email),
    admin: await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email),
    auditor: await loginClient(t.app, (await makeUser(t.deps, 'auditor')).email),
  };
}

describe('the front desk sees who booked', () => {
  it('the day’s bookings carry each booker’s name and masked mobile, for the owner and programme staff', async () => {
    const s = await setup();
    const b1 = await s.book(s.bilal, '2026-11-29', '09:00', '11:00');
    const b2 = await s.book(s.sana, '2026-11-29', '14:00', '16:00');
    const url = `/api/v1/centers/${s.center.id}/bookings?date=2026-11-29`;
    for (const reader of [s.owner, s.admin, s.auditor]) {
      const res = await reader.get(url);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['cache-control']).toBe('private, no-store');
      const list = res.json() as Listed[];
      expect(list.map((b) => [b.id, b.booker])).toEqual([
        [b1.id, { name: 'Bilal Ahmed', mobile: s.bilal.masked }],
        [b2.id, { name: 'Sana Iqbal', mobile: s.sana.masked }],
      ]);
      expect(s.bilal.masked).toMatch(/^\+92 333 \*\*\*\d{4}$/);
      expect(res.body).not.toContain(s.bilal.mobile);
      expect(res.body).not.toContain(s.sana.mobile);
    }
    // The rest of the booking is unchanged.
    const [first] = (await s.owner.get(url)).json() as (Listed & Record<string, unknown>)[];
    expect(first).toMatchObject({ bookerId: s.bilal.user.id, status: 'confirmed', seatKind: 'hot_desk' });

    // An account without a mobile shows none, rather than dropping the booking.
    await t.deps.db.updateTable('users').set({ mobile: null }).where('id', '=', s.sana.user.id).execute();
    const again = (await s.owner.get(url)).json() as Listed[];
    expect(again.map((b) => b.booker)).toEqual([
      { name: 'Bilal Ahmed', mobile: s.bilal.masked },
      { name: 'Sana Iqbal', mobile: null },
    ]);
  });

  it('refunds due carry the booker, so the owner can reach them to pay back', async () => {
    const s = await setup();
    const b = await s.book(s.bilal, '2026-12-01');
    expect((await s.owner.post(`/api/v1/bookings/${b.id}/paid`)).statusCode).toBe(200);
    await addClosure(t.deps, systemActor('test'), s.center.id, {
      startsOn: '2026-12-01',
      endsOn: '2026-12-01',
      reason: 'Power outage',
    });
    const url = `/api/v1/centers/${s.center.id}/refunds-due`;
    for (const reader of [s.owner, s.admin, s.auditor]) {
      const res = await reader.get(url);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['cache-control']).toBe('private, no-store');
      expect(res.json()).toEqual([
        expect.objectContaining({
          id: b.id,
          refundDue: true,
          booker: { name: 'Bilal Ahmed', mobile: s.bilal.masked },
        }),
      ]);
      expect(res.body).not.toContain(s.bilal.mobile);
    }
  });

  it('another centre’s owner and freelancers still cannot read a centre’s lists', async () => {
    const s = await setup();
    const b = await s.book(s.bilal, '2026-11-29');
    for (const url of [
      `/api/v1/centers/${s.center.id}/bookings?date=2026-11-29`,
      `/api/v1/centers/${s.center.id}/refunds-due`,
    ]) {
      for (const outsider of [s.other, s.sana.client, s.bilal.client]) {
        const res = await outsider.get(url);
        // Refused as before: 403 for a centre that exists (404 only for one that does not).
        expect(res.statusCode, url).toBe(403);
        expect(res.body).not.toContain('Bilal Ahmed');
        expect(res.body).not.toContain(s.bilal.mobile);
      }
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
    // Another centre's owner cannot even see the single booking.
    expect((await s.other.get(`/api/v1/bookings/${b.id}`)).statusCode).toBe(404);
  });

  it('the booker’s own list, single bookings and public centre pages carry no booker', async () => {
    const s = await setup();
    const b = await s.book(s.bilal, '2026-11-29');
    await refreshFigures(t.deps);
    const answers = [
      ['my bookings', await s.bilal.client.get('/api/v1/me/bookings?scope=all')],
      ['one booking (booker)', await s.bilal.client.get(`/api/v1/bookings/${b.id}`)],
      ['one booking (owner)', await s.owner.get(`/api/v1/bookings/${b.id}`)],
      [
        'public centre page',
        await t.app.inject({ method: 'GET', url: `/api/v1/public/centres/${s.center.id}` }),
      ],
      ['centre', await t.app.inject({ method: 'GET', url: `/api/v1/centers/${s.center.id}` })],
      ['public directory', await t.app.inject({ method: 'GET', url: '/api/v1/public/centres' })],
    ] as const;
    expect(b).not.toHaveProperty('booker');
    for (const [what, res] of answers) {
      expect(res.statusCode, `${what}: ${res.body}`).toBe(200);
      expect(res.body, what).not.toContain('"booker"');
      expect(res.body, what).not.toContain(s.bilal.mobile);
    }
    // The booker's own answers are theirs; the public ones never name them.
    for (const [what, res] of answers.slice(3)) expect(res.body, what).not.toContain('Bilal Ahmed');
  });
});

describe('the front desk opens a booker’s full mobile, with a purpose, on the record', () => {
  const reveal = (centerId: string, bookingId: string) =>
    `/api/v1/centers/${centerId}/bookings/${bookingId}/booker-mobile`;

  it('answers the full number and the booker sees one look with the purpose and the centre', async () => {
    const s = await setup();
    const b = await s.book(s.bilal, '2026-11-29');
    // Masked lists are not looks: nothing on the booker's record yet.
    await s.owner.get(`/api/v1/centers/${s.center.id}/bookings?date=2026-11-29`);
    expect((await s.bilal.client.get('/api/v1/me/data-access')).json().items).toEqual([]);

    const res = await s.owner.post(reveal(s.center.id, b.id), { purpose: 'booking_support' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.json()).toEqual({ bookingId: b.id, mobile: s.bilal.mobile });

    const seen = (await s.bilal.client.get('/api/v1/me/data-access')).json().items;
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      fields: ['mobile'],
      purpose: 'booking_support',
      via: `front desk: ${s.center.nameEn}`,
      reader: { role: 'owner' },
    });
    // Another person's record is untouched.
    expect((await s.sana.client.get('/api/v1/me/data-access')).json().items).toEqual([]);
  });

  it('a refund is its own purpose', async () => {
    const s = await setup();
    const b = await s.book(s.bilal, '2026-12-01');
    const res = await s.admin.post(reveal(s.center.id, b.id), { purpose: 'booking_refund' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().mobile).toBe(s.bilal.mobile);
    const seen = (await s.bilal.client.get('/api/v1/me/data-access')).json().items;
    expect(
      seen.map((a: { purpose: string; reader: { role: string } }) => [a.purpose, a.reader.role]),
    ).toEqual([['booking_refund', 'program_admin']]);
  });

  it('refuses a missing or unknown purpose with the field named, and records nothing', async () => {
    const s = await setup();
    const b = await s.book(s.bilal, '2026-11-29');
    for (const body of [{}, { purpose: 'curiosity' }, { purpose: 'audit' }]) {
      const res = await s.owner.post(reveal(s.center.id, b.id), body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().fields.map((f: { path: string }) => f.path)).toContain('purpose');
      expect(res.body).not.toContain(s.bilal.mobile);
    }
    expect((await s.bilal.client.get('/api/v1/me/data-access')).json().items).toEqual([]);
  });

  it('another centre’s owner, the booker’s peers and other centres’ bookings get nothing', async () => {
    const s = await setup();
    const b = await s.book(s.bilal, '2026-11-29');
    const body = { purpose: 'booking_support' };
    // Another owner, at this centre: refused as for the lists.
    // The auditor reads the masked lists, but neither desk purpose is theirs.
    for (const outsider of [s.other, s.sana.client, s.auditor]) {
      const res = await outsider.post(reveal(s.center.id, b.id), body);
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain(s.bilal.mobile);
    }
    // Another owner, through their own centre: the booking is not theirs.
    const otherOwner = await makeUser(t.deps, 'owner');
    const theirs = await makeOperationalCenter(t.deps, otherOwner.id, { desks: 1 });
    const client = await loginClient(t.app, otherOwner.email);
    const res = await client.post(reveal(theirs.center.id, b.id), body);
    expect(res.statusCode, res.body).toBe(404);
    expect(res.body).not.toContain(s.bilal.mobile);
    // A centre that does not exist, a booking that does not.
    expect((await s.owner.post(reveal(crypto.randomUUID(), b.id), body)).statusCode).toBe(404);
    expect((await s.owner.post(reveal(s.center.id, crypto.randomUUID()), body)).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'POST', url: reveal(s.center.id, b.id), payload: body })).statusCode,
    ).toBe(401);
    expect((await s.bilal.client.get('/api/v1/me/data-access')).json().items).toEqual([]);
  });
});

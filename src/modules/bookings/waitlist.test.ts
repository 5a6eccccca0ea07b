import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { expireWaitlist } from './waitlist.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());

const client = async () => loginClient(t.app, (await makeUser(t.deps, 'freelancer')).email);

describe('waitlist', () => {
  it('queues when full, offers a freed seat to the first in line, holds it, and turns an accept into a booking', async () => {
    t.clock.set('2026-11-28T05:00:00Z');
    const owner = await makeUser(t.deps, 'owner');
    const { center } = await makeOperationalCenter(t.deps, owner.id, { desks: 1 });
    const [a, b, c, d] = [await client(), await client(), await client(), await client()];
    const slot = { centerId: center.id, plan: 'hourly', date: '2026-11-30', from: '10:00', to: '12:00' };

    const free = await b.post('/api/v1/waitlist', slot);
    expect(free.statusCode).toBe(409);
    expect(free.json().alternatives).toHaveLength(1);

    const first = (await a.post('/api/v1/bookings', slot)).json().bookings[0];
    expect((await b.post('/api/v1/bookings', slot)).statusCode).toBe(409);
    const bEntry = await b.post('/api/v1/waitlist', slot);
    expect(bEntry.statusCode, bEntry.body).toBe(201);
    expect(bEntry.json()).toMatchObject({ status: 'waiting', position: 1, seatKind: 'hot_desk' });
    expect((await b.post('/api/v1/waitlist', slot)).statusCode).toBe(409);
    const cEntry = await c.post('/api/v1/waitlist', { ...slot, from: '10:30', to: '11:30' });
    expect(cEntry.json().position).toBe(2);

    // A cancels: B, first in line, gets the seat on offer for 30 minutes.
    await a.post(`/api/v1/bookings/${first.id}/cancel`);
    const offered = (await b.get('/api/v1/me/waitlist')).json()[0];
    expect(offered).toMatchObject({
      status: 'offered',
      offeredSeatLabel: 'H1',
      offerExpiresAt: '2026-11-28T05:30:00.000Z',
    });
    expect((await c.get('/api/v1/me/waitlist')).json()[0]).toMatchObject({ status: 'waiting', position: 1 });
    // The seat is held: nobody else can book it meanwhile.
    const d1 = await d.post('/api/v1/bookings', slot);
    expect(d1.statusCode).toBe(409);
    expect(d1.json().alternatives).toEqual([]);

    const accepted = await b.post(`/api/v1/waitlist/${offered.id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json()).toMatchObject({
      status: 'confirmed',
      seatLabel: 'H1',
      start: '2026-11-30T05:00:00.000Z',
    });
    expect((await b.get('/api/v1/me/waitlist')).json()[0]).toMatchObject({
      status: 'accepted',
      bookingId: accepted.json().id,
    });
    // Someone else cannot accept or leave B's entry.
    expect((await c.post(`/api/v1/waitlist/${offered.id}/accept`)).statusCode).toBe(404);

    // B cancels in turn: C is offered, lets it expire, and the seat is free for anyone again.
    await b.post(`/api/v1/bookings/${accepted.json().id}/cancel`);
    const cOffer = (await c.get('/api/v1/me/waitlist')).json()[0];
    expect(cOffer.status).toBe('offered');
    t.clock.advance(31 * 60_000);
    expect((await c.post(`/api/v1/waitlist/${cOffer.id}/accept`)).statusCode).toBe(409);
    expect(await expireWaitlist(t.deps)).toMatchObject({ expiredOffers: 1 });
    expect((await c.get('/api/v1/me/waitlist')).json()[0].status).toBe('expired');
    expect((await d.post('/api/v1/bookings', slot)).statusCode).toBe(201);
  });

  it('leaving the queue; bad input; only freelancers', async () => {
    t.clock.set('2026-11-28T05:00:00Z');
    const owner = await makeUser(t.deps, 'owner');
    const { center } = await makeOperationalCenter(t.deps, owner.id, { desks: 1 });
    const [a, b] = [await client(), await client()];
    const slot = { centerId: center.id, plan: 'hourly', date: '2026-12-01', from: '10:00', to: '12:00' };
    await a.post('/api/v1/bookings', slot);
    const e = (await b.post('/api/v1/waitlist', slot)).json();
    const left = await b.post(`/api/v1/waitlist/${e.id}/leave`);
    expect(left.json().status).toBe('left');
    expect((await b.post(`/api/v1/waitlist/${e.id}/leave`)).statusCode).toBe(409);
    expect((await b.post('/api/v1/waitlist', { ...slot, date: '2026-11-20' })).statusCode).toBe(400);
    expect((await b.post('/api/v1/waitlist', { ...slot, plan: 'monthly' })).statusCode).toBe(400);
    const o = await loginClient(t.app, owner.email);
    expect((await o.post('/api/v1/waitlist', slot)).statusCode).toBe(403);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/actor.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { secondConnection } from '../../testing/test-db.ts';
import { holdRoom } from '../bookings/index.ts';
import { createCohort } from './cohort.service.ts';
import { someDistricts, trainingSetup } from './training.fixtures.ts';

// A training session reserves its whole room; the database refuses any overlap between a room
// reservation and a booking of one of the room's seats, or another reservation (space_holds).
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());

const sys = systemActor('test');

async function cohortBody(
  s: Awaited<ReturnType<typeof trainingSetup>>,
  sessions: { date: string; from: string; to: string }[],
) {
  const [d] = await someDistricts(t.deps, 'PB', 1);
  return {
    centerId: s.center.id,
    courseId: s.course.id,
    roomSpaceId: s.room.id,
    trainerId: s.trainer.id,
    capacity: 20,
    startsOn: '2026-11-30',
    endsOn: '2026-12-20',
    admissionOrder: 'merit' as const,
    seatRule: 'equal' as const,
    districts: [{ districtId: d!.id, weight: 1 }],
    sessions,
  };
}

describe('a training session holds its whole room', () => {
  it('refuses a session over a freelancer’s booking of the room, with alternatives, and keeps nothing', async () => {
    const s = await trainingSetup(t.deps);
    const f = await makeUser(t.deps, 'freelancer');
    const fc = await loginClient(t.app, f.email);
    const booked = await fc.post('/api/v1/bookings', {
      centerId: s.center.id,
      plan: 'meeting_room',
      seatId: s.roomSeat.id,
      date: '2026-11-30',
      from: '10:00',
      to: '12:00',
    });
    expect(booked.statusCode).toBe(201);
    const admin = await loginClient(t.app, s.admin.email);
    const res = await admin.post(
      '/api/v1/training/cohorts',
      await cohortBody(s, [{ date: '2026-11-30', from: '11:00', to: '13:00' }]),
    );
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const p = res.json();
    expect(p.rule).toBe('room_taken');
    // The same room the next day at the same time is free.
    expect(p.alternatives[0]).toMatchObject({ spaceId: s.room.id, start: '2026-12-01T06:00:00.000Z' });
    const cohorts = await t.deps.db
      .selectFrom('training_cohorts')
      .select('cohort_id')
      .where('center_id', '=', s.center.id)
      .execute();
    expect(cohorts).toHaveLength(0);
  });

  it('refuses a freelancer’s booking of any seat of the room while a session holds it, and another session', async () => {
    const s = await trainingSetup(t.deps);
    const cohort = await createCohort(
      t.deps,
      sys,
      await cohortBody(s, [{ date: '2026-12-01', from: '10:00', to: '12:00' }]),
    );
    expect(cohort.sessions).toHaveLength(1);
    const f = await makeUser(t.deps, 'freelancer');
    const fc = await loginClient(t.app, f.email);
    for (const seat of s.room.seats) {
      const res = await fc.post('/api/v1/bookings', {
        centerId: s.center.id,
        plan: 'meeting_room',
        seatId: seat.id,
        date: '2026-12-01',
        from: '11:30',
        to: '12:30',
      });
      expect(res.statusCode).toBe(409);
      // The room's seats are not offered as alternatives while the room is reserved.
      expect(res.json().alternatives.map((a: { seatId: string }) => a.seatId)).not.toContain(
        s.room.seats[1]!.id,
      );
    }
    // The meeting room (another room) is still bookable then.
    const other = await fc.post('/api/v1/bookings', {
      centerId: s.center.id,
      plan: 'meeting_room',
      seatId: s.meetingRoom.id,
      date: '2026-12-01',
      from: '11:30',
      to: '12:30',
    });
    expect(other.statusCode).toBe(201);
    await expect(
      createCohort(t.deps, sys, await cohortBody(s, [{ date: '2026-12-01', from: '09:00', to: '10:30' }])),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('the database decides a race: a room hold and a seat booking inserted at once, exactly one stands', async () => {
    const s = await trainingSetup(t.deps);
    const second = secondConnection(t.conn);
    const db2 = second?.db ?? t.deps.db;
    const f = await makeUser(t.deps, 'freelancer');
    const start = new Date('2026-12-02T05:00:00Z');
    const end = new Date('2026-12-02T07:00:00Z');
    try {
      for (let round = 0; round < 3; round++) {
        const a = new Date(start.getTime() + round * 86_400_000 * 2);
        const b = new Date(end.getTime() + round * 86_400_000 * 2);
        const results = await Promise.allSettled([
          t.deps.db.transaction().execute((trx) =>
            holdRoom(
              trx,
              {
                centerId: s.center.id,
                spaceId: s.room.id,
                start: a,
                end: b,
                purpose: 'training_session',
                refId: crypto.randomUUID(),
              },
              t.clock.now(),
            ),
          ),
          db2.transaction().execute(async (trx) => {
            const row = await trx
              .insertInto('bookings')
              .values({
                center_id: s.center.id,
                seat_id: s.roomSeat.id,
                booker_id: f.id,
                plan: 'meeting_room',
                during: `[${a.toISOString()},${b.toISOString()})`,
                blocked: `[${a.toISOString()},${b.toISOString()})`,
                status: 'confirmed',
                price_minor: 0,
                created_at: t.clock.now(),
              })
              .returning('booking_id')
              .executeTakeFirst();
            if (!row) throw new Error('booking skipped: the room is held');
            return row.booking_id;
          }),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const holds = await t.deps.db
          .selectFrom('space_holds')
          .select(['booking_id', 'purpose'])
          .where('center_id', '=', s.center.id)
          .where('space_id', '=', s.room.id)
          .where((eb) => eb('during', '&&', `[${a.toISOString()},${b.toISOString()})`))
          .execute();
        expect(holds).toHaveLength(1);
        const bookings = await t.deps.db
          .selectFrom('bookings')
          .select('booking_id')
          .where('center_id', '=', s.center.id)
          .where('seat_id', '=', s.roomSeat.id)
          .where((eb) => eb('during', '&&', `[${a.toISOString()},${b.toISOString()})`))
          .execute();
        expect(bookings.length).toBe(holds[0]!.booking_id ? 1 : 0);
      }
      // Two whole-room holds at once: one stands.
      const a = new Date('2026-12-15T05:00:00Z');
      const b = new Date('2026-12-15T07:00:00Z');
      const both = await Promise.allSettled(
        [t.deps.db, db2].map((db) =>
          db.transaction().execute((trx) =>
            holdRoom(
              trx,
              {
                centerId: s.center.id,
                spaceId: s.room.id,
                start: a,
                end: b,
                purpose: 'training_session',
                refId: crypto.randomUUID(),
              },
              t.clock.now(),
            ),
          ),
        ),
      );
      expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(both.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'conflict' } });
    } finally {
      await second?.close();
    }
  });
});

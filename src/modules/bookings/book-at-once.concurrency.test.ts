import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.ts';
import { idempotencyKey, withIdempotency } from '../../server/idempotency.ts';
import type { UserId } from '../../shared/ids.ts';
import { makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { createTestApp, makeUser, type TestApp } from '../../testing/test-app.ts';
import { secondConnection } from '../../testing/test-db.ts';
import { bookAtOnce } from './book-at-once.service.ts';
import { CreateBookingInputSchema } from './bookings.schema.ts';
import { createBookings } from './create-booking.service.ts';

// On PostgreSQL only (TEST_DATABASE_URL): one connection (PGlite) cannot hold two transactions.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('one Idempotency-Key down both ways at once (decision 0085)', () => {
  it('the call and the transaction take their locks in one order: one booking, one answer, no deadlock', async () => {
    const second = secondConnection(t.conn);
    if (!second) return;
    try {
      const owner = await makeUser(t.deps, 'owner');
      const { center, desks } = await makeOperationalCenter(t.deps, owner.id, { desks: 1 });
      const u = await makeUser(t.deps, 'freelancer');
      const other = await makeUser(t.deps, 'freelancer');
      const actor: Actor = { kind: 'user', userId: u.id as UserId, role: 'freelancer', organizationId: null };
      const input = CreateBookingInputSchema.parse({
        centerId: center.id,
        plan: 'hourly',
        seatId: desks[0]!.id,
        date: '2026-12-09',
        from: '10:00',
        to: '11:00',
      });
      const opts = { actor, operation: 'booking.create', key: 'slow-phone', request: input };

      // Someone else's booking of the seat, not yet committed: the call will wait on it inside its
      // insert, holding the key's claim and the booker's lock.
      let release!: () => void;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      const blocker = second.db
        .transaction()
        .execute(async (trx) => {
          await trx
            .insertInto('bookings')
            .values({
              center_id: center.id,
              seat_id: desks[0]!.id,
              booker_id: other.id,
              plan: 'hourly',
              during: '[2026-12-09T05:00Z,2026-12-09T06:00Z)',
              blocked: '[2026-12-09T05:00Z,2026-12-09T06:00Z)',
              status: 'confirmed',
              price_minor: 0,
              series_id: null,
              created_at: new Date(),
            })
            .execute();
          await gate;
          throw new Error('rolled back');
        })
        .catch(() => 'rolled back');
      await later(200);
      const fast = bookAtOnce(t.deps, actor, input, idempotencyKey(t.deps, opts));
      await later(300);
      // The retry goes the other way (another process kept an older centre, say).
      const slow = withIdempotency(t.deps, { ...opts, folded: true }, async (db, key) => ({
        status: 201,
        body: await createBookings({ ...t.deps, db }, actor, input, key),
      }));
      await later(300);
      release();
      await blocker;
      const [made, replayed] = await Promise.all([fast, slow]);
      expect(made).not.toBeNull();
      expect(replayed.replayed).toBe(true);
      expect(replayed.body).toEqual(made);
      const mine = await t.deps.db
        .selectFrom('bookings')
        .select('booking_id')
        .where('booker_id', '=', u.id)
        .execute();
      expect(mine).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});

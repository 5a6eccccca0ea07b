import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/actor.ts';
import { makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { createTestApp, makeUser, type TestApp } from '../../testing/test-app.ts';
import * as centers from '../centers/index.ts';

// centers.booking_version (decision 0085): a booking made in one call books only while the centre
// is as Node decided on it, so every change to what it decides on must move the version.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("a centre's booking version", () => {
  it('moves a centre’s version with every change a booking is decided on, whoever writes it', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const { center } = await makeOperationalCenter(t.deps, owner.id, { desks: 1 });
    const version = async () =>
      (
        await t.deps.db
          .selectFrom('centers')
          .select('booking_version')
          .where('center_id', '=', center.id)
          .executeTakeFirstOrThrow()
      ).booking_version;
    const sys = systemActor('test');
    const moves = async (change: () => Promise<unknown>) => {
      const before = Number(await version());
      await change();
      return Number(await version()) > before;
    };
    expect(
      await moves(() =>
        centers.setPrices(t.deps, sys, center.id, {
          hourlyMinor: 12_000,
          dayPassMinor: null,
          monthlyDeskMinor: null,
          meetingRoomHourlyMinor: null,
        }),
      ),
    ).toBe(true);
    expect(
      await moves(() =>
        centers.setOpeningHours(t.deps, sys, center.id, [{ weekday: 1, opens: '10:00', closes: '18:00' }]),
      ),
    ).toBe(true);
    expect(
      await moves(() =>
        centers.addClosure(t.deps, sys, center.id, {
          startsOn: '2026-12-25',
          endsOn: '2026-12-25',
          reason: 'Quaid Day',
        }),
      ),
    ).toBe(true);
    // Straight SQL too (a script, a path added later): the triggers keep it.
    expect(
      await moves(() => t.deps.db.deleteFrom('center_closures').where('center_id', '=', center.id).execute()),
    ).toBe(true);
    expect(
      await moves(() =>
        t.deps.db
          .updateTable('cities')
          .set((eb) => ({ name_ur: eb.fn.coalesce('name_ur', eb.val('')) }))
          .where('id', '=', (eb) =>
            eb.selectFrom('centers').select('city_id').where('center_id', '=', center.id),
          )
          .execute(),
      ),
    ).toBe(false);
    expect(
      await moves(() =>
        t.deps.db
          .updateTable('cities')
          .set({ name_ur: 'نیا نام' })
          .where('id', '=', (eb) =>
            eb.selectFrom('centers').select('city_id').where('center_id', '=', center.id),
          )
          .execute(),
      ),
    ).toBe(true);
  });
});

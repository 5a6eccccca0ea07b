import { sql } from 'kysely';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import type { PeriodicJob } from '../../jobs/scheduler.ts';
import { systemActor } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { bookingNoShowReleased } from './bookings.events.ts';
import { expireWaitlist, offerFreedSeat } from './waitlist.service.ts';

/** Every five minutes; the period is the slot, e.g. "2026-11-28T09:05" (UTC). */
export const everyFiveMinutes: PeriodicJob['duePeriod'] = (now) => {
  const slot = new Date(Math.floor(now.getTime() / 300_000) * 300_000);
  return slot.toISOString().slice(0, 16);
};

/**
 * Confirmed bookings nobody checked in within the centre's grace become no-shows, which frees
 * the seat (no_show is outside the exclusion constraint). Monthly desks are exempt. Set-based,
 * guarded by status, so a re-run or a concurrent check-in cannot double-apply.
 */
export async function releaseNoShows(deps: Deps): Promise<{ released: number }> {
  const now = deps.clock.now();
  const actor = systemActor('no-show-release');
  return inTransaction(deps.db, async (trx) => {
    const rows = await sql<{ center_id: string; booking_id: string; booker_id: string; seat_id: string }>`
      UPDATE bookings AS b
         SET status = 'no_show', released_at = ${now}
        FROM centers AS c
       WHERE c.center_id = b.center_id
         AND b.status = 'confirmed'
         AND b.plan <> 'monthly'
         AND lower(b.during) + make_interval(mins => c.no_show_grace_minutes) <= ${now}
      RETURNING b.center_id, b.booking_id, b.booker_id, b.seat_id`.execute(trx);
    for (const r of rows.rows) {
      await recordChange(trx, actor, deps.clock, {
        action: 'booking.no_show',
        entity: 'booking',
        entityId: r.booking_id,
        details: { centerId: r.center_id, bookerId: r.booker_id },
      });
      await emitEvent(trx, deps, bookingNoShowReleased, {
        bookingId: r.booking_id,
        centerId: r.center_id,
        bookerId: r.booker_id,
      });
      await offerFreedSeat(deps, trx, r.center_id, r.seat_id);
    }
    return { released: rows.rows.length };
  });
}

export const noShowJob: PeriodicJob = {
  kind: 'periodic',
  name: 'bookings.no_show_release',
  duePeriod: everyFiveMinutes,
  run: (deps) => releaseNoShows(deps),
};

export const waitlistJob: PeriodicJob = {
  kind: 'periodic',
  name: 'bookings.waitlist_offers',
  duePeriod: everyFiveMinutes,
  run: (deps) => expireWaitlist(deps),
};

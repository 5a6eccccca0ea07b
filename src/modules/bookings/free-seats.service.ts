import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import type { SeatKind } from '../centers/index.ts';
import { checkOccurrence, issueField, windowFor } from './booking-window.ts';
import * as repo from './bookings.repository.ts';
import type { FreeSeat } from './bookings.schema.ts';
import type { BookingPlan } from './bookings.table.ts';
import { SEAT_KINDS_FOR_PLAN } from './create-booking.service.ts';

/** Free seats at an operational centre for a plan on a day (a hint; booking decides). */
export async function freeSeats(
  deps: Deps,
  _actor: Actor,
  centerId: string,
  q: {
    plan: BookingPlan;
    date: string;
    from?: string | undefined;
    to?: string | undefined;
    kind?: SeatKind | undefined;
  },
): Promise<FreeSeat[]> {
  const center = await deps.db
    .selectFrom('centers')
    .select(['status', 'meeting_buffer_minutes'])
    .where('center_id', '=', centerId)
    .executeTakeFirst();
  if (!center) throw notFound('Centre');
  if (center.status !== 'operational') throw new AppError('invalid_state', `This centre is ${center.status}`);
  const kinds = q.kind ? [q.kind] : SEAT_KINDS_FOR_PLAN[q.plan];
  if (!kinds.every((k) => SEAT_KINDS_FOR_PLAN[q.plan].includes(k))) {
    throw invalidField('kind', `${q.plan} books ${SEAT_KINDS_FOR_PLAN[q.plan].join(' or ')}`);
  }
  const cal = await repo.loadCalendar(deps.db, centerId, q.date);
  const w = windowFor(q.plan, q.date, q, cal);
  // The same rules as booking (opening hours, closures, notice, horizon): a seat outside them is
  // not free to book, so the list would be a promise the booking then breaks.
  const issue = 'path' in w ? w : checkOccurrence(q.plan, q.date, w, cal, deps.clock.now());
  if (issue) {
    throw new AppError('validation_failed', `${issue.path}: ${issue.message}`, {
      fields: [issueField(issue)],
    });
  }
  if ('path' in w) throw invalidField(w.path, w.message);
  const buffer = q.plan === 'meeting_room' ? center.meeting_buffer_minutes * 60_000 : 0;
  return repo.findFreeSeats(deps.db, centerId, kinds, w.start, new Date(w.end.getTime() + buffer), 500);
}

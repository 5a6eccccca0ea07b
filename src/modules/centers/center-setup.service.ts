import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { addDays, karachiMidnight } from '../../shared/time.ts';
import { type CenterRecord, lockManagedCenter } from './center-access.ts';
import {
  deleteClosure,
  insertClosure,
  insertSeats,
  insertSpace,
  listSeatLabels,
  replaceOpeningHours,
  touchCenter,
  updateAmenities,
  updateBookingRules,
  updatePrices,
  updateSeatActive,
} from './center-setup.repository.ts';
import * as repo from './centers.repository.ts';
import type {
  Amenities,
  BookingRules,
  Center,
  ClosureInput,
  CreateSpaceInput,
  OpeningHours,
  Prices,
} from './centers.schema.ts';
import type { SeatKind, SpaceKind } from './centers.table.ts';
import {
  type Affected,
  type CentreUnavailable,
  cancelAffected,
  countAffected,
} from './centre-unavailable.ts';

/**
 * Every edit of a centre's set-up goes through here: owner-or-admin check, the centre's row
 * lock, the change, and one audit entry with the centre before and after, in one transaction.
 */
async function editCenter(
  deps: Deps,
  actor: Actor,
  centerId: string,
  action: string,
  work: (trx: Kysely<Database>, center: CenterRecord) => Promise<Record<string, unknown> | undefined>,
): Promise<Center> {
  requireRole(actor, 'owner', 'program_admin');
  return inTransaction(deps.db, async (trx) => {
    const center = await lockManagedCenter(trx, actor, centerId);
    if (center.status === 'closed') throw new AppError('invalid_state', 'A closed centre cannot be changed');
    const before = await repo.loadCenter(trx, centerId);
    const details = await work(trx, center);
    await touchCenter(trx, centerId, deps.clock.now());
    const after = (await repo.loadCenter(trx, centerId))!;
    await recordChange(trx, actor, deps.clock, {
      action,
      entity: 'center',
      entityId: centerId,
      before,
      after,
      ...(details ? { details } : {}),
    });
    return after;
  });
}

export const setAmenities = (deps: Deps, actor: Actor, centerId: string, a: Amenities) =>
  editCenter(deps, actor, centerId, 'center.amenities_set', async (trx) => {
    await updateAmenities(trx, centerId, a);
    return undefined;
  });

export const setPrices = (deps: Deps, actor: Actor, centerId: string, p: Prices) =>
  editCenter(deps, actor, centerId, 'center.prices_set', async (trx) => {
    await updatePrices(trx, centerId, p);
    return { ...p };
  });

export const setBookingRules = (deps: Deps, actor: Actor, centerId: string, r: BookingRules) =>
  editCenter(deps, actor, centerId, 'center.rules_set', async (trx) => {
    await updateBookingRules(trx, centerId, r);
    return { ...r };
  });

/**
 * Replaces the whole week: weekdays not listed are closed. A day may close after midnight
 * (closes at or before opens: 18:00–02:00 closes at 02:00 the next day); opens = closes is open
 * 24 hours.
 */
export function setOpeningHours(deps: Deps, actor: Actor, centerId: string, days: OpeningHours[]) {
  const seen = new Set<number>();
  days.forEach((d, i) => {
    if (seen.has(d.weekday)) throw invalidField(`days.${i}.weekday`, 'is listed twice');
    seen.add(d.weekday);
  });
  return editCenter(deps, actor, centerId, 'center.hours_set', async (trx) => {
    await replaceOpeningHours(trx, centerId, days);
    return undefined;
  });
}

const closureEvent = (centerId: string, c: ClosureInput): CentreUnavailable => ({
  centerId,
  reason: 'centre_closed',
  note: c.reason,
  noteUr: c.reasonUr ?? null,
  from: karachiMidnight(c.startsOn),
  until: karachiMidnight(addDays(c.endsOn, 1)),
  includeMonthly: false,
});

function checkClosure(c: ClosureInput) {
  if (c.endsOn < c.startsOn) throw invalidField('endsOn', 'must not be before startsOn');
  if (addDays(c.startsOn, 366) < c.endsOn) throw invalidField('endsOn', 'a closure lasts at most a year');
}

/**
 * Adds a closure (public holiday, outage). In the same transaction the confirmed bookings that
 * start inside it are cancelled (reason centre_closed, never counted against the freelancer)
 * and waitlist places in it are cancelled too; monthly desks stay.
 */
export function addClosure(deps: Deps, actor: Actor, centerId: string, c: ClosureInput) {
  checkClosure(c);
  return editCenter(deps, actor, centerId, 'center.closure_added', async (trx) => {
    await insertClosure(trx, centerId, c, deps.clock.now());
    const cancelled = await cancelAffected(deps, trx, actor, closureEvent(centerId, c));
    return { ...c, cancelled };
  });
}

/** What adding this closure would cancel, for the owner to see before confirming. */
export async function previewClosure(
  deps: Deps,
  actor: Actor,
  centerId: string,
  c: ClosureInput,
): Promise<Affected> {
  requireRole(actor, 'owner', 'program_admin');
  checkClosure(c);
  return inTransaction(deps.db, async (trx) => {
    await lockManagedCenter(trx, actor, centerId);
    return countAffected(deps, trx, closureEvent(centerId, c), deps.clock.now());
  });
}

export const removeClosure = (deps: Deps, actor: Actor, centerId: string, closureId: string) =>
  editCenter(deps, actor, centerId, 'center.closure_removed', async (trx) => {
    if (!(await deleteClosure(trx, centerId, closureId))) throw notFound('Closure');
    return { closureId };
  });

const SEAT_KINDS_FOR: Record<SpaceKind, SeatKind[]> = {
  hot_desk_area: ['hot_desk', 'dedicated_desk'],
  cabin: ['cabin'],
  meeting_room: ['meeting_room'],
  training_room: ['training_room'],
};

/** Adds a space and, optionally, its seats (a meeting room is one bookable "seat"). */
export function addSpace(deps: Deps, actor: Actor, centerId: string, input: CreateSpaceInput) {
  const seatKind = input.seats?.kind ?? SEAT_KINDS_FOR[input.kind][0]!;
  if (!SEAT_KINDS_FOR[input.kind].includes(seatKind)) {
    throw invalidField(
      'seats.kind',
      `a ${input.kind} holds ${SEAT_KINDS_FOR[input.kind].join(' or ')} seats`,
    );
  }
  if (input.seats && input.seats.count > input.capacity) {
    throw invalidField('seats.count', 'must not exceed the capacity');
  }
  return editCenter(deps, actor, centerId, 'center.space_added', async (trx) => {
    const now = deps.clock.now();
    const spaceId = await insertSpace(trx, {
      centerId,
      kind: input.kind,
      name: input.name,
      nameUr: input.nameUr,
      capacity: input.capacity,
      now,
    });
    if (!spaceId) throw invalidField('name', 'this centre already has a space of that name');
    const count = input.seats?.count ?? 0;
    if (count > 0) {
      const prefix = input.seats?.labelPrefix ?? '';
      const taken = new Set(await listSeatLabels(trx, centerId));
      const labels: string[] = [];
      for (let n = 1; labels.length < count; n++) {
        const label = `${prefix}${n}`;
        if (!taken.has(label)) labels.push(label);
      }
      await insertSeats(trx, { centerId, spaceId, kind: seatKind, labels, now });
    }
    return { spaceId, kind: input.kind, seats: count };
  });
}

/** Takes a seat out of (or back into) service; its existing bookings stay. */
export const setSeatActive = (deps: Deps, actor: Actor, centerId: string, seatId: string, active: boolean) =>
  editCenter(
    deps,
    actor,
    centerId,
    active ? 'center.seat_activated' : 'center.seat_deactivated',
    async (trx) => {
      if (!(await updateSeatActive(trx, centerId, seatId, active))) throw notFound('Seat');
      return { seatId, active };
    },
  );

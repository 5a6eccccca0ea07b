import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { addDays, karachiMidnight } from '../../shared/time.ts';
import { canReadAnyCenter } from '../centers/index.ts';
import { type OccupancyRow, occupancy } from './occupancy.repository.ts';
import type { OccupancyQuery, OccupancyReport } from './occupancy.schema.ts';

const round2 = (n: number) => Math.round(Number(n) * 100) / 100;

function figures(r: Omit<OccupancyRow, 'key'>) {
  const checkedIn = Number(r.checked_in);
  const noShows = Number(r.no_shows);
  return {
    bookedSeatHours: round2(r.booked_hours),
    usedSeatHours: round2(r.used_hours),
    bookings: Number(r.bookings),
    checkedIn,
    noShows,
    noShowRate: checkedIn + noShows ? round2(noShows / (checkedIn + noShows)) : null,
    lateCancellations: Number(r.late_cancellations),
  };
}

/** Owners see their own centres; programme staff any centre, city or province. */
export async function occupancyReport(deps: Deps, actor: Actor, q: OccupancyQuery): Promise<OccupancyReport> {
  requireRole(actor, 'owner', 'program_admin', 'auditor');
  if (!canReadAnyCenter(actor)) {
    if (!q.centerId) throw invalidField('centerId', 'is required: choose one of your centres');
    const c = await deps.db
      .selectFrom('centers')
      .select('owner_id')
      .where('center_id', '=', q.centerId)
      .executeTakeFirst();
    if (!c) throw notFound('Centre');
    if (actor.kind !== 'user' || c.owner_id !== actor.userId) {
      throw new AppError('forbidden', 'Owners see the occupancy of their own centres only');
    }
  }
  if (addDays(q.from, 366) < q.to) throw invalidField('to', 'at most a year at a time');
  const base = {
    start: karachiMidnight(q.from),
    end: karachiMidnight(addDays(q.to, 1)),
    centerId: q.centerId,
    cityId: q.cityId,
    provinceCode: q.provinceCode,
  };
  const [rows, total] = await Promise.all([
    occupancy(deps.db, { ...base, groupBy: q.groupBy }),
    occupancy(deps.db, { ...base, groupBy: 'province' }),
  ]);
  const sum = (k: keyof Omit<OccupancyRow, 'key'>) => total.reduce((s, r) => s + Number(r[k]), 0);
  return {
    groupBy: q.groupBy,
    rows: rows.map((r) => ({ key: r.key, ...figures(r) })),
    totals: figures({
      booked_hours: sum('booked_hours'),
      used_hours: sum('used_hours'),
      bookings: sum('bookings'),
      checked_in: sum('checked_in'),
      no_shows: sum('no_shows'),
      late_cancellations: sum('late_cancellations'),
    }),
  };
}

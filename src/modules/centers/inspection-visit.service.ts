import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, type FieldIssue, notFound } from '../../shared/errors.ts';
import { canReadAnyCenter, lockManagedCenter, ownsCenter } from './center-access.ts';
import { inspectionVisitAssigned, inspectionVisitChanged } from './centers.events.ts';
import { checkInspector, inspectorNotices } from './inspection-inspector.ts';
import type { InspectionVisit, InspectionVisitInput } from './inspection-visits.schema.ts';
import type { CenterInspectionVisitsTable } from './inspection-visits.table.ts';

/**
 * Inspection visits: a programme admin books a date and time window to visit a centre under
 * set-up, moves it, or cancels it with a reason. Each change is audited and raises
 * `centre.inspection_visit_changed`, from which the owner hears (notifications area). The visit
 * itself is recorded as an inspection (inspection.service.ts), which marks the booked visit done.
 */
export const MAX_WINDOW_HOURS = 10;
const MAX_AHEAD_DAYS = 180;

type Row = Selectable<CenterInspectionVisitsTable> & {
  name_en: string;
  name_ur: string | null;
  district_id: number | null;
  district_en: string | null;
  district_ur: string | null;
  inspector_name: string | null;
};

export function toVisit(r: Row): InspectionVisit {
  return {
    id: r.visit_id,
    centerId: r.center_id,
    centreName: r.name_en,
    centreNameUr: r.name_ur,
    districtId: r.district_id,
    districtName: r.district_en,
    districtNameUr: r.district_ur,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    status: r.status,
    note: r.note,
    reschedules: r.reschedules,
    cancelReason: r.cancel_reason,
    inspectorId: r.inspector_id,
    inspectorName: r.inspector_name,
    updatedAt: r.updated_at.toISOString(),
  };
}

export const visits = (db: Kysely<Database>) =>
  db
    .selectFrom('center_inspection_visits as v')
    .innerJoin('centers as c', 'c.center_id', 'v.center_id')
    .leftJoin('cities as ci', 'ci.id', 'c.city_id')
    .leftJoin('districts as d', 'd.id', 'ci.district_id')
    .leftJoin('users as u', 'u.id', 'v.inspector_id')
    .selectAll('v')
    .select([
      'c.name_en',
      'c.name_ur',
      'd.id as district_id',
      'd.name_en as district_en',
      'd.name_ur as district_ur',
      'u.name as inspector_name',
    ]);

/** Each field of a window that cannot be booked: in the past, too far ahead, ending before it starts, too long. */
export function windowProblems(input: { startsAt: string; endsAt: string }, now: Date): FieldIssue[] {
  const out: FieldIssue[] = [];
  const start = new Date(input.startsAt);
  const end = new Date(input.endsAt);
  if (start <= now) out.push({ path: 'startsAt', message: 'must be in the future', rule: 'future' });
  else if (start.getTime() - now.getTime() > MAX_AHEAD_DAYS * 86_400_000)
    out.push({ path: 'startsAt', message: `must be within ${MAX_AHEAD_DAYS} days`, rule: 'max_ahead' });
  if (end <= start) out.push({ path: 'endsAt', message: 'must be after startsAt', rule: 'after_start' });
  else if (end.getTime() - start.getTime() > MAX_WINDOW_HOURS * 3_600_000)
    out.push({
      path: 'endsAt',
      message: `must be within ${MAX_WINDOW_HOURS} hours of startsAt`,
      rule: 'max_window',
    });
  return out;
}

function checkWindow(input: { startsAt: string; endsAt: string }, now: Date): void {
  const problems = windowProblems(input, now);
  if (problems.length)
    throw new AppError('validation_failed', problems.map((p) => `${p.path}: ${p.message}`).join('; '), {
      fields: problems,
    });
}

async function changed(
  trx: Kysely<Database>,
  deps: Deps,
  actor: Actor,
  visitId: string,
  ownerId: string,
  change: 'booked' | 'rescheduled' | 'cancelled' | 'inspector',
  before: InspectionVisit | undefined,
): Promise<InspectionVisit> {
  const visit = toVisit(await visits(trx).where('v.visit_id', '=', visitId).executeTakeFirstOrThrow());
  await recordChange(trx, actor, deps.clock, {
    action: `center.inspection_visit_${change === 'inspector' ? 'inspector_changed' : change}`,
    entity: 'center',
    entityId: visit.centerId,
    ...(before ? { before } : {}),
    after: visit,
  });
  for (const told of inspectorNotices(change, before?.inspectorId ?? null, visit.inspectorId))
    await emitEvent(
      trx,
      deps,
      inspectionVisitAssigned,
      { centerId: visit.centerId, visitId, ...told, startsAt: visit.startsAt, endsAt: visit.endsAt },
      actor,
    );
  // The owner hears of the window, not of who comes.
  if (change === 'inspector') return visit;
  await emitEvent(
    trx,
    deps,
    inspectionVisitChanged,
    {
      centerId: visit.centerId,
      visitId,
      ownerId,
      change,
      startsAt: visit.startsAt,
      endsAt: visit.endsAt,
      reason: visit.cancelReason,
    },
    actor,
  );
  return visit;
}

/** Books a visit to a centre under set-up; one booked visit per centre at a time (409 otherwise). */
export async function bookInspectionVisit(
  deps: Deps,
  actor: Actor,
  centerId: string,
  input: InspectionVisitInput,
): Promise<InspectionVisit> {
  requireRole(actor, 'program_admin');
  const now = deps.clock.now();
  checkWindow(input, now);
  return inTransaction(deps.db, async (trx) => {
    if (input.inspectorId) await checkInspector(trx, input.inspectorId);
    const center = await lockManagedCenter(trx, actor, centerId);
    if (center.status !== 'under_setup')
      throw new AppError(
        'invalid_state',
        `A centre that is ${center.status} is not waiting for an inspection`,
      );
    const open = await trx
      .selectFrom('center_inspection_visits')
      .select('visit_id')
      .where('center_id', '=', centerId)
      .where('status', '=', 'booked')
      .executeTakeFirst();
    if (open)
      throw new AppError('conflict', 'This centre already has a booked visit: move or cancel it instead', {
        visitId: open.visit_id,
      });
    const row = await trx
      .insertInto('center_inspection_visits')
      .values({
        center_id: centerId,
        starts_at: new Date(input.startsAt),
        ends_at: new Date(input.endsAt),
        status: 'booked',
        note: input.note || null,
        booked_by: actor.kind === 'user' ? actor.userId : null,
        inspector_id: input.inspectorId ?? null,
        cancel_reason: null,
        created_at: now,
        updated_at: now,
      })
      .returning('visit_id')
      .executeTakeFirstOrThrow();
    return changed(trx, deps, actor, row.visit_id, center.owner_id, 'booked', undefined);
  });
}

async function lockBookedVisit(trx: Kysely<Database>, visitId: string) {
  const row = await visits(trx).where('v.visit_id', '=', visitId).forUpdate('v').executeTakeFirst();
  if (!row) throw notFound('Inspection visit');
  if (row.status !== 'booked')
    throw new AppError('invalid_state', `This visit is ${row.status}; only a booked visit can change`);
  return row;
}

/** Moves a booked visit to another window (and to another inspector if given); both are told. */
export async function rescheduleInspectionVisit(
  deps: Deps,
  actor: Actor,
  visitId: string,
  input: InspectionVisitInput,
): Promise<InspectionVisit> {
  requireRole(actor, 'program_admin');
  const now = deps.clock.now();
  checkWindow(input, now);
  return inTransaction(deps.db, async (trx) => {
    if (input.inspectorId) await checkInspector(trx, input.inspectorId);
    const row = await lockBookedVisit(trx, visitId);
    const center = await lockManagedCenter(trx, actor, row.center_id);
    await trx
      .updateTable('center_inspection_visits')
      .set((eb) => ({
        starts_at: new Date(input.startsAt),
        ends_at: new Date(input.endsAt),
        ...(input.note !== undefined ? { note: input.note || null } : {}),
        ...(input.inspectorId !== undefined ? { inspector_id: input.inspectorId } : {}),
        reschedules: eb('reschedules', '+', 1),
        updated_at: now,
      }))
      .where('visit_id', '=', visitId)
      .where('status', '=', 'booked')
      .execute();
    return changed(trx, deps, actor, visitId, center.owner_id, 'rescheduled', toVisit(row));
  });
}

/** Cancels a booked visit with a reason the owner reads. */
export async function cancelInspectionVisit(
  deps: Deps,
  actor: Actor,
  visitId: string,
  input: { reason: string },
): Promise<InspectionVisit> {
  requireRole(actor, 'program_admin');
  return inTransaction(deps.db, async (trx) => {
    const row = await lockBookedVisit(trx, visitId);
    const center = await lockManagedCenter(trx, actor, row.center_id);
    await trx
      .updateTable('center_inspection_visits')
      .set({ status: 'cancelled', cancel_reason: input.reason, updated_at: deps.clock.now() })
      .where('visit_id', '=', visitId)
      .where('status', '=', 'booked')
      .execute();
    return changed(trx, deps, actor, visitId, center.owner_id, 'cancelled', toVisit(row));
  });
}

/** The visits of one centre, newest window first: its owner, programme staff and auditors. */
export async function listCentreVisits(
  deps: Deps,
  actor: Actor,
  centerId: string,
): Promise<InspectionVisit[]> {
  const center = await deps.db
    .selectFrom('centers')
    .select(['center_id', 'owner_id'])
    .where('center_id', '=', centerId)
    .executeTakeFirst();
  if (!center) throw notFound('Centre');
  if (!canReadAnyCenter(actor) && !ownsCenter(actor, center))
    throw new AppError('forbidden', "Only the centre's owner and programme staff see its inspection visits");
  const rows = await visits(deps.db)
    .where('v.center_id', '=', centerId)
    .orderBy('v.starts_at', 'desc')
    .execute();
  // The owner hears of the window, not of who comes (decision 0074); staff see the inspector.
  if (canReadAnyCenter(actor)) return rows.map(toVisit);
  return rows.map((r) => ({ ...toVisit(r), inspectorId: null, inspectorName: null }));
}

/** Gives a booked visit to another inspector, or to nobody; the inspectors are told, not the owner. */
export async function assignInspector(
  deps: Deps,
  actor: Actor,
  visitId: string,
  input: { inspectorId: string | null },
): Promise<InspectionVisit> {
  requireRole(actor, 'program_admin');
  return inTransaction(deps.db, async (trx) => {
    if (input.inspectorId) await checkInspector(trx, input.inspectorId);
    const row = await lockBookedVisit(trx, visitId);
    const center = await lockManagedCenter(trx, actor, row.center_id);
    if (row.inspector_id === input.inspectorId) return toVisit(row);
    await trx
      .updateTable('center_inspection_visits')
      .set({ inspector_id: input.inspectorId, updated_at: deps.clock.now() })
      .where('visit_id', '=', visitId)
      .where('status', '=', 'booked')
      .execute();
    return changed(trx, deps, actor, visitId, center.owner_id, 'inspector', toVisit(row));
  });
}

/** An inspection recorded at a centre ends its booked visit (in the inspection's transaction). */
export async function markVisitDone(trx: Kysely<Database>, centerId: string, now: Date): Promise<void> {
  await trx
    .updateTable('center_inspection_visits')
    .set({ status: 'done', updated_at: now })
    .where('center_id', '=', centerId)
    .where('status', '=', 'booked')
    .execute();
}

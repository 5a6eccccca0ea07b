import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, type FieldIssue } from '../../shared/errors.ts';
import { canReadAnyCenter, lockManagedCenter } from './center-access.ts';
import { setStatus } from './center-status.service.ts';
import { centreInspected } from './centers.events.ts';
import * as repo from './centers.repository.ts';
import type { Inspection, InspectionInput } from './centers.schema.ts';
import { INSPECTION_SETTINGS } from './centers.settings.ts';
import { markVisitDone } from './inspection-visit.service.ts';

/** Why a passed inspection cannot be recorded: each field that falls short of the programme's minimums. */
export function failingFields(input: InspectionInput): FieldIssue[] {
  const out: FieldIssue[] = [];
  const { minInternetMbps, minBackupPowerMinutes } = INSPECTION_SETTINGS;
  if (input.seatsCounted < 1)
    out.push({ path: 'seatsCounted', message: 'a centre with no seats cannot pass' });
  if (input.internetMbpsMeasured < minInternetMbps)
    out.push({
      path: 'internetMbpsMeasured',
      message: `below the programme's minimum of ${minInternetMbps} Mbps; it cannot pass`,
    });
  if (!input.backupPowerTested)
    out.push({ path: 'backupPowerTested', message: 'the backup power must be tested and work to pass' });
  else if (input.backupPowerMinutes !== undefined && input.backupPowerMinutes < minBackupPowerMinutes)
    out.push({
      path: 'backupPowerMinutes',
      message: `the backup power must last at least ${minBackupPowerMinutes} minutes to pass`,
    });
  return out;
}

/**
 * A programme admin inspects a centre under set-up: internet measured, backup power tested,
 * seats counted. A passed inspection moves it to inspected; the measured speed becomes the
 * centre's advertised internet speed.
 */
export async function recordInspection(
  deps: Deps,
  actor: Actor,
  centerId: string,
  input: InspectionInput,
): Promise<Inspection> {
  requireRole(actor, 'program_admin');
  const failing = input.passed ? failingFields(input) : [];
  if (failing.length) {
    throw new AppError('validation_failed', failing.map((f) => `${f.path}: ${f.message}`).join('; '), {
      fields: failing,
    });
  }
  return inTransaction(deps.db, async (trx) => {
    const center = await lockManagedCenter(trx, actor, centerId);
    if (center.status !== 'under_setup' && center.status !== 'inspected' && center.status !== 'operational') {
      throw new AppError('invalid_state', `A centre that is ${center.status} cannot be inspected`);
    }
    const now = deps.clock.now();
    const row = await trx
      .insertInto('center_inspections')
      .values({
        center_id: centerId,
        inspector_id: actor.kind === 'user' ? actor.userId : center.owner_id,
        internet_mbps_measured: input.internetMbpsMeasured,
        backup_power_tested: input.backupPowerTested,
        backup_power_minutes: input.backupPowerMinutes ?? null,
        seats_counted: input.seatsCounted,
        passed: input.passed,
        notes: input.notes ?? null,
        inspected_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('centers')
      .set({ internet_mbps: input.internetMbpsMeasured, updated_at: now })
      .where('center_id', '=', centerId)
      .execute();
    // The visit booked for this inspection (if any) is done.
    await markVisitDone(trx, centerId, now);
    const inspection = repo.toInspection(row);
    await recordChange(trx, actor, deps.clock, {
      action: 'center.inspected',
      entity: 'center',
      entityId: centerId,
      after: inspection,
      details: { passed: input.passed, seatsCounted: input.seatsCounted },
    });
    await emitEvent(
      trx,
      deps,
      centreInspected,
      {
        centerId,
        inspectionId: row.inspection_id,
        ownerId: center.owner_id,
        passed: input.passed,
        internetMbpsMeasured: input.internetMbpsMeasured,
        seatsCounted: input.seatsCounted,
      },
      actor,
    );
    if (input.passed && center.status === 'under_setup') {
      await setStatus(deps, trx, actor, centerId, 'under_setup', 'inspected', 'Passed inspection');
    }
    return inspection;
  });
}

export async function listInspections(deps: Deps, actor: Actor, centerId: string): Promise<Inspection[]> {
  requireRole(actor, 'owner', 'program_admin', 'auditor');
  const center = await repo.findCenterRow(deps.db, centerId);
  if (!center || (!canReadAnyCenter(actor) && !(actor.kind === 'user' && actor.userId === center.owner_id))) {
    throw new AppError('not_found', 'Centre not found');
  }
  const rows = await deps.db
    .selectFrom('center_inspections')
    .selectAll()
    .where('center_id', '=', centerId)
    .orderBy('inspected_at', 'desc')
    .execute();
  const photos = await deps.db
    .selectFrom('center_inspection_photos')
    .selectAll()
    .where('center_id', '=', centerId)
    .orderBy('uploaded_at')
    .execute();
  return rows.map((r) => repo.toInspection(r, photos));
}

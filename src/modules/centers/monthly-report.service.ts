import type { Selectable } from 'kysely';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { addDays, karachiDate, karachiMidnight } from '../../shared/time.ts';
import { canReadAnyCenter, isCenterAdmin, ownsCenter } from './center-access.ts';
import type { CenterMonthlyReportsTable } from './centers.table.ts';
import type { MonthlyReport, MonthlyReportInput } from './monthly-report.schema.ts';

const toReport = (r: Selectable<CenterMonthlyReportsTable>): MonthlyReport => ({
  centerId: r.center_id,
  month: r.month.slice(0, 7),
  internetUptimePercent: r.internet_uptime_permille / 10,
  powerUptimePercent: r.power_uptime_permille / 10,
  trainerName: r.trainer_name,
  trainingSessions: r.training_sessions,
  peopleTrained: r.people_trained,
  notes: r.notes,
  submittedBy: r.submitted_by,
  submittedAt: r.submitted_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const previousMonth = (now: Date) => {
  const d = new Date(`${karachiDate(now).slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
};

/**
 * The owner confirms, for a month that has ended, the internet and power uptime and the
 * trainer's activity. Submitting again corrects it; both are audited.
 */
export async function submitMonthlyReport(
  deps: Deps,
  actor: Actor,
  centerId: string,
  month: string,
  input: MonthlyReportInput,
): Promise<MonthlyReport> {
  requireRole(actor, 'owner', 'program_admin');
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const center = await trx
      .selectFrom('centers')
      .selectAll()
      .where('center_id', '=', centerId)
      .forShare()
      .executeTakeFirst();
    if (!center) throw notFound('Centre');
    if (!isCenterAdmin(actor) && !ownsCenter(actor, center)) {
      throw new AppError('forbidden', 'Only the owner of this centre reports on it');
    }
    if (month >= karachiDate(now).slice(0, 7))
      throw invalidField('month', 'report on a month once it has ended');
    if (month < karachiDate(center.created_at).slice(0, 7))
      throw invalidField('month', 'is before the centre was registered');
    const before = await trx
      .selectFrom('center_monthly_reports')
      .selectAll()
      .where('center_id', '=', centerId)
      .where('month', '=', `${month}-01`)
      .forUpdate()
      .executeTakeFirst();
    const values = {
      internet_uptime_permille: Math.round(input.internetUptimePercent * 10),
      power_uptime_permille: Math.round(input.powerUptimePercent * 10),
      trainer_name: input.trainerName,
      training_sessions: input.trainingSessions,
      people_trained: input.peopleTrained,
      notes: input.notes,
      updated_at: now,
    };
    const row = await trx
      .insertInto('center_monthly_reports')
      .values({
        center_id: centerId,
        month: `${month}-01`,
        submitted_by: actor.kind === 'user' ? actor.userId : center.owner_id,
        submitted_at: now,
        ...values,
      })
      .onConflict((oc) => oc.columns(['center_id', 'month']).doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = toReport(row);
    await recordChange(trx, actor, deps.clock, {
      action: before ? 'center.report_corrected' : 'center.report_submitted',
      entity: 'center',
      entityId: centerId,
      before: before ? toReport(before) : undefined,
      after,
      details: { month },
    });
    return after;
  });
}

export async function listMonthlyReports(
  deps: Deps,
  actor: Actor,
  centerId: string,
): Promise<MonthlyReport[]> {
  requireRole(actor, 'owner', 'program_admin', 'auditor');
  const center = await deps.db
    .selectFrom('centers')
    .select('owner_id')
    .where('center_id', '=', centerId)
    .executeTakeFirst();
  if (!center) throw notFound('Centre');
  if (!canReadAnyCenter(actor) && !ownsCenter(actor, center)) {
    throw new AppError('forbidden', 'Only the owner of this centre or programme staff may see its reports');
  }
  const rows = await deps.db
    .selectFrom('center_monthly_reports')
    .selectAll()
    .where('center_id', '=', centerId)
    .orderBy('month', 'desc')
    .execute();
  return rows.map(toReport);
}

/** Operational centres that have not reported on a month (by default, the last one). */
export async function missingMonthlyReports(deps: Deps, actor: Actor, month: string | undefined) {
  requireRole(actor, 'program_admin', 'auditor');
  const m = month ?? previousMonth(deps.clock.now());
  const rows = await deps.db
    .selectFrom('centers as c')
    .innerJoin('cities as ci', 'ci.id', 'c.city_id')
    .select([
      'c.center_id',
      'c.name_en',
      'c.name_ur',
      'c.owner_id',
      'ci.name_en as city_name',
      'ci.name_ur as city_name_ur',
      'c.province_code',
    ])
    .where('c.status', 'in', ['operational', 'suspended'])
    // Centres that existed at some point in the month owe its report.
    .where('c.created_at', '<', karachiMidnight(`${addDays(`${m}-01`, 32).slice(0, 7)}-01`))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('center_monthly_reports as r')
            .select('r.center_id')
            .whereRef('r.center_id', '=', 'c.center_id')
            .where('r.month', '=', `${m}-01`),
        ),
      ),
    )
    .orderBy('c.province_code')
    .orderBy('c.name_en')
    .execute();
  return {
    month: m,
    centers: rows.map((r) => ({
      centerId: r.center_id,
      nameEn: r.name_en,
      nameUr: r.name_ur,
      ownerId: r.owner_id,
      cityName: r.city_name,
      cityNameUr: r.city_name_ur,
      provinceCode: r.province_code,
    })),
  };
}

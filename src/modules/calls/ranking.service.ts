import type { Db } from '../../db/connect.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { findCallRow, loadCriteria, loadQuotas, loadReleases } from './call.repository.ts';
import type { ReleaseQuotaInput } from './call.schema.ts';
import type { Ranking } from './ranking.schema.ts';
import { formatScore, type RankingInput, type RankingResult, rankApplications } from './ranking.ts';

/** Everything the ranking needs, read from the stored scores of submitted evaluations. */
export async function loadRankingInput(
  db: Db,
  callId: string,
): Promise<RankingInput & { names: Map<string, string> }> {
  const call = await findCallRow(db, callId);
  if (!call) throw notFound('Call');
  const [criteria, quotas, releases] = await Promise.all([
    loadCriteria(db, callId),
    loadQuotas(db, callId),
    loadReleases(db, callId),
  ]);
  const apps = await db
    .selectFrom('applications')
    .select(['id', 'reference', 'province_code', 'district_id', 'submitted_at', 'building_name'])
    .where('call_id', '=', callId)
    .where('status', '<>', 'draft')
    .orderBy('reference')
    .execute();
  const scores = await db
    .selectFrom('evaluation_scores as s')
    .innerJoin('evaluation_assignments as e', 'e.id', 's.assignment_id')
    .select(['e.application_id', 'e.id as assignment_id', 's.criterion_key', 's.score'])
    .where('e.call_id', '=', callId)
    .where('e.status', '=', 'submitted')
    .orderBy('e.id')
    .orderBy('s.criterion_key')
    .execute();
  const byApp = new Map<string, Map<string, Record<string, number>>>();
  for (const s of scores) {
    const evals = byApp.get(s.application_id) ?? new Map<string, Record<string, number>>();
    const one = evals.get(s.assignment_id) ?? {};
    one[s.criterion_key] = s.score;
    evals.set(s.assignment_id, one);
    byApp.set(s.application_id, evals);
  }
  return {
    passMark: call.pass_mark,
    requiredEvaluations: call.evaluators_per_application,
    criteria,
    quotas,
    releases,
    applications: apps.map((a) => ({
      id: a.id,
      reference: a.reference,
      provinceCode: a.province_code,
      districtId: a.district_id,
      submittedAt: a.submitted_at!.getTime(),
      evaluations: [...(byApp.get(a.id)?.values() ?? [])],
    })),
    names: new Map(apps.map((a) => [a.id, a.building_name])),
  };
}

async function areaNames(
  db: Db,
): Promise<{ provinces: Map<string, string>; districts: Map<number, string> }> {
  const p = await db.selectFrom('provinces').select(['code', 'name_en']).execute();
  const d = await db.selectFrom('districts').select(['id', 'name_en']).execute();
  return {
    provinces: new Map(p.map((x) => [x.code, x.name_en])),
    districts: new Map(d.map((x) => [x.id, x.name_en])),
  };
}

export async function shapeRanking(
  db: Db,
  callId: string,
  passMark: number,
  result: RankingResult,
  names: Map<string, string>,
  status: Ranking['status'],
): Promise<Ranking> {
  const n = await areaNames(db);
  return {
    callId,
    status,
    passMark,
    incomplete: result.applications.filter((a) => a.outcome === 'incomplete').length,
    areas: result.areas.map((a) => ({
      ...a,
      name:
        a.districtId === null
          ? (n.provinces.get(a.provinceCode) ?? a.provinceCode)
          : `${n.districts.get(a.districtId) ?? a.districtId}, ${n.provinces.get(a.provinceCode) ?? a.provinceCode}`,
    })),
    applications: result.applications.map((a) => ({
      applicationId: a.id,
      reference: a.reference,
      buildingName: names.get(a.id) ?? '',
      provinceCode: a.provinceCode,
      districtId: a.districtId,
      areaKey: a.areaKey,
      evaluationCount: a.evaluationCount,
      scoreMilli: a.scoreMilli,
      score: a.scoreMilli === null ? null : formatScore(a.scoreMilli),
      rank: a.rank,
      outcome: a.outcome,
      reason: a.reason,
    })),
  };
}

/** The ranking as it stands now, from the stored scores (admin, auditor). Changes nothing. */
export async function previewRanking(deps: Deps, actor: Actor, callId: string): Promise<Ranking> {
  requireRole(actor, 'program_admin', 'auditor');
  const input = await loadRankingInput(deps.db, callId);
  const call = (await findCallRow(deps.db, callId))!;
  return shapeRanking(
    deps.db,
    callId,
    input.passMark,
    rankApplications(input),
    input.names,
    call.status === 'decided' ? 'confirmed' : 'preview',
  );
}

/**
 * Moves unfilled quota seats from one province to another, with a recorded reason, before the
 * decision. Only seats the current ranking leaves unfilled can move.
 */
export async function releaseQuota(
  deps: Deps,
  actor: Actor,
  callId: string,
  input: ReleaseQuotaInput,
): Promise<Ranking> {
  requireRole(actor, 'program_admin');
  if (input.fromProvince === input.toProvince)
    throw invalidField('toProvince', 'must differ from fromProvince');
  return inTransaction(deps.db, async (trx) => {
    const call = await findCallRow(trx, callId, true);
    if (!call) throw notFound('Call');
    if (call.status === 'decided' || call.status === 'draft')
      throw new AppError(
        'invalid_state',
        `Quota can be released only before the decision; the call is ${call.status}`,
      );
    const before = rankApplications(await loadRankingInput(trx, callId));
    const from = before.areas.find((a) => a.key === input.fromProvince);
    const unfilled = from ? from.seats - from.shortlisted : 0;
    if (input.seats > unfilled)
      throw invalidField('seats', `${input.fromProvince} has only ${unfilled} unfilled seats to release`);
    const row = await trx
      .insertInto('call_quota_releases')
      .values({
        call_id: callId,
        from_province: input.fromProvince,
        to_province: input.toProvince,
        seats: input.seats,
        reason: input.reason,
        created_by: actor.kind === 'user' ? actor.userId : null,
        created_at: deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordChange(trx, actor, deps.clock, {
      action: 'call.quota_released',
      entity: 'call',
      entityId: callId,
      details: { releaseId: row.id, ...input },
    });
    const input2 = await loadRankingInput(trx, callId);
    return shapeRanking(trx, callId, input2.passMark, rankApplications(input2), input2.names, 'preview');
  });
}

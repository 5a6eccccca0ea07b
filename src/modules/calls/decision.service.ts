import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { callPhase, findCallRow, loadQuotas, loadReleases } from './call.repository.ts';
import { applicationDecided } from './calls.events.ts';
import type { PublicResult, Ranking } from './ranking.schema.ts';
import { loadRankingInput, shapeRanking } from './ranking.service.ts';
import { formatScore, quotaAreas, rankApplications } from './ranking.ts';

/**
 * Confirms the ranking of a closed call: every submitted application becomes shortlisted,
 * not_selected or failed, with its score and rank. The call's status moves first, guarded by
 * WHERE status, so of two confirmations racing each other exactly one does the work.
 */
export async function confirmDecision(deps: Deps, actor: Actor, callId: string): Promise<Ranking> {
  requireRole(actor, 'program_admin');
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const call = await trx
      .updateTable('calls')
      .set({
        status: 'decided',
        decided_at: now,
        decided_by: actor.kind === 'user' ? actor.userId : null,
        updated_at: now,
      })
      .where('id', '=', callId)
      .where((eb) =>
        eb.or([
          eb('status', '=', 'closed'),
          eb.and([eb('status', '=', 'published'), eb('closes_at', '<=', now)]),
        ]),
      )
      .returningAll()
      .executeTakeFirst();
    if (!call) {
      const current = await findCallRow(trx, callId);
      if (!current) throw notFound('Call');
      if (current.status === 'decided')
        throw new AppError('invalid_state', 'The call has already been decided');
      throw new AppError(
        'invalid_state',
        `The call is ${callPhase(current, now)}; a decision is possible only after it closes (${current.closes_at.toISOString()})`,
      );
    }
    const input = await loadRankingInput(trx, callId);
    const result = rankApplications(input);
    const incomplete = result.applications.filter((a) => a.outcome === 'incomplete');
    if (incomplete.length) {
      throw new AppError(
        'invalid_state',
        `${incomplete.length} application(s) still wait for evaluations: ${incomplete
          .slice(0, 10)
          .map((a) => a.reference)
          .join(', ')}`,
      );
    }
    for (const a of result.applications) {
      if (a.outcome === 'incomplete') continue;
      const updated = await trx
        .updateTable('applications')
        .set({
          status: a.outcome,
          score_milli: a.scoreMilli,
          rank: a.rank,
          decision_reason: a.reason,
          decided_at: now,
          updated_at: now,
        })
        .where('id', '=', a.id)
        .where('status', '=', 'submitted')
        .returning('owner_id')
        .executeTakeFirst();
      if (!updated)
        throw new AppError('conflict', `Application ${a.reference} changed during the decision; try again`);
      await recordChange(trx, actor, deps.clock, {
        action: 'application.decided',
        entity: 'application',
        entityId: a.id,
        details: { reference: a.reference, outcome: a.outcome, scoreMilli: a.scoreMilli, rank: a.rank },
      });
      await emitEvent(
        trx,
        deps,
        applicationDecided,
        {
          applicationId: a.id,
          callId,
          reference: a.reference,
          ownerId: updated.owner_id,
          outcome: a.outcome,
          rank: a.rank ?? null,
        },
        actor,
      );
    }
    await recordChange(trx, actor, deps.clock, {
      action: 'call.decided',
      entity: 'call',
      entityId: callId,
      after: result,
      details: {
        shortlisted: result.applications.filter((a) => a.outcome === 'shortlisted').length,
        applications: result.applications.length,
      },
    });
    return shapeRanking(trx, callId, input.passMark, result, input.names, 'confirmed');
  });
}

/**
 * The published ranking of a decided call, per province: references, scores and the anonymised
 * evaluation scores, criteria and quotas, so that anyone can recompute it. No personal data.
 */
export async function publicResults(deps: Deps, callId: string): Promise<PublicResult> {
  const call = await findCallRow(deps.db, callId);
  if (!call || call.status === 'draft') throw notFound('Call');
  if (call.status !== 'decided' || !call.decided_at)
    throw new AppError('invalid_state', 'The results are published once the call is decided');
  const [quotas, releases, provinces, apps, input] = await Promise.all([
    loadQuotas(deps.db, callId),
    loadReleases(deps.db, callId),
    deps.db.selectFrom('provinces').select(['code', 'name_en', 'name_ur']).orderBy('sort_order').execute(),
    deps.db
      .selectFrom('applications')
      .select(['reference', 'province_code', 'district_id', 'score_milli', 'rank', 'status', 'submitted_at'])
      .where('call_id', '=', callId)
      .where('status', 'in', ['shortlisted', 'not_selected', 'failed'])
      .execute(),
    loadRankingInput(deps.db, callId),
  ]);
  const evaluations = new Map(input.applications.map((a) => [a.reference, a.evaluations]));
  const areas = [...quotaAreas(quotas, releases).values()];
  const seatsOf = (code: string) =>
    areas.filter((a) => a.provinceCode === code).reduce((s, a) => s + a.seats, 0);
  const order = { shortlisted: 0, not_selected: 1, failed: 2 } as const;
  return {
    callId,
    titleEn: call.title_en,
    titleUr: call.title_ur,
    decidedAt: call.decided_at.toISOString(),
    passMark: call.pass_mark,
    evaluatorsPerApplication: call.evaluators_per_application,
    criteria: input.criteria.map((c) => ({ key: c.key, weight: c.weight, maxScore: c.maxScore })),
    quotas: quotas.map((q) => ({ provinceCode: q.provinceCode, districtId: q.districtId, seats: q.seats })),
    releases: releases.map((r) => ({
      fromProvince: r.fromProvince,
      toProvince: r.toProvince,
      seats: r.seats,
    })),
    provinces: provinces
      .map((p) => {
        const items = apps
          .filter((a) => a.province_code === p.code)
          .map((a) => ({
            reference: a.reference,
            districtId: a.district_id,
            scoreMilli: a.score_milli,
            score: a.score_milli === null ? null : formatScore(a.score_milli),
            rank: a.rank,
            result: a.status as 'shortlisted' | 'not_selected' | 'failed',
            submittedAt: a.submitted_at!.toISOString(),
            evaluations: evaluations.get(a.reference) ?? [],
          }))
          .sort(
            (x, y) =>
              order[x.result] - order[y.result] ||
              (x.rank ?? 1e9) - (y.rank ?? 1e9) ||
              (y.scoreMilli ?? 0) - (x.scoreMilli ?? 0) ||
              (x.reference < y.reference ? -1 : 1),
          );
        return {
          provinceCode: p.code,
          nameEn: p.name_en,
          nameUr: p.name_ur,
          seats: seatsOf(p.code),
          shortlisted: items.filter((i) => i.result === 'shortlisted').length,
          items,
        };
      })
      .filter((p) => p.seats > 0 || p.items.length > 0),
  };
}

import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { forbidden, notFound } from '../../shared/errors.ts';
import { appealDeadline, appealsOf, FundAppealSchema } from './appeal.service.ts';
import { rateText, toRuleSet } from './fund.repository.ts';
import { CurrencySchema, RuleSetSchema } from './fund.schema.ts';
import { actingUserId, canReadAll, isCommittee, requireSignedIn } from './fund-access.ts';
import { entitledSoFar } from './fund-rules.ts';
import { requireCleared } from './grants.service.ts';

// One grant as its founder, staff, auditors and cleared committee members see it, and the lists
// each of them works from. The stage a person reads is derived from the status and the money.

export const GrantStageSchema = z.enum([
  'applied',
  'approved',
  'part_paid',
  'paid',
  'reporting',
  'rejected',
  'recovered',
]);

export const GrantSchema = z
  .object({
    id: z.string(),
    status: z.enum(['submitted', 'approved', 'rejected', 'recovered']),
    stage: GrantStageSchema,
    startupId: z.string(),
    startupName: z.string(),
    sector: z.string(),
    cityName: z.string(),
    cityNameUr: z.string().nullable(),
    leadInvestorName: z.string(),
    currency: CurrencySchema,
    roundMinor: z.number().int(),
    requestedMinor: z.number().int(),
    foreignMinor: z.number().int(),
    approvedMinor: z.number().int(),
    committedPkrMinor: z.number().int(),
    commitRate: z.string().nullable(),
    paidMinor: z.number().int(),
    paidPkrMinor: z.number().int(),
    arrivedForeignMinor: z.number().int(),
    approvedUsdMinor: z.number().int().describe('USD equivalent of the approval at its day’s rates'),
    paidUsdMinor: z.number().int().describe('USD equivalent of the tranches at their days’ rates'),
    arrivedForeignUsdMinor: z
      .number()
      .int()
      .describe('USD equivalent of the accepted arrivals at their arrival days’ rates'),
    entitledMinor: z.number().int().describe('What the accepted arrivals allow in all, pro rata'),
    submittedAt: z.string(),
    decidedAt: z.string().nullable(),
    decisionReason: z.string().nullable(),
    rules: RuleSetSchema.describe('The rules the round was checked against on submission'),
    conditionBroken: z
      .boolean()
      .describe('A quarterly report within three years said the company left Pakistan'),
    recovery: z.object({ condition: z.string(), reason: z.string(), at: z.string() }).nullable(),
    appeal: FundAppealSchema.nullable(),
    appealDeadline: z
      .string()
      .nullable()
      .describe('Last instant the founder may appeal the decision (decided applications)'),
    investors: z.array(
      z.object({
        investorId: z.string(),
        name: z.string(),
        jurisdiction: z.string(),
        foreign: z.boolean(),
        amountMinor: z.number().int(),
      }),
    ),
    documents: z.array(z.object({ kind: z.string(), reference: z.string() })),
    review: z.object({
      declared: z.number().int(),
      recused: z.number().int(),
      scored: z.number().int(),
      averageScore: z.number().nullable(),
      mine: z.object({ conflict: z.boolean(), score: z.number().int().nullable() }).nullable(),
    }),
    arrivals: z.array(
      z.object({
        id: z.string(),
        investorName: z.string(),
        amountMinor: z.number().int(),
        arrivedOn: z.string(),
        evidence: z.string(),
        status: z.enum(['pending', 'accepted', 'rejected']),
        amountPkrMinor: z.number().int().nullable(),
        reviewNote: z.string().nullable(),
      }),
    ),
    tranches: z.array(
      z.object({
        seq: z.number().int(),
        paidOn: z.string(),
        amountMinor: z.number().int(),
        rate: z.string(),
        amountPkrMinor: z.number().int(),
        fxDifferencePkrMinor: z.number().int(),
      }),
    ),
    reports: z.array(
      z.object({
        quarter: z.string(),
        jobs: z.number().int(),
        revenuePkrMinor: z.number().int(),
        exportsUsdMinor: z.number().int(),
        followOnUsdMinor: z.number().int(),
        stillInPakistan: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'FundGrant' });
export type Grant = z.infer<typeof GrantSchema>;

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const THREE_YEARS_MS = 3 * 365.25 * 86_400_000;

/** Grants with everything a page shows, in one round of queries. */
export async function loadGrants(
  deps: Pick<Deps, 'db'>,
  filter: { ids?: string[]; ownerId?: string; status?: string[] },
  viewerId: string | null,
): Promise<Grant[]> {
  let q = deps.db
    .selectFrom('fund_grants as g')
    .innerJoin('fund_startups as s', 's.id', 'g.startup_id')
    .innerJoin('cities as c', 'c.id', 's.city_id')
    .innerJoin('fund_investors as li', 'li.id', 'g.lead_investor_id')
    .innerJoin('fund_rule_sets as rs', 'rs.id', 'g.rule_set_id')
    .leftJoin('fund_fx_rates as cr', 'cr.id', 'g.commit_rate_id')
    .selectAll('g')
    .select([
      's.name as startup_name',
      's.sector',
      'c.name_en as city_name',
      'c.name_ur as city_name_ur',
      'li.name as lead_name',
      'cr.pkr_micros as commit_micros',
    ])
    .select([
      'rs.effective_from',
      'rs.max_grant_minor',
      'rs.max_grant_share_bps',
      'rs.min_foreign_share_bps',
      'rs.max_grants_per_startup',
      'rs.quorum',
      'rs.min_score',
      'rs.max_rate_age_days',
      'rs.appeal_window_days',
    ])
    .orderBy('g.submitted_at', 'desc');
  if (filter.ids)
    q = q.where('g.id', 'in', filter.ids.length ? filter.ids : ['00000000-0000-0000-0000-000000000000']);
  if (filter.ownerId) q = q.where('s.owner_id', '=', filter.ownerId);
  if (filter.status) q = q.where('g.status', 'in', filter.status as never[]);
  const rows = await q.execute();
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [investors, reviews, arrivals, tranches, reports, appeals] = await Promise.all([
    deps.db
      .selectFrom('fund_round_investors as ri')
      .innerJoin('fund_investors as i', 'i.id', 'ri.investor_id')
      .selectAll('ri')
      .select(['i.name', 'i.jurisdiction'])
      .where('ri.grant_id', 'in', ids)
      .orderBy('ri.amount_minor', 'desc')
      .execute(),
    deps.db.selectFrom('fund_reviews').selectAll().where('grant_id', 'in', ids).execute(),
    deps.db
      .selectFrom('fund_arrivals as a')
      .innerJoin('fund_investors as i', 'i.id', 'a.investor_id')
      .selectAll('a')
      .select('i.name')
      .where('a.grant_id', 'in', ids)
      .orderBy('a.arrived_on')
      .execute(),
    deps.db
      .selectFrom('fund_tranches as t')
      .innerJoin('fund_fx_rates as r', 'r.id', 't.rate_id')
      .selectAll('t')
      .select('r.pkr_micros')
      .where('t.grant_id', 'in', ids)
      .orderBy('t.seq')
      .execute(),
    deps.db.selectFrom('fund_reports').selectAll().where('grant_id', 'in', ids).orderBy('quarter').execute(),
    appealsOf(deps, ids),
  ]);
  return rows.map((g) => {
    const rv = reviews.filter((r) => r.grant_id === g.id);
    const scores = rv.filter((r) => !r.conflict && r.score !== null).map((r) => r.score!);
    const mine = viewerId ? rv.find((r) => r.member_id === viewerId) : undefined;
    const accepted = arrivals
      .filter((a) => a.grant_id === g.id && a.status === 'accepted')
      .reduce((s, a) => s + a.amount_minor, 0);
    const reps = reports.filter((r) => r.grant_id === g.id);
    const decided = g.decided_at ? new Date(g.decided_at).getTime() : null;
    const stage: Grant['stage'] =
      g.status === 'submitted'
        ? 'applied'
        : g.status === 'rejected'
          ? 'rejected'
          : g.status === 'recovered'
            ? 'recovered'
            : reps.length
              ? 'reporting'
              : g.paid_minor === 0
                ? 'approved'
                : g.paid_minor < g.approved_minor
                  ? 'part_paid'
                  : 'paid';
    return {
      id: g.id,
      status: g.status,
      stage,
      startupId: g.startup_id,
      startupName: g.startup_name,
      sector: g.sector,
      cityName: g.city_name,
      cityNameUr: g.city_name_ur,
      leadInvestorName: g.lead_name,
      currency: g.currency,
      roundMinor: g.round_minor,
      requestedMinor: g.requested_minor,
      foreignMinor: g.foreign_minor,
      approvedMinor: g.approved_minor,
      committedPkrMinor: g.committed_pkr_minor,
      commitRate: g.commit_micros ? rateText(g.commit_micros) : null,
      paidMinor: g.paid_minor,
      paidPkrMinor: g.paid_pkr_minor,
      arrivedForeignMinor: accepted,
      approvedUsdMinor: g.approved_usd_minor,
      paidUsdMinor: g.paid_usd_minor,
      arrivedForeignUsdMinor: arrivals
        .filter((a) => a.grant_id === g.id && a.status === 'accepted')
        .reduce((s, a) => s + (a.amount_usd_minor ?? 0), 0),
      entitledMinor: g.status === 'approved' ? entitledSoFar(g.approved_minor, g.foreign_minor, accepted) : 0,
      submittedAt: iso(g.submitted_at)!,
      decidedAt: iso(g.decided_at),
      decisionReason: g.decision_reason,
      rules: toRuleSet({ ...g, id: g.rule_set_id, created_by: null, created_at: g.submitted_at }),
      conditionBroken: reps.some(
        (r) =>
          !r.still_in_pakistan &&
          decided !== null &&
          new Date(r.submitted_at).getTime() - decided < THREE_YEARS_MS,
      ),
      appeal: appeals.get(g.id) ?? null,
      appealDeadline: g.decided_at
        ? appealDeadline(new Date(g.decided_at), g.appeal_window_days).toISOString()
        : null,
      recovery: g.recovered_at
        ? { condition: g.recovery_condition!, reason: g.recovery_reason!, at: iso(g.recovered_at)! }
        : null,
      investors: investors
        .filter((i) => i.grant_id === g.id)
        .map((i) => ({
          investorId: i.investor_id,
          name: i.name,
          jurisdiction: i.jurisdiction,
          foreign: i.is_foreign,
          amountMinor: i.amount_minor,
        })),
      documents: g.documents,
      review: {
        declared: rv.length,
        recused: rv.filter((r) => r.conflict).length,
        scored: scores.length,
        averageScore: scores.length
          ? Math.round((scores.reduce((s, n) => s + n, 0) / scores.length) * 10) / 10
          : null,
        mine: mine ? { conflict: mine.conflict, score: mine.score } : null,
      },
      arrivals: arrivals
        .filter((a) => a.grant_id === g.id)
        .map((a) => ({
          id: a.id,
          investorName: a.name,
          amountMinor: a.amount_minor,
          arrivedOn: a.arrived_on,
          evidence: a.evidence,
          status: a.status,
          amountPkrMinor: a.amount_pkr_minor,
          reviewNote: a.review_note,
        })),
      tranches: tranches
        .filter((t) => t.grant_id === g.id)
        .map((t) => ({
          seq: t.seq,
          paidOn: t.paid_on,
          amountMinor: t.amount_minor,
          rate: rateText(t.pkr_micros),
          amountPkrMinor: t.amount_pkr_minor,
          fxDifferencePkrMinor: t.fx_difference_minor,
        })),
      reports: reps.map((r) => ({
        quarter: r.quarter,
        jobs: r.jobs,
        revenuePkrMinor: r.revenue_pkr_minor,
        exportsUsdMinor: r.exports_usd_minor,
        followOnUsdMinor: r.follow_on_usd_minor,
        stillInPakistan: r.still_in_pakistan,
      })),
    };
  });
}

/** A grant's full record: its founder, staff, auditors, or a committee member who declared no conflict. */
export async function getGrant(deps: Deps, actor: Actor, id: string): Promise<Grant> {
  requireSignedIn(actor);
  const [g] = await loadGrants(deps, { ids: [id] }, actingUserId(actor));
  if (!g) throw notFound('Grant');
  if (canReadAll(actor)) return g;
  if (isCommittee(actor)) {
    await requireCleared(deps.db, actor, id);
    return g;
  }
  const owner = await deps.db
    .selectFrom('fund_startups')
    .select('owner_id')
    .where('id', '=', g.startupId)
    .executeTakeFirstOrThrow();
  if (owner.owner_id !== actingUserId(actor))
    throw forbidden('Only the startup’s founder can see this application');
  return g;
}

export const QueueItemSchema = z
  .object({
    id: z.string(),
    startupName: z.string(),
    sector: z.string(),
    roundMinor: z.number().int(),
    requestedMinor: z.number().int(),
    currency: z.string().describe('The round’s currency; both amounts are in its minor units'),
    submittedAt: z.string(),
    declared: z.boolean(),
    conflict: z.boolean().nullable(),
  })
  .meta({ id: 'FundQueueItem' });

/** The committee's queue: applications waiting for a decision, with the member's own declaration. */
export async function committeeQueue(deps: Deps, actor: Actor): Promise<z.infer<typeof QueueItemSchema>[]> {
  if (!isCommittee(actor) && !canReadAll(actor))
    throw forbidden('Only committee members and staff see the queue');
  const me = actingUserId(actor);
  const rows = await deps.db
    .selectFrom('fund_grants as g')
    .innerJoin('fund_startups as s', 's.id', 'g.startup_id')
    .leftJoin('fund_reviews as r', (j) =>
      j.onRef('r.grant_id', '=', 'g.id').on('r.member_id', '=', me ?? '00000000-0000-0000-0000-000000000000'),
    )
    .select([
      'g.id',
      's.name',
      's.sector',
      'g.round_minor',
      'g.requested_minor',
      'g.currency',
      'g.submitted_at',
      'r.conflict',
    ])
    .where('g.status', '=', 'submitted')
    .orderBy('g.submitted_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    startupName: r.name,
    sector: r.sector,
    roundMinor: r.round_minor,
    requestedMinor: r.requested_minor,
    currency: r.currency,
    submittedAt: iso(r.submitted_at)!,
    declared: r.conflict !== null,
    conflict: r.conflict,
  }));
}

/** A founder's own applications, or (staff, auditors) every one. */
export async function listGrants(deps: Deps, actor: Actor, scope: 'mine' | 'all'): Promise<Grant[]> {
  requireSignedIn(actor);
  if (scope === 'all') {
    if (!canReadAll(actor)) throw forbidden('Only the fund’s staff see every application');
    return loadGrants(deps, {}, actingUserId(actor));
  }
  const me = actingUserId(actor);
  return me ? loadGrants(deps, { ownerId: me }, me) : [];
}

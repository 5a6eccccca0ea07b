import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { piiCipher } from '../../platform/keys/index.ts';
import { postLedgerTransaction } from '../../platform/ledger.ts';
import { recordChange } from '../../platform/record-change.ts';
import {
  assertMayView,
  checkDeclaration,
  checkScores,
  declarationDetails,
  stateAfterDeclaring,
} from '../../platform/review.ts';
import { AppError, type FieldIssue, forbidden, invalidField, notFound } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { requireWithinCeilings } from './ceilings.ts';
import { grantDecided, grantSubmitted } from './fund.events.ts';
import {
  findStartups,
  lockStartup,
  rateOn,
  reserveBudget,
  ruleSetOn,
  toRuleSet,
  uniqueAsConflict,
  usdEquivalent,
} from './fund.repository.ts';
import type { GrantInput } from './fund.schema.ts';
import {
  actingUserId,
  isCommittee,
  requireNotOwnGrant,
  requireOwnerOrStaff,
  requireSignedIn,
  requireStaff,
} from './fund-access.ts';
import { checkEligibility, committeeShortfalls, fiscalYearOf, toPkr } from './fund-rules.ts';

type Db = Kysely<Database>;

// A matching grant from application to decision: the round checked against the rules in force on
// the day it is submitted (with every failing rule's reason), the committee's conflict-of-interest
// declarations before anyone sees the details, their scores, and the decision that commits the
// grant in PKR at the day's rate against the fiscal year's envelope.

const problem = (message: string, fields: FieldIssue[]) =>
  new AppError('validation_failed', message, { fields });

export async function submitGrant(deps: Deps, actor: Actor, input: GrantInput): Promise<{ id: string }> {
  requireSignedIn(actor);
  requireWithinCeilings(input.currency, [
    ['roundMinor', input.roundMinor, 'round'],
    ['requestedMinor', input.requestedMinor, 'grant'],
    ...input.investors.map((i, n) => [`investors.${n}.amountMinor`, i.amountMinor, 'round'] as const),
  ]);
  const today = karachiDate(deps.clock.now());
  return inTransaction(deps.db, async (trx) => {
    const [startup] = await findStartups(trx, await piiCipher(deps, trx), { id: input.startupId });
    if (!startup) throw invalidField('startupId', 'is not a registered startup', 'unknown_startup');
    requireOwnerOrStaff(actor, startup.ownerId);
    await lockStartup(trx, startup.id);
    const ids = input.investors.map((i) => i.investorId);
    const dupAt = ids.findIndex((id, n) => ids.indexOf(id) !== n);
    if (dupAt >= 0)
      throw invalidField(`investors.${dupAt}.investorId`, 'is listed twice', 'duplicate_investor');
    const investors = await trx.selectFrom('fund_investors').selectAll().where('id', 'in', ids).execute();
    const byId = new Map(investors.map((i) => [i.id, i]));
    const missing = ids.findIndex((id) => !byId.has(id));
    if (missing >= 0)
      throw invalidField(
        `investors.${missing}.investorId`,
        'is not a registered investor',
        'unknown_investor',
      );
    const lead = byId.get(input.leadInvestorId);
    if (!lead)
      throw invalidField('leadInvestorId', 'must be one of the round’s investors', 'lead_not_in_round');
    for (const kind of ['term_sheet', 'subscription_agreement'] as const)
      if (!input.documents.some((d) => d.kind === kind))
        throw invalidField('documents', `must include the ${kind.replace('_', ' ')}`, `missing_${kind}`);

    const rules = await ruleSetOn(trx, today);
    // The cap is in USD: a round in another currency is compared at today's rates through PKR.
    const requestedUsdMinor =
      input.currency === 'USD'
        ? input.requestedMinor
        : await usdEquivalent(
            trx,
            input.requestedMinor,
            await rateOn(trx, today, 'currency', input.currency),
            today,
            'currency',
          );
    const earlier = await trx
      .selectFrom('fund_grants')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('startup_id', '=', startup.id)
      .where('status', 'in', ['submitted', 'approved', 'recovered'])
      .executeTakeFirstOrThrow();
    const round = input.investors.map((i) => ({
      amountMinor: i.amountMinor,
      isForeign: byId.get(i.investorId)!.jurisdiction !== 'PK',
    }));
    const failed = checkEligibility(
      {
        incorporatedIn: startup.incorporatedIn,
        lead: { status: lead.status, jurisdiction: lead.jurisdiction },
        roundMinor: input.roundMinor,
        requestedMinor: input.requestedMinor,
        currency: input.currency,
        requestedUsdMinor,
        investors: round,
        earlierGrants: Number(earlier.n),
      },
      rules,
    ).filter((v) => !v.passed);
    if (failed.length)
      throw problem(
        `The round does not meet the fund's rules in force since ${rules.effectiveFrom}: ${failed.map((f) => f.message).join('; ')}`,
        failed.map((f) => ({ path: f.path, message: f.message, rule: f.rule, params: f.params })),
      );

    const foreign = round.filter((r) => r.isForeign).reduce((s, r) => s + r.amountMinor, 0);
    const { id } = await trx
      .insertInto('fund_grants')
      .values({
        startup_id: startup.id,
        lead_investor_id: lead.id,
        currency: input.currency,
        round_minor: input.roundMinor,
        requested_minor: input.requestedMinor,
        foreign_minor: foreign,
        documents: JSON.stringify(input.documents),
        rule_set_id: rules.id,
        status: 'submitted',
        submitted_at: deps.clock.now(),
        submitted_by: actingUserId(actor) ?? startup.ownerId,
        decided_at: null,
        decided_by: null,
        decision_reason: null,
        fiscal_year: null,
        commit_rate_id: null,
        commit_transaction_id: null,
        recovered_at: null,
        recovery_condition: null,
        recovery_reason: null,
        recovery_transaction_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('fund_round_investors')
      .values(
        input.investors.map((i, n) => ({
          grant_id: id,
          investor_id: i.investorId,
          amount_minor: i.amountMinor,
          is_foreign: round[n]!.isForeign,
        })),
      )
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'fund.grant_submitted',
      entity: 'fund_grant',
      entityId: id,
      details: {
        startupId: startup.id,
        roundMinor: input.roundMinor,
        requestedMinor: input.requestedMinor,
        ruleSetId: rules.id,
      },
    });
    await emitEvent(
      trx,
      deps,
      grantSubmitted,
      {
        grantId: id,
        startupId: startup.id,
        founderId: startup.ownerId,
        roundMinor: input.roundMinor,
        requestedMinor: input.requestedMinor,
      },
      actor,
    );
    return { id };
  });
}

async function openGrant(trx: Db, grantId: string) {
  const g = await trx
    .selectFrom('fund_grants')
    .selectAll()
    .where('id', '=', grantId)
    .forUpdate()
    .executeTakeFirst();
  if (!g) throw notFound('Grant application');
  return g;
}

/** A committee member says, before seeing an application's details, whether they have a conflict. */
export async function declareConflict(
  deps: Deps,
  actor: Actor,
  grantId: string,
  input: { conflict: boolean; note?: string | undefined },
): Promise<void> {
  if (!isCommittee(actor) || actor.kind !== 'user')
    throw forbidden('Only committee members (evaluators) declare conflicts');
  const note = checkDeclaration(input.conflict, input.note);
  await uniqueAsConflict(
    inTransaction(deps.db, async (trx) => {
      const g = await openGrant(trx, grantId);
      if (g.status !== 'submitted')
        throw new AppError('invalid_state', `This application is already ${g.status}`);
      await trx
        .insertInto('fund_reviews')
        .values({
          grant_id: grantId,
          member_id: actor.userId,
          conflict: input.conflict,
          conflict_note: note,
          declared_at: deps.clock.now(),
          score: null,
          comment: null,
          scored_at: null,
        })
        .execute();
      await recordChange(trx, actor, deps.clock, {
        action:
          stateAfterDeclaring(input.conflict) === 'recused' ? 'fund.review_recused' : 'fund.review_declared',
        entity: 'fund_grant',
        entityId: grantId,
        details: declarationDetails(input.conflict, note),
      });
    }),
  );
}

/** Whether a committee member may see an application: declared, without a conflict. */
export async function requireCleared(db: Db, actor: Actor, grantId: string): Promise<void> {
  if (actor.kind !== 'user') throw forbidden();
  const r = await db
    .selectFrom('fund_reviews')
    .select('conflict')
    .where('grant_id', '=', grantId)
    .where('member_id', '=', actor.userId)
    .executeTakeFirst();
  assertMayView(!r ? 'undeclared' : r.conflict ? 'recused' : 'cleared');
}

/** The fund's committee gives one overall score, from 0 to 100. */
const FUND_CRITERIA = [{ key: 'overall', maxScore: 100, labelEn: 'the overall score' }];

export async function scoreGrant(
  deps: Deps,
  actor: Actor,
  grantId: string,
  input: { score: number; comment?: string | undefined },
): Promise<void> {
  if (!isCommittee(actor) || actor.kind !== 'user')
    throw forbidden('Only committee members (evaluators) score');
  checkScores(FUND_CRITERIA, [{ criterionKey: 'overall', score: input.score }], () => 'score');
  await inTransaction(deps.db, async (trx) => {
    const g = await openGrant(trx, grantId);
    if (g.status !== 'submitted')
      throw new AppError('invalid_state', `This application is already ${g.status}`);
    await requireCleared(trx, actor, grantId);
    await trx
      .updateTable('fund_reviews')
      .set({ score: input.score, comment: input.comment ?? null, scored_at: deps.clock.now() })
      .where('grant_id', '=', grantId)
      .where('member_id', '=', actor.userId)
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'fund.review_scored',
      entity: 'fund_grant',
      entityId: grantId,
      details: { score: input.score },
    });
  });
}

/**
 * Staff record the committee's decision. An approval needs at least one score from a member
 * without a conflict; it commits the grant in PKR at the day's rate against the fiscal year's
 * envelope (refused past it) and posts the commitment to the ledger.
 */
export async function decideGrant(
  deps: Deps,
  actor: Actor,
  grantId: string,
  input: { decision: 'approved' | 'rejected'; reason: string; approvedMinor?: number | undefined },
): Promise<void> {
  requireStaff(actor);
  const now = deps.clock.now();
  const today = karachiDate(now);
  await inTransaction(deps.db, async (trx) => {
    const g = await openGrant(trx, grantId);
    if (g.status !== 'submitted')
      throw new AppError('invalid_state', `This application is already ${g.status}`);
    const [startup] = await findStartups(trx, await piiCipher(deps, trx), { id: g.startup_id });
    requireNotOwnGrant(actor, [g.submitted_by, ...(startup ? [startup.ownerId] : [])]);
    requireWithinCeilings(g.currency, [['approvedMinor', input.approvedMinor, 'grant']]);
    let approved = 0;
    let committed = 0;
    let patch = {};
    // The committee's quorum and minimum score are those of the rules the application was checked
    // against, so a rule published later never changes what an earlier application needs.
    const scored = await trx
      .selectFrom('fund_reviews')
      .select('score')
      .where('grant_id', '=', grantId)
      .where('conflict', '=', false)
      .where('score', 'is not', null)
      .execute();
    const rules = await trx
      .selectFrom('fund_rule_sets')
      .selectAll()
      .where('id', '=', g.rule_set_id)
      .executeTakeFirstOrThrow();
    const short = committeeShortfalls(
      scored.map((r) => r.score!),
      toRuleSet(rules),
      input.decision,
    );
    if (short.length)
      throw new AppError('invalid_state', short.map((s) => s.message).join('; '), {
        fields: short.map((s) => ({ path: 'decision', message: s.message, rule: s.rule, params: s.params })),
      });
    if (input.decision === 'approved') {
      approved = input.approvedMinor ?? g.requested_minor;
      if (approved > g.requested_minor)
        throw invalidField('approvedMinor', 'may not be more than was asked for', 'above_requested');
      const rate = await rateOn(trx, today, 'decision', g.currency);
      committed = toPkr(approved, rate.pkrMicros);
      const approvedUsd = await usdEquivalent(trx, approved, rate, today, 'decision');
      const fy = fiscalYearOf(today);
      await reserveBudget(trx, fy, committed, 'approvedMinor');
      const txId = await postLedgerTransaction(
        trx,
        { kind: 'fund_grant_commitment', loanId: null, occurredOn: today, now },
        [
          { account: 'fund_grant_expense', debitMinor: committed },
          { account: 'fund_grant_payable', creditMinor: committed },
        ],
      );
      patch = {
        fiscal_year: fy,
        approved_minor: approved,
        approved_usd_minor: approvedUsd,
        commit_rate_id: rate.id,
        committed_pkr_minor: committed,
        commit_transaction_id: txId,
      };
    }
    await trx
      .updateTable('fund_grants')
      .set({
        ...patch,
        status: input.decision,
        decided_at: now,
        decided_by: actingUserId(actor),
        decision_reason: input.reason,
      })
      .where('id', '=', grantId)
      .where('status', '=', 'submitted')
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: `fund.grant_${input.decision}`,
      entity: 'fund_grant',
      entityId: grantId,
      details: { approvedMinor: approved, committedPkrMinor: committed, reason: input.reason },
    });
    await emitEvent(
      trx,
      deps,
      grantDecided,
      {
        grantId,
        founderId: startup!.ownerId,
        startupName: startup!.name,
        decision: input.decision,
        approvedMinor: approved,
        committedPkrMinor: committed,
        reason: input.reason,
      },
      actor,
    );
  });
}

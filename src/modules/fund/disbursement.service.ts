import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { type LedgerLine, postLedgerTransaction } from '../../platform/ledger.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { requireWithinCeilings } from './ceilings.ts';
import { arrivalReviewed, tranchePaid } from './fund.events.ts';
import { rateOn, uniqueAsConflict, usdEquivalent } from './fund.repository.ts';
import { actingUserId, requireNotOwnGrant, requireOwnerOrStaff, requireStaff } from './fund-access.ts';
import { commitmentShare, entitledSoFar, toPkr } from './fund-rules.ts';

type Db = Kysely<Database>;

// After approval the money follows the investors' money: a founder shows proof that a foreign
// investor's funds arrived, staff accept it (converted at the arrival date's rate), and a tranche
// pays the grant pro rata to what arrived, in PKR at the payment date's rate, the difference from
// the commitment posted to the ledger. Founders report each quarter; a broken condition is recovered.

export async function grantWithOwner(trx: Db, grantId: string) {
  const g = await trx
    .selectFrom('fund_grants as g')
    .innerJoin('fund_startups as s', 's.id', 'g.startup_id')
    .selectAll('g')
    .select('s.owner_id')
    .where('g.id', '=', grantId)
    .forUpdate('g')
    .executeTakeFirst();
  if (!g) throw notFound('Grant');
  return g;
}

export const notApproved = (status: string) =>
  new AppError('invalid_state', `This grant is ${status}, not approved`);

export async function submitArrival(
  deps: Deps,
  actor: Actor,
  grantId: string,
  input: { investorId: string; amountMinor: number; arrivedOn: string; evidence: string },
): Promise<{ id: string }> {
  return inTransaction(deps.db, async (trx) => {
    const g = await grantWithOwner(trx, grantId);
    requireOwnerOrStaff(actor, g.owner_id);
    if (g.status !== 'approved') throw notApproved(g.status);
    requireWithinCeilings(g.currency, [['amountMinor', input.amountMinor, 'round']]);
    if (input.arrivedOn > karachiDate(deps.clock.now()))
      throw invalidField('arrivedOn', 'is in the future', 'future_date');
    const inv = await trx
      .selectFrom('fund_round_investors')
      .selectAll()
      .where('grant_id', '=', grantId)
      .where('investor_id', '=', input.investorId)
      .executeTakeFirst();
    if (!inv) throw invalidField('investorId', 'is not an investor in this round', 'not_in_round');
    if (!inv.is_foreign)
      throw invalidField(
        'investorId',
        'is a local investor: only foreign money unlocks the grant',
        'not_foreign',
      );
    const { id } = await trx
      .insertInto('fund_arrivals')
      .values({
        grant_id: grantId,
        investor_id: input.investorId,
        amount_minor: input.amountMinor,
        arrived_on: input.arrivedOn,
        evidence: input.evidence,
        status: 'pending',
        rate_id: null,
        amount_pkr_minor: null,
        reviewed_by: null,
        reviewed_at: null,
        review_note: null,
        submitted_by: actingUserId(actor) ?? g.owner_id,
        submitted_at: deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordChange(trx, actor, deps.clock, {
      action: 'fund.arrival_submitted',
      entity: 'fund_grant',
      entityId: grantId,
      details: { arrivalId: id, amountMinor: input.amountMinor },
    });
    return { id };
  });
}

/** Staff accept (at the arrival date's rate) or refuse a proof of arrival. */
export async function reviewArrival(
  deps: Deps,
  actor: Actor,
  arrivalId: string,
  input: { decision: 'accepted' | 'rejected'; note?: string | undefined },
): Promise<void> {
  requireStaff(actor);
  await inTransaction(deps.db, async (trx) => {
    const a = await trx
      .selectFrom('fund_arrivals')
      .selectAll()
      .where('id', '=', arrivalId)
      .forUpdate()
      .executeTakeFirst();
    if (!a) throw notFound('Proof of arrival');
    if (a.status !== 'pending') throw new AppError('invalid_state', `This proof is already ${a.status}`);
    const g = await grantWithOwner(trx, a.grant_id);
    requireNotOwnGrant(actor, [g.owner_id, g.submitted_by]);
    // A proof for a grant since recovered (or otherwise no longer approved) is never accepted.
    if (g.status !== 'approved') throw notApproved(g.status);
    let pkr: number | null = null;
    let usd: number | null = null;
    let rateId: string | null = null;
    if (input.decision === 'accepted') {
      const declared = await trx
        .selectFrom('fund_round_investors')
        .select('amount_minor')
        .where('grant_id', '=', a.grant_id)
        .where('investor_id', '=', a.investor_id)
        .executeTakeFirstOrThrow();
      const before = await trx
        .selectFrom('fund_arrivals')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_minor'), eb.lit(0)).as('n'))
        .where('grant_id', '=', a.grant_id)
        .where('investor_id', '=', a.investor_id)
        .where('status', '=', 'accepted')
        .executeTakeFirstOrThrow();
      if (Number(before.n) + a.amount_minor > declared.amount_minor)
        throw invalidField(
          'decision',
          'would accept more than this investor committed to the round',
          'above_commitment',
        );
      const rate = await rateOn(trx, a.arrived_on, 'arrivedOn', g.currency);
      pkr = toPkr(a.amount_minor, rate.pkrMicros);
      usd = await usdEquivalent(trx, a.amount_minor, rate, a.arrived_on, 'arrivedOn');
      rateId = rate.id;
    }
    await trx
      .updateTable('fund_arrivals')
      .set({
        status: input.decision,
        rate_id: rateId,
        amount_pkr_minor: pkr,
        amount_usd_minor: usd,
        reviewed_by: actingUserId(actor),
        reviewed_at: deps.clock.now(),
        review_note: input.note ?? null,
      })
      .where('id', '=', arrivalId)
      .where('status', '=', 'pending')
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: `fund.arrival_${input.decision}`,
      entity: 'fund_grant',
      entityId: a.grant_id,
      details: { arrivalId, amountMinor: a.amount_minor, amountPkrMinor: pkr },
    });
    await emitEvent(
      trx,
      deps,
      arrivalReviewed,
      {
        arrivalId,
        grantId: a.grant_id,
        founderId: g.owner_id,
        decision: input.decision,
        amountMinor: a.amount_minor,
      },
      actor,
    );
  });
}

/** Accepted foreign money so far, USD cents. */
export async function arrivedForeign(db: Db, grantId: string): Promise<number> {
  const r = await db
    .selectFrom('fund_arrivals')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_minor'), eb.lit(0)).as('n'))
    .where('grant_id', '=', grantId)
    .where('status', '=', 'accepted')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Pays a tranche: at most what the accepted arrivals entitle, less what was paid; in PKR at the
 * payment date's rate. Ledger: the payable released at the commitment's rate, cash out at today's,
 * the difference to fund_fx_difference.
 */
export async function payTranche(
  deps: Deps,
  actor: Actor,
  grantId: string,
  input: { paidOn: string; amountMinor?: number | undefined },
): Promise<{ seq: number; amountMinor: number; amountPkrMinor: number; fxDifferencePkrMinor: number }> {
  requireStaff(actor);
  const now = deps.clock.now();
  return uniqueAsConflict(
    inTransaction(deps.db, async (trx) => {
      const g = await grantWithOwner(trx, grantId);
      requireNotOwnGrant(actor, [g.owner_id, g.submitted_by]);
      if (g.status !== 'approved') throw notApproved(g.status);
      requireWithinCeilings(g.currency, [['amountMinor', input.amountMinor, 'grant']]);
      if (input.paidOn > karachiDate(now)) throw invalidField('paidOn', 'is in the future', 'future_date');
      const approvedOn = karachiDate(g.decided_at!);
      if (input.paidOn < approvedOn)
        throw invalidField('paidOn', `is before the grant was approved (${approvedOn})`, 'before_approval');
      const arrived = await arrivedForeign(trx, grantId);
      const last = await trx
        .selectFrom('fund_arrivals')
        .select((eb) => eb.fn.max('arrived_on').as('on'))
        .where('grant_id', '=', grantId)
        .where('status', '=', 'accepted')
        .executeTakeFirst();
      const lastOn = last?.on ? String(last.on).slice(0, 10) : null;
      if (lastOn && input.paidOn < lastOn)
        throw invalidField(
          'paidOn',
          `is before the accepted arrival it pays against (${lastOn})`,
          'before_arrival',
        );
      if (arrived === 0)
        throw new AppError(
          'invalid_state',
          'No proof that the foreign investors’ money arrived has been accepted yet',
          { rule: 'no_arrival' },
        );
      const available = entitledSoFar(g.approved_minor, g.foreign_minor, arrived) - g.paid_minor;
      if (available <= 0)
        throw new AppError('invalid_state', 'Everything the accepted arrivals allow has been paid', {
          rule: 'nothing_due',
        });
      const amount = input.amountMinor ?? available;
      if (amount > available)
        throw new AppError('validation_failed', 'amountMinor: more than the arrivals allow', {
          fields: [
            {
              path: 'amountMinor',
              message: `at most ${available} minor units (${g.currency}) are due pro rata to the money that arrived`,
              rule: 'above_pro_rata',
              params: { availableMinor: available },
            },
          ],
        });
      const rate = await rateOn(trx, input.paidOn, 'paidOn', g.currency);
      const pkr = toPkr(amount, rate.pkrMicros);
      const usd = await usdEquivalent(trx, amount, rate, input.paidOn, 'paidOn');
      const released = commitmentShare(
        g.committed_pkr_minor,
        g.released_pkr_minor,
        g.approved_minor,
        g.paid_minor,
        amount,
      );
      const diff = pkr - released;
      const lines: LedgerLine[] = [
        { account: 'fund_grant_payable', debitMinor: released },
        { account: 'programme_cash', creditMinor: pkr },
      ];
      if (diff > 0) lines.push({ account: 'fund_fx_difference', debitMinor: diff });
      if (diff < 0) lines.push({ account: 'fund_fx_difference', creditMinor: -diff });
      const txId = await postLedgerTransaction(
        trx,
        { kind: 'fund_grant_payment', loanId: null, occurredOn: input.paidOn, now },
        lines.filter((l) => (l.debitMinor ?? l.creditMinor ?? 0) > 0),
      );
      const seq =
        (
          await trx
            .selectFrom('fund_tranches')
            .select('seq')
            .where('grant_id', '=', grantId)
            .orderBy('seq', 'desc')
            .executeTakeFirst()
        )?.seq ?? 0;
      await trx
        .insertInto('fund_tranches')
        .values({
          grant_id: grantId,
          seq: seq + 1,
          paid_on: input.paidOn,
          amount_minor: amount,
          rate_id: rate.id,
          amount_pkr_minor: pkr,
          committed_pkr_minor: released,
          fx_difference_minor: diff,
          transaction_id: txId,
          paid_by: actingUserId(actor),
          created_at: now,
        })
        .execute();
      await trx
        .updateTable('fund_grants')
        .set((eb) => ({
          paid_minor: eb('paid_minor', '+', amount),
          paid_pkr_minor: eb('paid_pkr_minor', '+', pkr),
          paid_usd_minor: eb('paid_usd_minor', '+', usd),
          released_pkr_minor: eb('released_pkr_minor', '+', released),
        }))
        .where('id', '=', grantId)
        .execute();
      const out = { seq: seq + 1, amountMinor: amount, amountPkrMinor: pkr, fxDifferencePkrMinor: diff };
      await recordChange(trx, actor, deps.clock, {
        action: 'fund.tranche_paid',
        entity: 'fund_grant',
        entityId: grantId,
        details: out,
      });
      await emitEvent(
        trx,
        deps,
        tranchePaid,
        { grantId, founderId: g.owner_id, paidOn: input.paidOn, ...out },
        actor,
      );
      return out;
    }),
  );
}

export async function submitReport(
  deps: Deps,
  actor: Actor,
  grantId: string,
  input: {
    quarter: string;
    jobs: number;
    revenuePkrMinor: number;
    exportsUsdMinor: number;
    followOnUsdMinor: number;
    stillInPakistan: boolean;
  },
): Promise<void> {
  await uniqueAsConflict(
    inTransaction(deps.db, async (trx) => {
      const g = await grantWithOwner(trx, grantId);
      requireOwnerOrStaff(actor, g.owner_id);
      if (g.status !== 'approved' || g.paid_minor === 0)
        throw new AppError('invalid_state', 'Reports start after the first tranche is paid');
      checkReportQuarter(input.quarter, karachiDate(deps.clock.now()), karachiDate(g.decided_at!));
      await trx
        .insertInto('fund_reports')
        .values({
          grant_id: grantId,
          quarter: input.quarter,
          jobs: input.jobs,
          revenue_pkr_minor: input.revenuePkrMinor,
          exports_usd_minor: input.exportsUsdMinor,
          follow_on_usd_minor: input.followOnUsdMinor,
          still_in_pakistan: input.stillInPakistan,
          submitted_by: actingUserId(actor) ?? g.owner_id,
          submitted_at: deps.clock.now(),
        })
        .execute();
      await recordChange(trx, actor, deps.clock, {
        action: 'fund.report_submitted',
        entity: 'fund_grant',
        entityId: grantId,
        details: input,
      });
    }),
  );
}

/** "2026-Q3" of a day "2026-08-14". */
const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

/**
 * A report is for a quarter that has ended (its last day is before today, in Karachi) and is not
 * before the quarter the grant was approved in; otherwise 400 naming `quarter`.
 */
export function checkReportQuarter(quarter: string, today: string, approvedOn: string): void {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  const nextStart = q === 4 ? `${year + 1}-01-01` : `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
  if (today < nextStart)
    throw invalidField('quarter', `has not ended yet; report it from ${nextStart}`, 'quarter_not_ended');
  if (quarter < quarterOf(approvedOn))
    throw invalidField(
      'quarter',
      `is before the grant was approved (${approvedOn}, ${quarterOf(approvedOn)})`,
      'before_approval',
    );
}

import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { recordChange } from '../audit/index.ts';
import { type Actor, requireRole } from '../identity/index.ts';
import { claimDeadline, parseClaimCsv, quarterBounds } from './claim-csv.ts';
import { loadClaim } from './claims.repository.ts';
import type { Claim, DecideClaimInput, FileClaimInput, PayClaimInput } from './claims.schema.ts';
import { postLedgerTransaction } from './ledger.ts';
import type { ClaimOutcome } from './loans.table.ts';

/**
 * A bank files its claim for a quarter that has ended. Every line is compared with Markaz's own
 * accruals for that loan and quarter: matched, differing (both figures kept), or ineligible (no
 * subsidy accrued: loss, closed, or not yet disbursed). A file with any bad line is refused whole.
 */
export async function fileClaim(deps: Deps, actor: Actor, input: FileClaimInput): Promise<Claim> {
  requireRole(actor, 'bank_officer');
  const bankId = actor.kind === 'system' ? null : actor.organizationId;
  if (!bankId) throw new AppError('forbidden', 'Only a partner bank files claims');
  const period = quarterBounds(input.quarter);
  if (!period) throw invalidField('quarter', 'must be a quarter, e.g. 2026-Q4');
  const today = karachiDate(deps.clock.now());
  if (period.end >= today) throw invalidField('quarter', 'has not ended yet');
  const { lines, problems } = parseClaimCsv(input.csv);
  const ids = lines.map((l) => l.loanId);
  const loans = ids.length
    ? await deps.db
        .selectFrom('loans')
        .select(['id', 'bank_id', 'status', 'classified_loss_on', 'closed_on'])
        .where('id', 'in', ids)
        .execute()
    : [];
  for (const l of lines) {
    const loan = loans.find((x) => x.id === l.loanId);
    if (!loan || loan.bank_id !== bankId)
      problems.push({ path: `csv.row ${l.row}.loan_id`, message: 'is not a loan of this bank' });
  }
  if (problems.length)
    throw new AppError(
      'validation_failed',
      `The claim file has ${problems.length} problem(s); nothing was filed`,
      {
        fields: problems,
      },
    );
  const computed = ids.length
    ? await deps.db
        .selectFrom('subsidy_accruals')
        .select(['loan_id', (eb) => eb.fn.sum<number>('amount_minor').as('total')])
        .where('loan_id', 'in', ids)
        .where('day', '>=', period.start)
        .where('day', '<=', period.end)
        .groupBy('loan_id')
        .execute()
    : [];
  const computedOf = (id: string) => Number(computed.find((c) => c.loan_id === id)?.total ?? 0);
  const reconciled = lines.map((l, i) => {
    const loan = loans.find((x) => x.id === l.loanId)!;
    const mine = computedOf(l.loanId);
    let outcome: ClaimOutcome = l.claimedMinor === mine ? 'matched' : 'differing';
    let reason: string | null = null;
    if (mine === 0 && l.claimedMinor > 0) {
      outcome = 'ineligible';
      reason = loan.classified_loss_on
        ? `classified loss on ${loan.classified_loss_on}`
        : loan.closed_on && loan.closed_on < period.start
          ? `closed on ${loan.closed_on}`
          : 'no subsidy accrued in the quarter';
    }
    return { ...l, lineNo: i + 1, computedMinor: mine, outcome, reason };
  });
  const dueBy = claimDeadline(period.end);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const claim = await trx
      .insertInto('subsidy_claims')
      .values({
        bank_id: bankId,
        quarter: input.quarter,
        period_start: period.start,
        period_end: period.end,
        status: 'reconciled',
        due_by: dueBy,
        filed_late: today > dueBy,
        claimed_minor: reconciled.reduce((s, l) => s + l.claimedMinor, 0),
        computed_minor: reconciled.reduce((s, l) => s + l.computedMinor, 0),
        filed_at: now,
      })
      .onConflict((oc) => oc.columns(['bank_id', 'quarter']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!claim) throw new AppError('already_exists', `A claim for ${input.quarter} was already filed`);
    if (reconciled.length)
      await trx
        .insertInto('subsidy_claim_lines')
        .values(
          reconciled.map((l) => ({
            claim_id: claim.id,
            line_no: l.lineNo,
            loan_id: l.loanId,
            claimed_minor: l.claimedMinor,
            computed_minor: l.computedMinor,
            outcome: l.outcome,
            reason: l.reason,
          })),
        )
        .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'subsidy_claim.filed',
      entity: 'subsidy_claim',
      entityId: claim.id,
      details: { quarter: input.quarter, lines: reconciled.length, dueBy },
    });
    return (await loadClaim(trx, claim.id))!;
  });
}

function assertCanSeeClaim(actor: Actor, bankId: string | undefined): void {
  requireRole(actor, 'bank_officer', 'program_admin', 'auditor');
  if (!bankId) throw notFound('Claim');
  if (actor.kind !== 'system' && actor.role === 'bank_officer' && actor.organizationId !== bankId)
    throw notFound('Claim');
}

export async function getClaim(deps: Deps, actor: Actor, id: string): Promise<Claim> {
  const row = await deps.db
    .selectFrom('subsidy_claims')
    .select('bank_id')
    .where('id', '=', id)
    .executeTakeFirst();
  assertCanSeeClaim(actor, row?.bank_id);
  return (await loadClaim(deps.db, id))!;
}

export async function listClaims(deps: Deps, actor: Actor): Promise<Claim[]> {
  requireRole(actor, 'bank_officer', 'program_admin', 'auditor');
  let q = deps.db.selectFrom('subsidy_claims').select('id').orderBy('filed_at', 'desc');
  if (actor.kind !== 'system' && actor.role === 'bank_officer')
    q = q.where('bank_id', '=', actor.organizationId ?? '');
  const ids = await q.execute();
  return Promise.all(ids.map(async (r) => (await loadClaim(deps.db, r.id))!));
}

/** The admin approves a claim in full, in part (an amount), or disputes it with a note. */
export async function decideClaim(
  deps: Deps,
  actor: Actor,
  id: string,
  input: DecideClaimInput,
): Promise<Claim> {
  requireRole(actor, 'program_admin');
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const claim = await trx
      .selectFrom('subsidy_claims')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!claim) throw notFound('Claim');
    let approved: number | null = null;
    if (input.decision === 'approve') approved = claim.claimed_minor;
    if (input.decision === 'partly_approve') {
      if (input.approvedMinor === undefined)
        throw invalidField('approvedMinor', 'is required to approve in part');
      if (input.approvedMinor > claim.claimed_minor)
        throw invalidField('approvedMinor', `must not exceed the ${claim.claimed_minor} paisa claimed`);
      approved = input.approvedMinor;
    }
    if (input.decision !== 'approve' && !input.note) throw invalidField('note', 'must say why');
    const status =
      input.decision === 'approve'
        ? 'approved'
        : input.decision === 'partly_approve'
          ? 'partly_approved'
          : 'disputed';
    const updated = await trx
      .updateTable('subsidy_claims')
      .set({ status, approved_minor: approved, decision_note: input.note || null, decided_at: now })
      .where('id', '=', id)
      .where('status', 'in', ['reconciled', 'disputed'])
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw new AppError('invalid_state', `The claim is ${claim.status}`);
    await recordChange(trx, actor, deps.clock, {
      action: `subsidy_claim.${status}`,
      entity: 'subsidy_claim',
      entityId: id,
      details: { approvedMinor: approved, note: input.note },
    });
    return (await loadClaim(trx, id))!;
  });
}

/** The programme pays an approved claim: the bank's subsidy payable is settled from programme cash. */
export async function payClaim(deps: Deps, actor: Actor, id: string, input: PayClaimInput): Promise<Claim> {
  requireRole(actor, 'program_admin');
  if (input.paidOn > karachiDate(deps.clock.now())) throw invalidField('paidOn', 'must not be in the future');
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const claim = await trx
      .selectFrom('subsidy_claims')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!claim) throw notFound('Claim');
    if (claim.status !== 'approved' && claim.status !== 'partly_approved')
      throw new AppError('invalid_state', `The claim is ${claim.status}; only an approved claim is paid`);
    const amount = claim.approved_minor!;
    if (amount > 0)
      await postLedgerTransaction(
        trx,
        { kind: 'claim_payment', loanId: null, occurredOn: input.paidOn, now },
        [
          { account: 'subsidy_payable', bankId: claim.bank_id, debitMinor: amount },
          { account: 'programme_cash', bankId: claim.bank_id, creditMinor: amount },
        ],
      );
    await trx
      .updateTable('subsidy_claims')
      .set({ status: 'paid', paid_minor: amount, paid_on: input.paidOn, payment_reference: input.reference })
      .where('id', '=', id)
      .where('status', '=', claim.status)
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'subsidy_claim.paid',
      entity: 'subsidy_claim',
      entityId: id,
      details: { amountMinor: amount, ...input },
    });
    return (await loadClaim(trx, id))!;
  });
}

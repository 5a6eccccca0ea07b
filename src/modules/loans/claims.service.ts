import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { postLedgerTransaction } from '../../platform/ledger.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { type ClaimLine, type CsvProblem, parseClaimCsv, quarterBounds } from './claim-csv.ts';
import { claimDueBy } from './claim-deadline.ts';
import { eligibleAccruals, loadClaim } from './claims.repository.ts';
import type {
  Claim,
  DecideClaimInput,
  FileClaimInput,
  FileClaimLinesInput,
  PayClaimInput,
} from './claims.schema.ts';
import type { ClaimOutcome } from './loans.table.ts';

/**
 * A bank files its claim for a quarter that has ended, as a CSV file or as JSON lines (the same
 * checks either way). Every line is compared with Markaz's own eligible accruals for that loan and
 * quarter: matched, differing (both figures kept), or ineligible (no subsidy accrued: loss, closed,
 * or not yet disbursed). A claim with any bad line is refused whole. The bank's pending clawbacks
 * are attached to it, to be deducted when it is paid.
 */
export async function fileClaim(deps: Deps, actor: Actor, input: FileClaimInput): Promise<Claim> {
  const { lines, problems } = parseClaimCsv(input.csv);
  return reconcileAndFile(deps, actor, input.quarter, lines, problems, (row) => ({
    path: `csv.row ${row}.loan_id`,
    column: 'loan_id',
  }));
}

/** The same claim as JSON lines (a bank's system): `lines.N.loanId` names a bad line. */
export async function fileClaimLines(deps: Deps, actor: Actor, input: FileClaimLinesInput): Promise<Claim> {
  const problems: CsvProblem[] = [];
  const seen = new Map<string, number>();
  const lines: ClaimLine[] = [];
  input.lines.forEach((l, i) => {
    const id = l.loanId.toLowerCase();
    if (seen.has(id))
      problems.push({
        path: `lines.${i}.loanId`,
        message: `repeats line ${seen.get(id)}`,
        rule: 'claim_duplicate_loan',
        params: { row: i, column: 'loanId', firstRow: seen.get(id)! },
      });
    else {
      seen.set(id, i);
      lines.push({ row: i, loanId: id, claimedMinor: l.claimedMinor });
    }
  });
  return reconcileAndFile(deps, actor, input.quarter, lines, problems, (row) => ({
    path: `lines.${row}.loanId`,
    column: 'loanId',
  }));
}

async function reconcileAndFile(
  deps: Deps,
  actor: Actor,
  quarter: string,
  lines: ClaimLine[],
  problems: CsvProblem[],
  loanCell: (row: number) => { path: string; column: string },
): Promise<Claim> {
  requireRole(actor, 'bank_officer');
  const bankId = actor.kind === 'system' ? null : actor.organizationId;
  if (!bankId) throw new AppError('forbidden', 'Only a partner bank files claims');
  const period = quarterBounds(quarter);
  if (!period) throw invalidField('quarter', 'must be a quarter, e.g. 2026-Q4');
  const today = karachiDate(deps.clock.now());
  if (period.end >= today) throw invalidField('quarter', 'has not ended yet');
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
    if (!loan || loan.bank_id !== bankId) {
      const { path, column } = loanCell(l.row);
      problems.push({
        path,
        message: 'is not a loan of this bank',
        rule: 'claim_unknown_loan',
        params: { row: l.row, column },
      });
    }
  }
  if (problems.length)
    throw new AppError(
      'validation_failed',
      `The claim has ${problems.length} problem(s); nothing was filed`,
      {
        fields: problems,
      },
    );
  const computed = await eligibleAccruals(deps.db, period, { loanIds: ids });
  const reconciled = lines.map((l, i) => {
    const loan = loans.find((x) => x.id === l.loanId)!;
    const mine = computed.get(l.loanId) ?? 0;
    let outcome: ClaimOutcome = l.claimedMinor === mine ? 'matched' : 'differing';
    let reason: string | null = null;
    if (mine === 0 && l.claimedMinor > 0) {
      outcome = 'ineligible';
      reason =
        loan.classified_loss_on && loan.classified_loss_on <= period.start
          ? `classified loss on ${loan.classified_loss_on}`
          : loan.closed_on && loan.closed_on <= period.start
            ? `closed on ${loan.closed_on}`
            : 'no subsidy accrued in the quarter';
    }
    return { ...l, lineNo: i + 1, computedMinor: mine, outcome, reason };
  });
  const dueBy = await claimDueBy(deps.db, period.end);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const claim = await trx
      .insertInto('subsidy_claims')
      .values({
        bank_id: bankId,
        quarter,
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
    if (!claim) throw new AppError('already_exists', `A claim for ${quarter} was already filed`);
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
    const attached = await trx
      .updateTable('subsidy_clawbacks')
      .set({ applied_claim_id: claim.id })
      .where('bank_id', '=', bankId)
      .where('applied_claim_id', 'is', null)
      .executeTakeFirst();
    await recordChange(trx, actor, deps.clock, {
      action: 'subsidy_claim.filed',
      entity: 'subsidy_claim',
      entityId: claim.id,
      details: {
        quarter,
        lines: reconciled.length,
        dueBy,
        clawbacksAttached: Number(attached.numUpdatedRows),
      },
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
    const approved = claim.approved_minor!;
    // The clawbacks attached when the claim was filed are deducted whole, oldest first, while they
    // fit in the approved amount; any that do not fit wait for the bank's next claim (decision 0006).
    const candidates = await trx
      .selectFrom('subsidy_clawbacks')
      .select(['id', 'amount_minor'])
      .where('applied_claim_id', '=', id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    let deducted = 0;
    const taken: string[] = [];
    for (const k of candidates)
      if (deducted + Number(k.amount_minor) <= approved) {
        deducted += Number(k.amount_minor);
        taken.push(k.id);
      }
    await trx
      .updateTable('subsidy_clawbacks')
      .set({ applied_claim_id: null })
      .where('applied_claim_id', '=', id)
      .execute();
    if (taken.length)
      await trx
        .updateTable('subsidy_clawbacks')
        .set({ applied_claim_id: id })
        .where('id', 'in', taken)
        .execute();
    const cash = approved - deducted;
    if (input.amountMinor !== undefined && input.amountMinor !== cash)
      throw invalidField(
        'amountMinor',
        `must be the ${cash} paisa due: ${approved} approved less ${deducted} clawed back`,
      );
    if (approved > 0)
      await postLedgerTransaction(
        trx,
        { kind: 'claim_payment', loanId: null, occurredOn: input.paidOn, now },
        [
          { account: 'subsidy_payable', bankId: claim.bank_id, debitMinor: approved },
          ...(cash > 0
            ? [{ account: 'programme_cash' as const, bankId: claim.bank_id, creditMinor: cash }]
            : []),
          ...(deducted > 0
            ? [{ account: 'clawback_receivable' as const, bankId: claim.bank_id, creditMinor: deducted }]
            : []),
        ],
      );
    await trx
      .updateTable('subsidy_claims')
      .set({
        status: 'paid',
        paid_minor: cash,
        clawback_minor: deducted,
        paid_on: input.paidOn,
        payment_reference: input.reference,
      })
      .where('id', '=', id)
      .where('status', '=', claim.status)
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'subsidy_claim.paid',
      entity: 'subsidy_claim',
      entityId: id,
      details: { amountMinor: cash, clawbackMinor: deducted, ...input },
    });
    return (await loadClaim(trx, id))!;
  });
}

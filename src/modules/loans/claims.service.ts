import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { postLedgerTransaction } from '../../platform/ledger.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import {
  adjustmentsThatFit,
  applyAdjustments,
  foldQuarterAdjustments,
  listAdjustments,
} from './adjustments.repository.ts';
import { type ClaimLine, type CsvProblem, parseClaimCsv, quarterBounds } from './claim-csv.ts';
import { claimDueBy } from './claim-deadline.ts';
import { claimReasonText } from './claim-reasons.ts';
import {
  attachClawbacks,
  detachClawbacks,
  listAttachedClawbacks,
  lockClaim,
  markClaimPaid,
  setClaimDecision,
} from './claim-settlement.repository.ts';
import {
  attachPendingClawbacks,
  eligibleAccruals,
  findClaimBankId,
  findClaimedLoans,
  insertClaim,
  insertClaimLines,
  listClaimIds,
  loadClaim,
} from './claims.repository.ts';
import type {
  Claim,
  DecideClaimInput,
  FileClaimInput,
  FileClaimLinesInput,
  PayClaimInput,
} from './claims.schema.ts';
import { claimDecided } from './loans.events.ts';
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
  const loans = await findClaimedLoans(deps.db, ids);
  for (const l of lines) {
    const loan = loans.find((x) => x.id === l.loanId);
    if (!loan || loan.bankId !== bankId) {
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
  const dueBy = await claimDueBy(deps.db, period.end);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const computed = await eligibleAccruals(trx, period, { loanIds: ids });
    // The quarter's own pending subsidy adjustments (back-dated entries) count in Markaz's figure:
    // read and locked in this transaction, and exactly those are settled by this claim.
    const folded = await foldQuarterAdjustments(trx, bankId, quarter, ids);
    const reconciled = lines.map((l, i) => {
      const loan = loans.find((x) => x.id === l.loanId)!;
      const mine = (computed.get(l.loanId) ?? 0) + (folded.byLoan.get(l.loanId) ?? 0);
      let outcome: ClaimOutcome = l.claimedMinor === mine ? 'matched' : 'differing';
      let reason: string | null = null;
      if (mine === 0 && l.claimedMinor > 0) {
        outcome = 'ineligible';
        reason = claimReasonText(
          loan.classifiedLossOn && loan.classifiedLossOn <= period.start
            ? { code: 'classified_loss', date: loan.classifiedLossOn }
            : loan.closedOn && loan.closedOn <= period.start
              ? { code: 'closed', date: loan.closedOn }
              : { code: 'no_subsidy', date: null },
        );
      } else if (l.claimedMinor > mine) reason = partlyIneligible(loan, period);
      return { ...l, lineNo: i + 1, computedMinor: mine, outcome, reason };
    });
    const claimId = await insertClaim(trx, {
      bankId,
      quarter,
      periodStart: period.start,
      periodEnd: period.end,
      dueBy,
      filedLate: today > dueBy,
      claimedMinor: reconciled.reduce((s, l) => s + l.claimedMinor, 0),
      computedMinor: reconciled.reduce((s, l) => s + l.computedMinor, 0),
      filedAt: now,
    });
    if (!claimId) throw new AppError('already_exists', `A claim for ${quarter} was already filed`);
    await insertClaimLines(trx, claimId, reconciled);
    await applyAdjustments(trx, claimId, folded.ids);
    const attached = await attachPendingClawbacks(trx, bankId, claimId);
    await recordChange(trx, actor, deps.clock, {
      action: 'subsidy_claim.filed',
      entity: 'subsidy_claim',
      entityId: claimId,
      details: {
        quarter,
        lines: reconciled.length,
        dueBy,
        clawbacksAttached: attached,
      },
    });
    return (await loadClaim(trx, claimId))!;
  });
}

function assertCanSeeClaim(actor: Actor, bankId: string | undefined): void {
  requireRole(actor, 'bank_officer', 'program_admin', 'auditor');
  if (!bankId) throw notFound('Claim');
  if (actor.kind !== 'system' && actor.role === 'bank_officer' && actor.organizationId !== bankId)
    throw notFound('Claim');
}

export async function getClaim(deps: Deps, actor: Actor, id: string): Promise<Claim> {
  assertCanSeeClaim(actor, await findClaimBankId(deps.db, id));
  return (await loadClaim(deps.db, id))!;
}

export async function listClaims(deps: Deps, actor: Actor): Promise<Claim[]> {
  requireRole(actor, 'bank_officer', 'program_admin', 'auditor');
  // A bank sees its own claims only.
  const bankId =
    actor.kind !== 'system' && actor.role === 'bank_officer' ? (actor.organizationId ?? '') : null;
  const ids = await listClaimIds(deps.db, bankId);
  return Promise.all(ids.map(async (claimId) => (await loadClaim(deps.db, claimId))!));
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
    const claim = await lockClaim(trx, id);
    if (!claim) throw notFound('Claim');
    let approved: number | null = null;
    if (input.decision === 'approve') approved = claim.claimedMinor;
    if (input.decision === 'partly_approve') {
      if (input.approvedMinor === undefined)
        throw invalidField('approvedMinor', 'is required to approve in part');
      if (input.approvedMinor > claim.claimedMinor)
        throw invalidField('approvedMinor', `must not exceed the ${claim.claimedMinor} paisa claimed`);
      approved = input.approvedMinor;
    }
    if (input.decision !== 'approve' && !input.note) throw invalidField('note', 'must say why');
    const status =
      input.decision === 'approve'
        ? 'approved'
        : input.decision === 'partly_approve'
          ? 'partly_approved'
          : 'disputed';
    const decided = await setClaimDecision(trx, id, {
      status,
      approvedMinor: approved,
      note: input.note || null,
      decidedAt: now,
    });
    if (!decided) throw new AppError('invalid_state', `The claim is ${claim.status}`);
    await recordChange(trx, actor, deps.clock, {
      action: `subsidy_claim.${status}`,
      entity: 'subsidy_claim',
      entityId: id,
      details: { approvedMinor: approved, note: input.note },
    });
    const shown = (await loadClaim(trx, id))!;
    await emitEvent(
      trx,
      deps,
      claimDecided,
      {
        claimId: id,
        bankId: claim.bankId,
        quarter: shown.quarter,
        status,
        claimedMinor: claim.claimedMinor,
        approvedMinor: approved,
      },
      actor,
    );
    return shown;
  });
}

/** The programme pays an approved claim: the bank's subsidy payable is settled from programme cash. */
export async function payClaim(deps: Deps, actor: Actor, id: string, input: PayClaimInput): Promise<Claim> {
  requireRole(actor, 'program_admin');
  if (input.paidOn > karachiDate(deps.clock.now())) throw invalidField('paidOn', 'must not be in the future');
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const claim = await lockClaim(trx, id);
    if (!claim) throw notFound('Claim');
    if (claim.status !== 'approved' && claim.status !== 'partly_approved')
      throw new AppError('invalid_state', `The claim is ${claim.status}; only an approved claim is paid`);
    const approvedOnly = claim.approvedMinor!;
    // Earlier quarters' subsidy adjustments are settled now (decision 0035): all owed to the bank,
    // and those owed back while the approved amount carries them.
    const adjusted = adjustmentsThatFit(
      approvedOnly,
      await listAdjustments(trx, { bankId: claim.bankId, pendingOnly: true, beforeQuarter: claim.quarter }),
    );
    await applyAdjustments(
      trx,
      id,
      adjusted.taken.map((a) => a.id),
    );
    const approved = approvedOnly + adjusted.netMinor;
    // The clawbacks attached when the claim was filed are deducted whole, oldest first, while they
    // fit in the approved amount; any that do not fit wait for the bank's next claim (decision 0006).
    const candidates = await listAttachedClawbacks(trx, id);
    let deducted = 0;
    const taken: string[] = [];
    for (const k of candidates)
      if (deducted + k.amountMinor <= approved) {
        deducted += k.amountMinor;
        taken.push(k.id);
      }
    await detachClawbacks(trx, id);
    await attachClawbacks(trx, id, taken);
    const cash = approved - deducted;
    if (input.amountMinor !== undefined && input.amountMinor !== cash)
      throw invalidField(
        'amountMinor',
        adjusted.netMinor === 0
          ? `must be the ${cash} paisa due: ${approved} approved less ${deducted} clawed back`
          : `must be the ${cash} paisa due: ${approvedOnly} approved, ${adjusted.netMinor} adjusted, less ${deducted} clawed back`,
      );
    if (approved > 0)
      await postLedgerTransaction(
        trx,
        { kind: 'claim_payment', loanId: null, occurredOn: input.paidOn, now },
        [
          { account: 'subsidy_payable', bankId: claim.bankId, debitMinor: approved },
          ...(cash > 0
            ? [{ account: 'programme_cash' as const, bankId: claim.bankId, creditMinor: cash }]
            : []),
          ...(deducted > 0
            ? [{ account: 'clawback_receivable' as const, bankId: claim.bankId, creditMinor: deducted }]
            : []),
        ],
      );
    await markClaimPaid(trx, id, claim.status, {
      adjustmentMinor: adjusted.netMinor,
      paidMinor: cash,
      clawbackMinor: deducted,
      paidOn: input.paidOn,
      reference: input.reference,
    });
    await recordChange(trx, actor, deps.clock, {
      action: 'subsidy_claim.paid',
      entity: 'subsidy_claim',
      entityId: id,
      details: { amountMinor: cash, clawbackMinor: deducted, adjustmentMinor: adjusted.netMinor, ...input },
    });
    return (await loadClaim(trx, id))!;
  });
}

/** Why a line claims more than Markaz finds: days after a loss or closure within the quarter. */
export function partlyIneligible(
  loan: { classifiedLossOn: string | null; closedOn: string | null },
  period: { start: string; end: string },
): string | null {
  const within = (d: string | null) => d !== null && d > period.start && d <= period.end;
  if (within(loan.classifiedLossOn))
    return claimReasonText({ code: 'partly_classified_loss', date: loan.classifiedLossOn });
  if (within(loan.closedOn)) return claimReasonText({ code: 'partly_closed', date: loan.closedOn });
  return null;
}

import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';
import { adjustmentsThatFit, listAdjustments } from './adjustments.repository.ts';
import { readClaimReason } from './claim-reasons.ts';
import type { Claim, Clawback } from './claims.schema.ts';
import type { ClaimOutcome, LoanStatus } from './loans.table.ts';

type Db = Deps['db'];

/** The stored English reason's stable code and date, for the web app to word (claim-reasons.ts). */
function reasonFields(reason: string | null) {
  const read = readClaimReason(reason);
  return { reasonCode: read?.code ?? null, reasonParams: read?.date ? { date: read.date } : {} };
}

/** A claim with its lines, as banks and the programme see it. */
export async function loadClaim(db: Db, id: string): Promise<Claim | null> {
  const c = await db
    .selectFrom('subsidy_claims')
    .innerJoin('organizations', 'organizations.id', 'subsidy_claims.bank_id')
    .selectAll('subsidy_claims')
    .select('organizations.code as bank_code')
    .where('subsidy_claims.id', '=', id)
    .executeTakeFirst();
  if (!c) return null;
  const lines = await db
    .selectFrom('subsidy_claim_lines')
    .selectAll()
    .where('claim_id', '=', id)
    .orderBy('line_no')
    .execute();
  const clawbacks = await listClawbacks(db, { claimId: id });
  const deductions = clawbacks.filter((k) => k.appliedClaimId === id);
  // Earlier quarters' adjustments: settled with the payment, or those the payment would settle.
  const adjusted =
    c.status === 'paid'
      ? {
          taken: (await listAdjustments(db, { claimId: id })).filter((a) => a.quarter < c.quarter),
          netMinor: Number(c.adjustment_minor),
        }
      : adjustmentsThatFit(
          c.approved_minor ?? 0,
          await listAdjustments(db, { bankId: c.bank_id, pendingOnly: true, beforeQuarter: c.quarter }),
        );
  let payable: number | null = null;
  if (c.status === 'paid') payable = c.paid_minor;
  else if (c.approved_minor !== null && c.status !== 'disputed') {
    let left = c.approved_minor + adjusted.netMinor;
    for (const k of deductions) if (k.amountMinor <= left) left -= k.amountMinor;
    payable = left;
  }
  const count = (o: ClaimOutcome) => lines.filter((l) => l.outcome === o).length;
  return {
    id: c.id,
    bankId: c.bank_id,
    bankCode: c.bank_code,
    quarter: c.quarter,
    periodStart: c.period_start,
    periodEnd: c.period_end,
    status: c.status,
    dueBy: c.due_by,
    filedLate: c.filed_late,
    filedAt: c.filed_at.toISOString(),
    claimedMinor: c.claimed_minor,
    computedMinor: c.computed_minor,
    approvedMinor: c.approved_minor,
    paidMinor: c.paid_minor,
    clawbackMinor: c.clawback_minor,
    payableMinor: payable,
    paidOn: c.paid_on,
    decisionNote: c.decision_note,
    counts: { matched: count('matched'), differing: count('differing'), ineligible: count('ineligible') },
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      loanId: l.loan_id,
      claimedMinor: l.claimed_minor,
      computedMinor: l.computed_minor,
      differenceMinor: l.claimed_minor - l.computed_minor,
      outcome: l.outcome,
      reason: l.reason,
      ...reasonFields(l.reason),
    })),
    deductions,
    clawedBack: clawbacks.filter((k) => k.sourceClaimId === id),
    adjustmentMinor: adjusted.netMinor,
    adjustments: adjusted.taken,
  };
}

/** Clawbacks deducted from or raised on a claim, or a bank's (pending) clawbacks; oldest first. */
export async function listClawbacks(
  db: Db,
  filter: { claimId?: string; bankId?: string; pendingOnly?: boolean },
): Promise<Clawback[]> {
  let q = db
    .selectFrom('subsidy_clawbacks as k')
    .innerJoin('organizations as o', 'o.id', 'k.bank_id')
    .selectAll('k')
    .select('o.code as bank_code');
  const claimId = filter.claimId;
  if (claimId)
    q = q.where((eb) =>
      eb.or([eb('k.applied_claim_id', '=', claimId), eb('k.source_claim_id', '=', claimId)]),
    );
  if (filter.bankId) q = q.where('k.bank_id', '=', filter.bankId);
  if (filter.pendingOnly) q = q.where('k.applied_claim_id', 'is', null);
  const rows = await q.orderBy('k.created_at').orderBy('k.id').execute();
  return rows.map((k) => ({
    id: k.id,
    bankCode: k.bank_code,
    loanId: k.loan_id,
    sourceClaimId: k.source_claim_id,
    quarter: k.quarter,
    ineligibleFrom: k.ineligible_from,
    amountMinor: Number(k.amount_minor),
    reason: k.reason,
    ...reasonFields(k.reason),
    detectedOn: k.detected_on,
    appliedClaimId: k.applied_claim_id,
  }));
}

/**
 * Markaz's eligible subsidy per loan for a period: the accruals of days before the loan's
 * classification as loss or its closure (either may be dated back after the fact; decision 0006).
 */
export async function eligibleAccruals(
  db: Db,
  period: { start: string; end: string },
  filter: { loanIds?: string[]; bankId?: string },
): Promise<Map<string, number>> {
  if (filter.loanIds && filter.loanIds.length === 0) return new Map();
  const rows = await sql<{ loan_id: string; total: string }>`
    SELECT a.loan_id, sum(a.amount_minor)::text AS total
      FROM subsidy_accruals a JOIN loans l ON l.id = a.loan_id
     WHERE a.day BETWEEN ${period.start}::date AND ${period.end}::date
       AND a.day < coalesce(least(l.classified_loss_on, l.closed_on), 'infinity'::date)
       ${filter.loanIds ? sql`AND a.loan_id IN (${sql.join(filter.loanIds)})` : sql``}
       ${filter.bankId ? sql`AND a.bank_id = ${filter.bankId}` : sql``}
     GROUP BY a.loan_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.loan_id, Number(r.total)]));
}

/** What reconciling a claim reads of each loan it names. */
export type ClaimedLoan = {
  id: string;
  bankId: string;
  status: LoanStatus;
  classifiedLossOn: string | null;
  closedOn: string | null;
};

/** The loans among `ids` that exist (no query when there are none). */
export async function findClaimedLoans(db: Db, ids: string[]): Promise<ClaimedLoan[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('loans')
    .select(['id', 'bank_id', 'status', 'classified_loss_on', 'closed_on'])
    .where('id', 'in', ids)
    .execute();
  return rows.map((l) => ({
    id: l.id,
    bankId: l.bank_id,
    status: l.status,
    classifiedLossOn: l.classified_loss_on,
    closedOn: l.closed_on,
  }));
}

export type NewClaim = {
  bankId: string;
  quarter: string;
  periodStart: string;
  periodEnd: string;
  dueBy: string;
  filedLate: boolean;
  claimedMinor: number;
  computedMinor: number;
  filedAt: Date;
};

/** Files a claim as reconciled; its id, or null when the bank already filed one for the quarter. */
export async function insertClaim(trx: Db, c: NewClaim): Promise<string | null> {
  const row = await trx
    .insertInto('subsidy_claims')
    .values({
      bank_id: c.bankId,
      quarter: c.quarter,
      period_start: c.periodStart,
      period_end: c.periodEnd,
      status: 'reconciled',
      due_by: c.dueBy,
      filed_late: c.filedLate,
      claimed_minor: c.claimedMinor,
      computed_minor: c.computedMinor,
      filed_at: c.filedAt,
    })
    .onConflict((oc) => oc.columns(['bank_id', 'quarter']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export type ReconciledLine = {
  lineNo: number;
  loanId: string;
  claimedMinor: number;
  computedMinor: number;
  outcome: ClaimOutcome;
  reason: string | null;
};

/** One statement for all the lines (none when there are no lines). */
export async function insertClaimLines(trx: Db, claimId: string, lines: ReconciledLine[]): Promise<void> {
  if (!lines.length) return;
  await trx
    .insertInto('subsidy_claim_lines')
    .values(
      lines.map((l) => ({
        claim_id: claimId,
        line_no: l.lineNo,
        loan_id: l.loanId,
        claimed_minor: l.claimedMinor,
        computed_minor: l.computedMinor,
        outcome: l.outcome,
        reason: l.reason,
      })),
    )
    .execute();
}

/** The bank's clawbacks not yet attached to a claim go with this one; how many. */
export async function attachPendingClawbacks(trx: Db, bankId: string, claimId: string): Promise<number> {
  const res = await trx
    .updateTable('subsidy_clawbacks')
    .set({ applied_claim_id: claimId })
    .where('bank_id', '=', bankId)
    .where('applied_claim_id', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** The bank a claim is from, for the permission check; undefined when there is no such claim. */
export async function findClaimBankId(db: Db, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('subsidy_claims').select('bank_id').where('id', '=', id).executeTakeFirst();
  return row?.bank_id;
}

/** Claims' ids, newest filed first; one bank's when `bankId` is given. */
export async function listClaimIds(db: Db, bankId: string | null): Promise<string[]> {
  let q = db.selectFrom('subsidy_claims').select('id').orderBy('filed_at', 'desc');
  if (bankId !== null) q = q.where('bank_id', '=', bankId);
  return (await q.execute()).map((r) => r.id);
}

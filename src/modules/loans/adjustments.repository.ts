import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { SubsidyAdjustment } from './corrections.schema.ts';

type Db = Kysely<Database>;

/**
 * Subsidy adjustments (decision 0035): one loan's, one claim's, or a bank's pending ones. A claim
 * settles two kinds: those of its own quarter, folded into its lines' computed figures when it is
 * filed, and those of earlier quarters (already claimed, or never), attached when it is paid.
 */
export async function listAdjustments(
  db: Db,
  filter: {
    loanId?: string;
    claimId?: string;
    bankId?: string;
    pendingOnly?: boolean;
    beforeQuarter?: string;
    sourceIds?: string[];
  },
): Promise<SubsidyAdjustment[]> {
  let q = db
    .selectFrom('subsidy_adjustments as a')
    .innerJoin('organizations as o', 'o.id', 'a.bank_id')
    .selectAll('a')
    .select('o.code as bank_code')
    .where('a.amount_minor', '<>', 0);
  if (filter.loanId) q = q.where('a.loan_id', '=', filter.loanId);
  if (filter.claimId) q = q.where('a.applied_claim_id', '=', filter.claimId);
  if (filter.bankId) q = q.where('a.bank_id', '=', filter.bankId);
  if (filter.pendingOnly) q = q.where('a.applied_claim_id', 'is', null);
  if (filter.beforeQuarter) q = q.where('a.quarter', '<', filter.beforeQuarter);
  if (filter.sourceIds) q = q.where('a.source_id', 'in', filter.sourceIds);
  const rows = await q.orderBy('a.created_at').orderBy('a.quarter').orderBy('a.id').execute();
  return rows.map((a) => ({
    id: a.id,
    loanId: a.loan_id,
    bankCode: a.bank_code,
    quarter: a.quarter,
    recomputedFrom: a.recomputed_from,
    amountMinor: Number(a.amount_minor),
    reason: a.reason,
    sourceKind: a.source_kind,
    sourceId: a.source_id,
    appliedClaimId: a.applied_claim_id,
    createdAt: a.created_at.toISOString(),
  }));
}

/**
 * Pending adjustments of the claim's own quarter for the loans it names, locked (FOR UPDATE) inside
 * the filing transaction: per loan, the net, and the exact ids, so the claim settles exactly what it
 * counted and an adjustment made meanwhile waits for the next claim.
 */
export async function foldQuarterAdjustments(
  trx: Db,
  bankId: string,
  quarter: string,
  loanIds: string[],
): Promise<{ byLoan: Map<string, number>; ids: string[] }> {
  if (!loanIds.length) return { byLoan: new Map(), ids: [] };
  const rows = await trx
    .selectFrom('subsidy_adjustments')
    .select(['id', 'loan_id', 'amount_minor'])
    .where('bank_id', '=', bankId)
    .where('quarter', '=', quarter)
    .where('applied_claim_id', 'is', null)
    .where('loan_id', 'in', loanIds)
    .orderBy('id')
    .forUpdate()
    .execute();
  const byLoan = new Map<string, number>();
  for (const r of rows) byLoan.set(r.loan_id, (byLoan.get(r.loan_id) ?? 0) + Number(r.amount_minor));
  return { byLoan, ids: rows.map((r) => r.id) };
}

/** Marks exactly these adjustments as settled by a claim (once: the database refuses a second time). */
export async function applyAdjustments(trx: Db, claimId: string, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  await trx
    .updateTable('subsidy_adjustments')
    .set({ applied_claim_id: claimId })
    .where('applied_claim_id', 'is', null)
    .where('id', 'in', [...ids])
    .execute();
}

/**
 * Which earlier-quarter adjustments a payment settles: every one owed to the bank, and those owed
 * back while the approved amount can carry them, oldest first; the rest wait for the next claim.
 */
export function adjustmentsThatFit(
  approvedMinor: number,
  pending: readonly SubsidyAdjustment[],
): { taken: SubsidyAdjustment[]; netMinor: number } {
  const taken = pending.filter((a) => a.amountMinor > 0);
  let net = approvedMinor + taken.reduce((s, a) => s + a.amountMinor, 0);
  for (const a of pending)
    if (a.amountMinor < 0 && net + a.amountMinor >= 0) {
      taken.push(a);
      net += a.amountMinor;
    }
  return { taken, netMinor: net - approvedMinor };
}

import type { Deps } from '../../deps.ts';
import type { ClaimStatus } from './loans.table.ts';

type Db = Deps['db'];

/** A claim locked for a decision or a payment, with what the rules read of it. */
export type LockedClaim = {
  bankId: string;
  quarter: string;
  status: ClaimStatus;
  claimedMinor: number;
  approvedMinor: number | null;
};

export async function lockClaim(trx: Db, id: string): Promise<LockedClaim | undefined> {
  const c = await trx
    .selectFrom('subsidy_claims')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!c) return undefined;
  return {
    bankId: c.bank_id,
    quarter: c.quarter,
    status: c.status,
    claimedMinor: c.claimed_minor,
    approvedMinor: c.approved_minor,
  };
}

/** Records the admin's decision on a claim still open to one; false when it is not. */
export async function setClaimDecision(
  trx: Db,
  id: string,
  d: { status: ClaimStatus; approvedMinor: number | null; note: string | null; decidedAt: Date },
): Promise<boolean> {
  const res = await trx
    .updateTable('subsidy_claims')
    .set({
      status: d.status,
      approved_minor: d.approvedMinor,
      decision_note: d.note,
      decided_at: d.decidedAt,
    })
    .where('id', '=', id)
    .where('status', 'in', ['reconciled', 'disputed'])
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The clawbacks attached to a claim, oldest first (the order they are deducted in). */
export async function listAttachedClawbacks(
  trx: Db,
  claimId: string,
): Promise<{ id: string; amountMinor: number }[]> {
  const rows = await trx
    .selectFrom('subsidy_clawbacks')
    .select(['id', 'amount_minor'])
    .where('applied_claim_id', '=', claimId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((k) => ({ id: k.id, amountMinor: Number(k.amount_minor) }));
}

export async function detachClawbacks(trx: Db, claimId: string): Promise<void> {
  await trx
    .updateTable('subsidy_clawbacks')
    .set({ applied_claim_id: null })
    .where('applied_claim_id', '=', claimId)
    .execute();
}

/** No statement when there are none to attach. */
export async function attachClawbacks(trx: Db, claimId: string, clawbackIds: string[]): Promise<void> {
  if (!clawbackIds.length) return;
  await trx
    .updateTable('subsidy_clawbacks')
    .set({ applied_claim_id: claimId })
    .where('id', 'in', clawbackIds)
    .execute();
}

/** Guarded by the status the caller read under its lock. */
export async function markClaimPaid(
  trx: Db,
  id: string,
  from: ClaimStatus,
  p: { paidMinor: number; clawbackMinor: number; adjustmentMinor: number; paidOn: string; reference: string },
): Promise<void> {
  await trx
    .updateTable('subsidy_claims')
    .set({
      status: 'paid',
      adjustment_minor: p.adjustmentMinor,
      paid_minor: p.paidMinor,
      clawback_minor: p.clawbackMinor,
      paid_on: p.paidOn,
      payment_reference: p.reference,
    })
    .where('id', '=', id)
    .where('status', '=', from)
    .execute();
}

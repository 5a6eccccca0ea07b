import type { Deps } from '../../deps.ts';
import type { Claim } from './claims.schema.ts';
import type { ClaimOutcome } from './loans.table.ts';

type Db = Deps['db'];

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
    })),
  };
}

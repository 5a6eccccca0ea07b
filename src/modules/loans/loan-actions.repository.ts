import type { Deps } from '../../deps.ts';

export type LoanAction = {
  id: string;
  loanId: string;
  kind: 'write_off' | 'reschedule';
  status: 'requested' | 'approved' | 'rejected';
  reason: string;
  tenorMonths: number | null;
  firstRepaymentDate: string | null;
  repaymentDay: number | null;
  amountMinor: number | null;
  decisionNote: string | null;
  requestedAt: string;
};

type Db = Deps['db'];

/** One write-off or reschedule request. */
export async function loadAction(db: Db, id: string): Promise<LoanAction | null> {
  const r = await db.selectFrom('loan_actions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    loanId: r.loan_id,
    kind: r.kind,
    status: r.status,
    reason: r.reason,
    tenorMonths: r.tenor_months,
    firstRepaymentDate: r.first_repayment_date,
    repaymentDay: r.repayment_day,
    amountMinor: r.amount_minor,
    decisionNote: r.decision_note,
    requestedAt: r.requested_at.toISOString(),
  };
}

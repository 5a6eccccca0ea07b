import type { Deps } from '../../deps.ts';

export type ScheduleVersionLine = {
  number: number;
  dueDate: string;
  principalMinor: number;
  paidMinor: number;
};

export type LoanAction = {
  id: string;
  loanId: string;
  applicationReference: string;
  bankCode: string;
  kind: 'write_off' | 'reschedule' | 'write_off_reversal';
  status: 'requested' | 'approved' | 'rejected';
  reason: string;
  tenorMonths: number | null;
  firstRepaymentDate: string | null;
  repaymentDay: number | null;
  amountMinor: number | null;
  outstandingMinor: number;
  decisionNote: string | null;
  requestedAt: string;
  requestedBy: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  /** For an approved reschedule or write-off: the schedule as it stood just before. */
  previousSchedule: ScheduleVersionLine[] | null;
};

type Db = Deps['db'];

function actionsQuery(db: Db) {
  return db
    .selectFrom('loan_actions as a')
    .innerJoin('loans as l', 'l.id', 'a.loan_id')
    .innerJoin('applications as app', 'app.id', 'l.application_id')
    .innerJoin('organizations as bank', 'bank.id', 'l.bank_id')
    .leftJoin('users as rq', 'rq.id', 'a.requested_by')
    .leftJoin('api_keys as k', 'k.id', 'a.requested_by_api_key')
    .leftJoin('users as dc', 'dc.id', 'a.decided_by')
    .selectAll('a')
    .select([
      'app.reference as application_reference',
      'bank.code as bank_code',
      'l.disbursed_minor',
      'l.repaid_minor',
      'l.written_off_minor',
      'rq.name as requested_by_name',
      'k.name as api_key_name',
      'dc.name as decided_by_name',
    ]);
}

type ActionRow = Awaited<ReturnType<ReturnType<typeof actionsQuery>['executeTakeFirstOrThrow']>>;

function toAction(r: ActionRow): LoanAction {
  return {
    id: r.id,
    loanId: r.loan_id,
    applicationReference: r.application_reference,
    bankCode: r.bank_code,
    kind: r.kind,
    status: r.status,
    reason: r.reason,
    tenorMonths: r.tenor_months,
    firstRepaymentDate: r.first_repayment_date,
    repaymentDay: r.repayment_day,
    amountMinor: r.amount_minor,
    outstandingMinor: r.disbursed_minor - r.repaid_minor - r.written_off_minor,
    decisionNote: r.decision_note,
    requestedAt: r.requested_at.toISOString(),
    requestedBy: r.requested_by_name ?? (r.api_key_name ? `${r.bank_code} API: ${r.api_key_name}` : null),
    decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
    decidedBy: r.decided_by_name,
    previousSchedule: (r.previous_schedule as ScheduleVersionLine[] | null) ?? null,
  };
}

/** One write-off or reschedule request. */
export async function loadAction(db: Db, id: string): Promise<LoanAction | null> {
  const r = await actionsQuery(db).where('a.id', '=', id).executeTakeFirst();
  return r ? toAction(r) : null;
}

/** Requests waiting for the programme, oldest first; a bank's own only when bankId is given. */
export async function listPending(db: Db, bankId?: string): Promise<LoanAction[]> {
  let q = actionsQuery(db).where('a.status', '=', 'requested').orderBy('a.requested_at');
  if (bankId !== undefined) q = q.where('l.bank_id', '=', bankId);
  return (await q.execute()).map(toAction);
}

/** Every request on one loan, newest first: the loan's history of reschedules and write-offs. */
export async function listLoanActions(db: Db, loanId: string): Promise<LoanAction[]> {
  const rows = await actionsQuery(db)
    .where('a.loan_id', '=', loanId)
    .orderBy('a.requested_at', 'desc')
    .execute();
  return rows.map(toAction);
}

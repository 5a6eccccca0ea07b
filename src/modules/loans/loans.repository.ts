import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Instalment } from './loan-schedule.ts';
import type { Loan, LoanSummary } from './loans.schema.ts';
import type { LoansTable } from './loans.table.ts';

type Db = Kysely<Database>;
export type LoanRow = Selectable<LoansTable>;

export async function findLoanRow(db: Db, id: string, forUpdate = false): Promise<LoanRow | undefined> {
  let q = db.selectFrom('loans').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

function summaryQuery(db: Db) {
  return db
    .selectFrom('loans')
    .innerJoin('organizations as bank', 'bank.id', 'loans.bank_id')
    .innerJoin('applications as app', 'app.id', 'loans.application_id')
    .selectAll('loans')
    .select(['bank.code as bank_code', 'app.reference as application_reference']);
}

type SummaryRow = LoanRow & { bank_code: string; application_reference: string };

export function toLoanSummary(r: SummaryRow): LoanSummary {
  return {
    id: r.id,
    applicationId: r.application_id,
    applicationReference: r.application_reference,
    ownerId: r.owner_id,
    bankId: r.bank_id,
    bankCode: r.bank_code,
    provinceCode: r.province_code,
    status: r.status,
    requestedMinor: r.requested_minor,
    sanctionedMinor: r.sanctioned_minor,
    disbursedMinor: r.disbursed_minor,
    repaidMinor: r.repaid_minor,
    outstandingMinor: r.disbursed_minor - r.repaid_minor - r.written_off_minor,
    daysPastDue: r.days_past_due,
    arrearsBucket: r.arrears_bucket,
    sbpClass: r.sbp_class as LoanSummary['sbpClass'],
    requestedAt: r.requested_at.toISOString(),
  };
}

export async function listLoanSummaries(
  db: Db,
  filter: { ownerId?: string; bankId?: string; status?: LoanSummary['status'] },
): Promise<LoanSummary[]> {
  let q = summaryQuery(db).orderBy('loans.requested_at', 'desc');
  if (filter.ownerId) q = q.where('loans.owner_id', '=', filter.ownerId);
  if (filter.bankId) q = q.where('loans.bank_id', '=', filter.bankId);
  if (filter.status) q = q.where('loans.status', '=', filter.status);
  return (await q.execute()).map(toLoanSummary);
}

/** A schedule's lines written for a loan (a tranche's schedule, a reschedule), with the day each was scheduled. */
export async function insertInstalments(db: Db, loanId: string, lines: readonly Instalment[]): Promise<void> {
  if (!lines.length) return;
  await db
    .insertInto('loan_instalments')
    .values(
      lines.map((l) => ({
        loan_id: loanId,
        number: l.number,
        due_date: l.dueDate,
        principal_minor: l.principalMinor,
        scheduled_date: l.scheduledDate ?? null,
      })),
    )
    .execute();
}

/** The whole loan as its owner, bank and the programme see it. */
export async function loadLoan(db: Db, id: string): Promise<Loan | null> {
  const row = await summaryQuery(db).where('loans.id', '=', id).executeTakeFirst();
  if (!row) return null;
  const [instalments, disbursements, repayments, subsidy, reversed, adjusted] = await Promise.all([
    db.selectFrom('loan_instalments').selectAll().where('loan_id', '=', id).orderBy('number').execute(),
    db
      .selectFrom('loan_disbursements')
      .selectAll()
      .where('loan_id', '=', id)
      .orderBy('disbursed_on')
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('loan_repayments')
      .selectAll()
      .where('loan_id', '=', id)
      .orderBy('paid_on')
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('subsidy_accruals')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_minor'), eb.lit(0)).as('total'))
      .where('loan_id', '=', id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('loan_reversals')
      .select('entry_id')
      .where('loan_id', '=', id)
      .where('status', '=', 'approved')
      .execute(),
    db
      .selectFrom('subsidy_adjustments')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_minor'), eb.lit(0)).as('total'))
      .where('loan_id', '=', id)
      .executeTakeFirstOrThrow(),
  ]);
  const isReversed = new Set(reversed.map((r) => r.entry_id));
  const next = instalments.find((i) => i.paid_minor < i.principal_minor);
  return {
    ...toLoanSummary(row),
    tenorMonths: row.tenor_months,
    graceMonths: row.grace_months,
    repaymentDay: row.repayment_day,
    firstRepaymentDate: row.first_repayment_date,
    writtenOffMinor: row.written_off_minor,
    declineReason: row.decline_reason,
    firstDisbursedOn: row.first_disbursed_on,
    closedOn: row.closed_on,
    classifiedLossOn: row.classified_loss_on,
    nextDue: next ? { dueDate: next.due_date, amountMinor: next.principal_minor - next.paid_minor } : null,
    subsidyAccruedMinor: Number(subsidy.total) + Number(adjusted.total),
    subsidyAdjustedMinor: Number(adjusted.total),
    instalments: instalments.map((i) => ({
      number: i.number,
      dueDate: i.due_date,
      principalMinor: i.principal_minor,
      paidMinor: i.paid_minor,
      status: i.status,
      ...(i.scheduled_date ? { scheduledDate: i.scheduled_date } : {}),
    })),
    disbursements: disbursements.map((d) => ({
      id: d.id,
      amountMinor: d.amount_minor,
      disbursedOn: d.disbursed_on,
      bankReference: d.bank_reference,
      reversed: isReversed.has(d.id),
    })),
    repayments: repayments.map((r) => ({
      id: r.id,
      amountMinor: r.amount_minor,
      paidOn: r.paid_on,
      bankReference: r.bank_reference,
      allocation: r.allocation,
      excessMinor: r.excess_minor,
      reversed: isReversed.has(r.id),
    })),
  };
}

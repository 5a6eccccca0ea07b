import { sql } from 'kysely';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { invalidField } from '../../shared/errors.ts';
import { addDays, isIsoDate, karachiDate } from '../../shared/time.ts';
import { assertCanSee } from './loan-access.ts';
import { rulesOn } from './loan-rules.service.ts';
import { findLoanRow } from './loans.repository.ts';

const kinds = [
  'disbursement',
  'repayment',
  'repayment_reversal',
  'disbursement_reversal',
  'write_off',
] as const;

export const StatementLineSchema = z
  .object({
    valueDate: z.string().describe('The day the movement counts from'),
    postedOn: z.string().describe('The day it was entered (later than the value date when back-dated)'),
    kind: z.enum(kinds),
    reference: z.string().nullable(),
    debitMinor: z.number().int().describe('Principal added (a tranche, a reversed repayment)'),
    creditMinor: z
      .number()
      .int()
      .describe('Principal reduced (a repayment, a reversed tranche, a write-off)'),
    balanceMinor: z.number().int().describe('Principal outstanding after this line'),
  })
  .meta({ id: 'LoanStatementLine' });

export const StatementSchema = z
  .object({
    loanId: z.string().uuid(),
    applicationReference: z.string(),
    bankCode: z.string(),
    ownerName: z.string(),
    from: z.string(),
    to: z.string(),
    openingMinor: z.number().int().describe('Principal outstanding at the end of the day before `from`'),
    closingMinor: z.number().int().describe('Principal outstanding at the end of `to`'),
    disbursedMinor: z.number().int(),
    repaidMinor: z.number().int().describe('Repayments less repayments reversed, in the period'),
    arrearsMinor: z
      .number()
      .int()
      .describe('Instalments fallen due by `to` and not covered by what was repaid by then'),
    subsidyAccruedMinor: z
      .number()
      .int()
      .describe('Markup the programme bore on the owner’s behalf for the days of the period'),
    subsidyAdjustedMinor: z
      .number()
      .int()
      .describe('Adjustments made in the period for earlier days (back-dated entries, corrections)'),
    lines: z.array(StatementLineSchema),
    generatedAt: z.string(),
  })
  .meta({ id: 'LoanStatement' });
export type Statement = z.infer<typeof StatementSchema>;

export const StatementQuerySchema = z.object({
  from: z.string().describe('First day, YYYY-MM-DD (default: the first disbursement)').optional(),
  to: z.string().describe('Last day, YYYY-MM-DD (default: yesterday)').optional(),
  lang: z.enum(['en', 'ur']).default('en').describe('Language of the PDF'),
});

/**
 * The borrower's period statement (issue 19), for the owner, the loan's bank and programme staff:
 * every principal movement by value date with the day it was posted, opening and closing
 * balances, arrears at the end, and the markup the programme bore. Read from the ledger, so a
 * reversal shows as its own line and a back-dated entry where its value date puts it.
 */
export async function loanStatement(
  deps: Deps,
  actor: Actor,
  loanId: string,
  q: { from?: string | undefined; to?: string | undefined },
): Promise<Statement> {
  const loan = await findLoanRow(deps.db, loanId);
  assertCanSee(actor, loan);
  const today = karachiDate(deps.clock.now());
  const to = q.to ?? addDays(today, -1);
  const from = q.from ?? loan.first_disbursed_on ?? to;
  if (!isIsoDate(from)) throw invalidField('from', 'must be a date, YYYY-MM-DD');
  if (!isIsoDate(to)) throw invalidField('to', 'must be a date, YYYY-MM-DD');
  if (from > to) throw invalidField('from', 'must not be after `to`');
  if (to >= today) throw invalidField('to', 'must be a day that has ended');
  const db = deps.db;
  const head = await db
    .selectFrom('loans as l')
    .innerJoin('applications as a', 'a.id', 'l.application_id')
    .innerJoin('organizations as o', 'o.id', 'l.bank_id')
    .innerJoin('users as u', 'u.id', 'l.owner_id')
    .select(['a.reference', 'o.code', 'u.name'])
    .where('l.id', '=', loanId)
    .executeTakeFirstOrThrow();
  const moves = await sql<{
    on: string;
    posted: string;
    kind: (typeof kinds)[number];
    net: string;
    ref: string | null;
  }>`
    SELECT t.occurred_on::text AS on, (t.created_at AT TIME ZONE 'Asia/Karachi')::date::text AS posted, t.kind,
           sum(e.debit_minor - e.credit_minor)::text AS net,
           coalesce((SELECT d.bank_reference FROM loan_disbursements d WHERE d.ledger_transaction_id = t.id),
                    (SELECT r.bank_reference FROM loan_repayments r WHERE r.ledger_transaction_id = t.id),
                    (SELECT coalesce(d.bank_reference, r.bank_reference) FROM loan_reversals v
                       LEFT JOIN loan_disbursements d ON d.id = v.entry_id AND v.entry_kind = 'disbursement'
                       LEFT JOIN loan_repayments r ON r.id = v.entry_id AND v.entry_kind = 'repayment'
                      WHERE v.ledger_transaction_id = t.id)) AS ref
      FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id
     WHERE e.loan_id = ${loanId} AND e.account = 'loan_principal' AND t.occurred_on <= ${to}::date
     GROUP BY t.id ORDER BY t.occurred_on, t.created_at`.execute(db);
  let balance = 0;
  let opening = 0;
  let disbursed = 0;
  let repaid = 0;
  const lines: Statement['lines'] = [];
  for (const m of moves.rows) {
    const net = Number(m.net);
    balance += net;
    if (m.on < from) {
      opening = balance;
      continue;
    }
    if (m.kind === 'disbursement' || m.kind === 'disbursement_reversal') disbursed += net;
    if (m.kind === 'repayment' || m.kind === 'repayment_reversal') repaid -= net;
    lines.push({
      valueDate: m.on,
      postedOn: m.posted,
      kind: m.kind,
      reference: m.ref,
      debitMinor: Math.max(net, 0),
      creditMinor: Math.max(-net, 0),
      balanceMinor: balance,
    });
  }
  // In arrears at the end: instalments overdue on `to`, i.e. past their grace days in force then
  // (the close of business's rule): an instalment still within its grace is due, not in arrears.
  const { graceDays } = await rulesOn(db, to);
  const figures = await sql<{ due: string; paid: string; accrued: string; adjusted: string }>`
    SELECT
      (SELECT coalesce(sum(principal_minor), 0) FROM loan_instalments
        WHERE loan_id = ${loanId} AND due_date + ${graceDays}::int < ${to}::date)::text AS due,
      (SELECT coalesce(sum(e.credit_minor - e.debit_minor), 0) FROM ledger_entries e
         JOIN ledger_transactions t ON t.id = e.transaction_id
        WHERE e.loan_id = ${loanId} AND e.account = 'loan_principal'
          AND t.kind IN ('repayment', 'repayment_reversal') AND t.occurred_on <= ${to}::date)::text AS paid,
      (SELECT coalesce(sum(amount_minor), 0) FROM subsidy_accruals
        WHERE loan_id = ${loanId} AND day BETWEEN ${from}::date AND ${to}::date)::text AS accrued,
      (SELECT coalesce(sum(amount_minor), 0) FROM subsidy_adjustments
        WHERE loan_id = ${loanId}
          AND (created_at AT TIME ZONE 'Asia/Karachi')::date BETWEEN ${from}::date AND ${to}::date)::text AS adjusted`.execute(
    db,
  );
  const f = figures.rows[0]!;
  return {
    loanId,
    applicationReference: head.reference,
    bankCode: head.code,
    ownerName: head.name,
    from,
    to,
    openingMinor: opening,
    closingMinor: balance,
    disbursedMinor: disbursed,
    repaidMinor: repaid,
    arrearsMinor: Math.max(0, Number(f.due) - Number(f.paid)),
    subsidyAccruedMinor: Number(f.accrued),
    subsidyAdjustedMinor: Number(f.adjusted),
    lines,
    generatedAt: deps.clock.now().toISOString(),
  };
}

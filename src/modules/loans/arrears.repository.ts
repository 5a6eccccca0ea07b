import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { bucketCase, bucketsOn, classCase } from './arrears-buckets.service.ts';
import { rulesOn } from './loan-rules.service.ts';

/**
 * Instalment status and arrears ageing as of a day, set-based: for every live loan (the close of
 * business) or one loan (after a repayment). Days past due are counted from the oldest unpaid
 * instalment due before the day; an instalment falling due on the day is 'due', not yet late.
 *
 * Index-friendly (decision 0009): only the instalments whose status can differ from the day's are
 * read (not yet overdue but due by the day; due or overdue but not yet due, each through a partial
 * index; paid in full and not marked paid, or the reverse), and days past due come from
 * the unpaid instalments fallen due, not from a subquery per loan. Returns how many instalments
 * and loans changed.
 */
/** An instalment whose status became 'overdue' in this refresh. */
export type NewlyOverdue = { loanId: string; number: number; dueDate: string; unpaidMinor: number };

export async function refreshArrears(
  trx: Kysely<Database>,
  asOf: string,
  loanId?: string,
  /** Collects the instalments that became overdue (for the domain events the close of business records). */
  newlyOverdue?: NewlyOverdue[],
): Promise<number> {
  const oneLoan = loanId ? sql`AND l.id = ${loanId}` : sql``;
  // Grace days (effective-dated loan rules, decision 0035): an instalment stays 'due' and the loan
  // current until the grace has passed; then days past due count from the due date itself.
  const grace = (await rulesOn(trx, asOf)).graceDays;
  // Bucket boundaries (decision 0062): the version in force on the day.
  const buckets = await bucketsOn(trx, asOf);
  const status = sql`CASE WHEN i.paid_minor >= i.principal_minor THEN 'paid'
                    WHEN i.due_date + ${grace}::int < ${asOf}::date THEN 'overdue'
                    WHEN i.due_date <= ${asOf}::date THEN 'due'
                    ELSE 'scheduled' END`;
  // One statement per kind of candidate, so the first two are read through their partial indexes
  // (an OR of the three is planned as a scan of every instalment). The third, a paid flag out of
  // step with the amounts, is rare but has no usable estimate and is a scan.
  const candidates = [
    sql`i.status IN ('scheduled', 'due') AND i.due_date <= ${asOf}::date`,
    sql`i.status IN ('due', 'overdue') AND i.due_date >= ${asOf}::date - ${grace}::int`,
    sql`(i.paid_minor >= i.principal_minor) <> (i.status = 'paid')`,
  ];
  let instalments = 0;
  for (const [n, candidate] of candidates.entries()) {
    // The first kind is where instalments fall overdue: it says which, when the caller asks.
    const returning =
      n === 0 && newlyOverdue
        ? sql`RETURNING i.loan_id, i.number, i.due_date::text AS due_date, i.principal_minor - i.paid_minor AS unpaid, i.status`
        : sql``;
    const r = await sql<{
      loan_id: string;
      number: number;
      due_date: string;
      unpaid: number | string;
      status: string;
    }>`
      UPDATE loan_instalments AS i
         SET status = ${status}
        FROM loans l
       WHERE l.id = i.loan_id AND l.status IN ('active', 'loss', 'closed') ${oneLoan}
         AND ${candidate} AND i.status <> ${status} ${returning}`.execute(trx);
    instalments += Number(r.numAffectedRows ?? r.rows.length);
    for (const row of r.rows)
      if (row.status === 'overdue')
        newlyOverdue?.push({
          loanId: row.loan_id,
          number: row.number,
          dueDate: row.due_date,
          unpaidMinor: Number(row.unpaid),
        });
  }
  const res = await sql`
    UPDATE loans AS l
       SET days_past_due = d.dpd, arrears_bucket = d.bucket, sbp_class = d.class
      FROM (SELECT e.id, e.dpd, ${bucketCase(sql`e.dpd`, buckets)} AS bucket,
                   ${classCase(sql`e.dpd`, buckets)} AS class FROM (
        SELECT l2.id, CASE WHEN ${asOf}::date - u.oldest > ${grace}::int THEN ${asOf}::date - u.oldest
                           ELSE 0 END AS dpd
          FROM loans l2
          LEFT JOIN (SELECT i.loan_id, min(i.due_date) AS oldest FROM loan_instalments i
                      WHERE i.paid_minor < i.principal_minor AND i.due_date < ${asOf}::date
                        ${loanId ? sql`AND i.loan_id = ${loanId}` : sql``}
                      GROUP BY i.loan_id) u ON u.loan_id = l2.id
         WHERE l2.status IN ('active', 'loss', 'closed') ${loanId ? sql`AND l2.id = ${loanId}` : sql``}
      ) AS e) AS d
     WHERE l.id = d.id
       AND (l.days_past_due <> d.dpd OR l.arrears_bucket <> d.bucket OR l.sbp_class <> d.class)`.execute(trx);
  return instalments + Number(res.numAffectedRows ?? 0);
}

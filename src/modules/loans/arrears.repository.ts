import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';

/**
 * Instalment status and arrears ageing as of a day, set-based: for every live loan (the close of
 * business) or one loan (after a repayment). Days past due are counted from the oldest unpaid
 * instalment due before the day; an instalment falling due on the day is 'due', not yet late.
 */
/** Returns how many instalments and loans changed. */
export async function refreshArrears(trx: Kysely<Database>, asOf: string, loanId?: string): Promise<number> {
  const oneLoan = loanId ? sql`AND l.id = ${loanId}` : sql``;
  const inst = await sql`
    UPDATE loan_instalments AS i
       SET status = s.status
      FROM (
        SELECT i2.loan_id, i2.number,
               CASE WHEN i2.paid_minor >= i2.principal_minor THEN 'paid'
                    WHEN i2.due_date < ${asOf}::date THEN 'overdue'
                    WHEN i2.due_date = ${asOf}::date THEN 'due'
                    ELSE 'scheduled' END AS status
          FROM loan_instalments i2
          JOIN loans l ON l.id = i2.loan_id
         WHERE l.status IN ('active', 'loss', 'closed') ${oneLoan}
      ) AS s
     WHERE i.loan_id = s.loan_id AND i.number = s.number AND i.status <> s.status`.execute(trx);
  const res = await sql`
    UPDATE loans AS l
       SET days_past_due = d.dpd,
           arrears_bucket = CASE WHEN d.dpd <= 0 THEN 'current'
                                 WHEN d.dpd <= 30 THEN '1-30'
                                 WHEN d.dpd <= 60 THEN '31-60'
                                 WHEN d.dpd <= 90 THEN '61-90'
                                 WHEN d.dpd <= 180 THEN '91-180'
                                 ELSE '180+' END
      FROM (
        SELECT l2.id,
               coalesce(${asOf}::date - (
                 SELECT min(i.due_date) FROM loan_instalments i
                  WHERE i.loan_id = l2.id AND i.paid_minor < i.principal_minor AND i.due_date < ${asOf}::date
               ), 0) AS dpd
          FROM loans l2
         WHERE l2.status IN ('active', 'loss', 'closed') ${loanId ? sql`AND l2.id = ${loanId}` : sql``}
      ) AS d
     WHERE l.id = d.id AND l.days_past_due <> d.dpd`.execute(trx);
  return Number(inst.numAffectedRows ?? 0) + Number(res.numAffectedRows ?? 0);
}

import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';

export type LedgerVerifyResult = {
  ok: boolean;
  transactions: number;
  entries: number;
  debitsMinor: number;
  creditsMinor: number;
  problems: string[];
};

/**
 * The ledger's invariants, checked from the entries alone: every transaction balances; each loan's
 * principal account equals what was disbursed less what was repaid and what its schedule still
 * shows outstanding (a written-off loan's schedule is history); the subsidy payable the close of
 * business posted for each bank equals its loans' accruals; what is owed back to each owner equals
 * what its repayments brought in above the outstanding.
 */
export async function verifyLedger(deps: Deps): Promise<LedgerVerifyResult> {
  const db = deps.db;
  const totals = await sql<{ t: number; e: number; d: string; c: string }>`
    SELECT (SELECT count(*)::int FROM ledger_transactions) AS t, count(*)::int AS e,
           coalesce(sum(debit_minor), 0)::text AS d, coalesce(sum(credit_minor), 0)::text AS c
      FROM ledger_entries`.execute(db);
  const unbalanced = await sql<{ transaction_id: string; diff: string }>`
    SELECT transaction_id, (sum(debit_minor) - sum(credit_minor))::text AS diff
      FROM ledger_entries GROUP BY transaction_id HAVING sum(debit_minor) <> sum(credit_minor)
     LIMIT 50`.execute(db);
  const loans = await sql<{ id: string; ledger: string; book: string; schedule: string; status: string }>`
    SELECT l.id,
           coalesce((SELECT sum(debit_minor - credit_minor) FROM ledger_entries e
                      WHERE e.loan_id = l.id AND e.account = 'loan_principal'), 0)::text AS ledger,
           (l.disbursed_minor - l.repaid_minor - l.written_off_minor)::text AS book,
           l.status,
           coalesce((SELECT sum(principal_minor - paid_minor) FROM loan_instalments i WHERE i.loan_id = l.id), 0)::text AS schedule
      FROM loans l WHERE l.disbursed_minor > 0`.execute(db);
  // The close of business posts the day's subsidy per bank (decision 0009); the per-loan detail is
  // in subsidy_accruals, so the payable it posted for each bank must equal that bank's accruals.
  const subsidy = await sql<{ bank_id: string; ledger: string; accrued: string }>`
    SELECT a.bank_id, coalesce(e.total, 0)::text AS ledger, a.total::text AS accrued
      FROM (SELECT bank_id, sum(amount_minor) AS total FROM subsidy_accruals GROUP BY bank_id) a
      LEFT JOIN (SELECT e.bank_id, sum(e.credit_minor - e.debit_minor) AS total
                   FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
                  WHERE t.kind = 'subsidy_accrual' AND e.account = 'subsidy_payable'
                  GROUP BY e.bank_id) e ON e.bank_id = a.bank_id
     WHERE coalesce(e.total, 0) <> a.total`.execute(db);
  // Subsidy adjustments (decision 0035) post their own transactions: per bank, equal to the rows.
  const adjustments = await sql<{ bank_id: string; ledger: string; adjusted: string }>`
    SELECT a.bank_id, coalesce(e.total, 0)::text AS ledger, a.total::text AS adjusted
      FROM (SELECT bank_id, sum(amount_minor) AS total FROM subsidy_adjustments GROUP BY bank_id) a
      LEFT JOIN (SELECT e.bank_id, sum(e.credit_minor - e.debit_minor) AS total
                   FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
                  WHERE t.kind = 'subsidy_adjustment' AND e.account = 'subsidy_payable'
                  GROUP BY e.bank_id) e ON e.bank_id = a.bank_id
     WHERE coalesce(e.total, 0) <> a.total`.execute(db);
  const refunds = await sql<{ loan_id: string; ledger: string; excess: string }>`
    SELECT r.loan_id, coalesce(e.total, 0)::text AS ledger, r.total::text AS excess
      FROM (SELECT loan_id, sum(excess_minor) AS total FROM loan_repayments p
             WHERE NOT EXISTS (SELECT 1 FROM loan_reversals v WHERE v.entry_kind = 'repayment'
                                  AND v.entry_id = p.id AND v.status = 'approved')
             GROUP BY loan_id) r
      LEFT JOIN (SELECT loan_id, sum(credit_minor - debit_minor) AS total FROM ledger_entries
                  WHERE account = 'owner_refund_payable' GROUP BY loan_id) e ON e.loan_id = r.loan_id
     WHERE coalesce(e.total, 0) <> r.total`.execute(db);
  const problems = [
    ...unbalanced.rows.map((r) => `transaction ${r.transaction_id} is off by ${r.diff} paisa`),
    ...loans.rows
      .filter((r) => r.ledger !== r.book || (r.status !== 'written_off' && r.book !== r.schedule))
      .map(
        (r) =>
          `loan ${r.id}: ledger ${r.ledger}, disbursed − repaid ${r.book}, schedule outstanding ${r.schedule}`,
      ),
    ...subsidy.rows.map(
      (r) => `bank ${r.bank_id}: subsidy payable posted ${r.ledger} ≠ accrued ${r.accrued}`,
    ),
    ...adjustments.rows.map(
      (r) => `bank ${r.bank_id}: subsidy adjustments posted ${r.ledger} ≠ adjusted ${r.adjusted}`,
    ),
    ...refunds.rows.map(
      (r) => `loan ${r.loan_id}: owed back to the owner ${r.ledger} ≠ repaid in excess ${r.excess}`,
    ),
  ];
  const t = totals.rows[0]!;
  return {
    ok: problems.length === 0 && t.d === t.c,
    transactions: t.t,
    entries: t.e,
    debitsMinor: Number(t.d),
    creditsMinor: Number(t.c),
    problems,
  };
}

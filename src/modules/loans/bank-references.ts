import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';

type Db = Deps['db'];

/**
 * A bank reference on a loan's repayments or tranches (decision 0084): whether an entry not
 * reversed still holds it, and the generation a new entry under it takes — how many entries under
 * it were reversed. Called with the loan row locked, so two posts cannot both take the same one;
 * the UNIQUE (loan_id, bank_reference, reference_generation) constraint backs that up.
 */
export async function referenceUse(
  db: Db,
  kind: 'repayment' | 'disbursement',
  loanId: string,
  bankReference: string,
): Promise<{ liveId: string | undefined; generation: number }> {
  const table = kind === 'repayment' ? 'loan_repayments' : 'loan_disbursements';
  const { rows } = await sql<{ id: string; reversed: boolean }>`
    SELECT e.id, EXISTS (SELECT 1 FROM loan_reversals v
        WHERE v.entry_kind = ${kind} AND v.entry_id = e.id AND v.status = 'approved') AS reversed
      FROM ${sql.table(table)} e
     WHERE e.loan_id = ${loanId} AND e.bank_reference = ${bankReference}`.execute(db);
  return {
    liveId: rows.find((r) => !r.reversed)?.id,
    generation: rows.filter((r) => r.reversed).length,
  };
}

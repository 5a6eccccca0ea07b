import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { postLedgerTransaction } from '../../platform/ledger.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import type { Clock } from '../../shared/time.ts';
import { karachiDate } from '../../shared/time.ts';

type Candidate = {
  claim_id: string;
  quarter: string;
  bank_id: string;
  loan_id: string;
  cutoff: string;
  reason: string;
  amount: string;
};

/**
 * Finds subsidy that the programme approved (or paid) on a claim line and that is now ineligible
 * because the loan's classification as loss or its closure was dated back into the claimed
 * quarter, and raises each as a clawback (decision 0006): the amount is the line's approved share
 * less what Markaz now finds eligible, less what was already clawed back. Each is posted to the
 * ledger (the bank owes it back; the programme's subsidy expense is reversed) and waits to be
 * deducted from the bank's next claim payment. Set-based; safe to run again: nothing twice.
 */
export async function detectClawbacks(
  trx: Kysely<Database>,
  actor: Actor,
  clock: Clock,
  filter: { loanId?: string } = {},
): Promise<number> {
  const today = karachiDate(clock.now());
  const cut = sql`least(l.classified_loss_on, l.closed_on)`;
  const found = await sql<Candidate>`
    SELECT * FROM (
      SELECT c.id AS claim_id, c.quarter, c.bank_id, cl.loan_id, ${cut}::text AS cutoff,
             CASE WHEN l.classified_loss_on IS NOT NULL AND (l.closed_on IS NULL OR l.classified_loss_on <= l.closed_on)
                  THEN 'classified loss from ' || l.classified_loss_on::text
                  ELSE 'closed on ' || l.closed_on::text END AS reason,
             (least(CASE WHEN c.approved_minor = c.claimed_minor THEN cl.claimed_minor
                         ELSE least(cl.claimed_minor, cl.computed_minor) END,
                    cl.computed_minor - coalesce((
                      SELECT sum(a.amount_minor) FROM subsidy_accruals a
                       WHERE a.loan_id = cl.loan_id AND a.day BETWEEN c.period_start AND c.period_end
                         AND a.day < ${cut}), 0))
              - coalesce((SELECT sum(k.amount_minor) FROM subsidy_clawbacks k
                           WHERE k.source_claim_id = c.id AND k.loan_id = cl.loan_id), 0))::text AS amount
        FROM subsidy_claims c
        JOIN subsidy_claim_lines cl ON cl.claim_id = c.id
        JOIN loans l ON l.id = cl.loan_id
       WHERE c.status IN ('approved', 'partly_approved', 'paid')
         AND ${cut} <= c.period_end
         ${filter.loanId ? sql`AND l.id = ${filter.loanId}` : sql``}
    ) x WHERE amount::bigint > 0
    ORDER BY claim_id, loan_id`.execute(trx);
  if (found.rows.length === 0) return 0;
  const now = clock.now();
  const txId = await postLedgerTransaction(
    trx,
    { kind: 'clawback', loanId: filter.loanId ?? null, occurredOn: today, now },
    found.rows.flatMap((r) => [
      {
        account: 'clawback_receivable' as const,
        bankId: r.bank_id,
        loanId: r.loan_id,
        debitMinor: Number(r.amount),
      },
      {
        account: 'subsidy_expense' as const,
        bankId: r.bank_id,
        loanId: r.loan_id,
        creditMinor: Number(r.amount),
      },
    ]),
  );
  await trx
    .insertInto('subsidy_clawbacks')
    .values(
      found.rows.map((r) => ({
        bank_id: r.bank_id,
        loan_id: r.loan_id,
        source_claim_id: r.claim_id,
        quarter: r.quarter,
        ineligible_from: r.cutoff,
        amount_minor: Number(r.amount),
        reason: r.reason,
        detected_on: today,
        ledger_transaction_id: txId,
        created_at: now,
      })),
    )
    .execute();
  await recordChange(trx, actor, clock, {
    action: 'subsidy_clawback.raised',
    entity: 'ledger_transaction',
    entityId: txId,
    details: {
      clawbacks: found.rows.map((r) => ({
        claimId: r.claim_id,
        loanId: r.loan_id,
        amountMinor: Number(r.amount),
      })),
    },
  });
  return found.rows.length;
}

/**
 * The programme classifies a loan as loss from a date (e.g. when a bank reports a default found
 * late). Subsidy stops from that day; subsidy already approved for later days becomes a clawback.
 */
export async function classifyLoss(
  deps: Deps,
  actor: Actor,
  loanId: string,
  input: { effectiveOn: string; reason: string },
): Promise<{ loanId: string; classifiedLossOn: string; clawbacks: number }> {
  requireRole(actor, 'program_admin');
  const today = karachiDate(deps.clock.now());
  if (input.effectiveOn > today)
    throw invalidField('effectiveOn', 'must not be in the future', 'loss_in_future');
  return inTransaction(deps.db, async (trx) => {
    const loan = await trx
      .selectFrom('loans')
      .select(['status', 'first_disbursed_on', 'classified_loss_on'])
      .where('id', '=', loanId)
      .forUpdate()
      .executeTakeFirst();
    if (!loan) throw notFound('Loan');
    if (loan.status !== 'active' && loan.status !== 'loss')
      throw new AppError(
        'invalid_state',
        `The loan is ${loan.status}; only an active loan is classified loss`,
      );
    if (!loan.first_disbursed_on || input.effectiveOn <= loan.first_disbursed_on)
      throw invalidField('effectiveOn', 'must be after the first disbursement', 'loss_before_disbursement');
    if (loan.classified_loss_on && input.effectiveOn >= loan.classified_loss_on)
      throw invalidField(
        'effectiveOn',
        `must be before the present classification (${loan.classified_loss_on})`,
        'loss_not_earlier',
      );
    await trx
      .updateTable('loans')
      .set({ status: 'loss', classified_loss_on: input.effectiveOn, updated_at: deps.clock.now() })
      .where('id', '=', loanId)
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'loan.classified_loss',
      entity: 'loan',
      entityId: loanId,
      details: { ...input, previous: loan.classified_loss_on },
    });
    const clawbacks = await detectClawbacks(trx, actor, deps.clock, { loanId });
    return { loanId, classifiedLossOn: input.effectiveOn, clawbacks };
  });
}

import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { postLedgerTransaction } from '../../platform/ledger.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import type { Clock } from '../../shared/time.ts';
import { addDays, karachiDate } from '../../shared/time.ts';
import { roundedTotal } from './subsidy.ts';
import { bankRates, batchDays } from './subsidy-adjust.service.ts';
import { correctedNumerators } from './subsidy-recompute.ts';

type Candidate = {
  claim_id: string;
  quarter: string;
  period_start: string;
  bank_id: string;
  loan_id: string;
  cutoff: string;
  reason: string;
  /** The line's approved share plus the quarter's adjustments settled or pending outside this claim. */
  paid: string;
  /** Markaz's figure on the line at filing plus those same adjustments. */
  computed: string;
  /** Accruals posted for the quarter's days before the cutoff (exact when no adjustment touched them). */
  accrued_before: string;
  clawed: string;
  adjusted: boolean;
};

/**
 * Subsidy now eligible on a loan for the days from `periodStart` up to (not including) `cutoff`,
 * recomputed from its history (every principal movement by value date, reversals included, at the
 * rates in force now): the same rule as a back-dated entry's recomputation (decision 0035), so it
 * agrees with the adjustments already posted for those days.
 */
export async function eligibleBefore(
  trx: Kysely<Database>,
  loanId: string,
  bankId: string,
  periodStart: string,
  cutoff: string,
): Promise<number> {
  const first = await trx
    .selectFrom('subsidy_accruals')
    .select((eb) => eb.fn.min('day').as('day'))
    .where('loan_id', '=', loanId)
    .executeTakeFirst();
  const from = first?.day as string | null | undefined;
  if (!from || from >= cutoff) return 0;
  const last = addDays(cutoff, -1);
  const days = await batchDays(trx, from, last);
  const movements = await sql<{ on: string; delta: string }>`
    SELECT t.occurred_on::text AS on, sum(e.debit_minor - e.credit_minor)::text AS delta
      FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
     WHERE e.loan_id = ${loanId} AND e.account = 'loan_principal'
     GROUP BY t.occurred_on`.execute(trx);
  const recorded = await sql<{ day: string; numerator: string; amount: string }>`
    SELECT day::text AS day, numerator::text AS numerator, amount_minor::text AS amount
      FROM subsidy_accruals WHERE loan_id = ${loanId} AND day < ${cutoff} ORDER BY day`.execute(trx);
  const numerators = correctedNumerators({
    from,
    days,
    movements: movements.rows.map((m) => ({ on: m.on, deltaMinor: Number(m.delta) })),
    rateOn: await bankRates(trx, bankId),
    liveOn: (d) => d < cutoff,
    recorded: recorded.rows.map((r) => ({
      day: r.day,
      numerator: BigInt(r.numerator),
      amountMinor: Number(r.amount),
    })),
    adjustments: [],
  });
  let before = 0n;
  let through = 0n;
  for (const [day, n] of numerators) {
    if (day >= cutoff) continue;
    if (day < periodStart) before += n;
    through += n;
  }
  return Number(roundedTotal(through) - roundedTotal(before));
}

/**
 * Finds subsidy that the programme approved (or paid) on a claim line and that is now ineligible
 * because the loan's classification as loss or its closure was dated back into the claimed
 * quarter, and raises each as a clawback (decision 0006). What the bank got for the line is its
 * approved share plus the quarter's subsidy adjustments (back-dated entries, reversals, restated
 * rates) settled or pending outside that claim; what it is owed is the subsidy now eligible for the
 * days before the cutoff. The clawback is the difference, less what was already clawed back, and
 * never more than the bank got. Each is posted to the ledger (the bank owes it back; the programme's
 * subsidy expense is reversed) and waits to be deducted from the bank's next claim payment.
 * Set-based where no adjustment touched the quarter; recomputed per loan where one did. Safe to
 * run again: nothing twice.
 */
export async function detectClawbacks(
  trx: Kysely<Database>,
  actor: Actor,
  clock: Clock,
  filter: { loanId?: string } = {},
): Promise<number> {
  const today = karachiDate(clock.now());
  const cut = sql`least(l.classified_loss_on, l.closed_on)`;
  const candidates = await sql<Candidate>`
    SELECT * FROM (
      SELECT y.*, (y.share + y.later)::text AS paid, (y.line_computed + y.later)::text AS computed
        FROM (
      SELECT c.id AS claim_id, c.quarter, c.period_start::text AS period_start, c.bank_id, cl.loan_id,
             ${cut}::text AS cutoff,
             CASE WHEN l.classified_loss_on IS NOT NULL AND (l.closed_on IS NULL OR l.classified_loss_on <= l.closed_on)
                  THEN 'classified loss from ' || l.classified_loss_on::text
                  ELSE 'closed on ' || l.closed_on::text END AS reason,
             CASE WHEN c.approved_minor = c.claimed_minor THEN cl.claimed_minor
                  ELSE least(cl.claimed_minor, cl.computed_minor) END AS share,
             cl.computed_minor AS line_computed,
             coalesce((SELECT sum(s.amount_minor) FROM subsidy_adjustments s
                        WHERE s.loan_id = cl.loan_id AND s.quarter = c.quarter
                          AND s.applied_claim_id IS DISTINCT FROM c.id), 0) AS later,
             EXISTS (SELECT 1 FROM subsidy_adjustments s
                      WHERE s.loan_id = cl.loan_id AND s.quarter = c.quarter AND s.amount_minor <> 0) AS adjusted,
             coalesce((SELECT sum(a.amount_minor) FROM subsidy_accruals a
                        WHERE a.loan_id = cl.loan_id AND a.day BETWEEN c.period_start AND c.period_end
                          AND a.day < ${cut}), 0)::text AS accrued_before,
             coalesce((SELECT sum(k.amount_minor) FROM subsidy_clawbacks k
                        WHERE k.source_claim_id = c.id AND k.loan_id = cl.loan_id), 0)::text AS clawed
        FROM subsidy_claims c
        JOIN subsidy_claim_lines cl ON cl.claim_id = c.id
        JOIN loans l ON l.id = cl.loan_id
       WHERE c.status IN ('approved', 'partly_approved', 'paid')
         AND ${cut} <= c.period_end
         ${filter.loanId ? sql`AND l.id = ${filter.loanId}` : sql``}
        ) y
    ) x
     WHERE x.share + x.later - x.clawed::bigint > 0
       AND (x.adjusted OR least(x.share + x.later, x.line_computed + x.later - x.accrued_before::bigint) - x.clawed::bigint > 0)
    ORDER BY claim_id, loan_id`.execute(trx);
  const found: (Candidate & { amount: number })[] = [];
  for (const r of candidates.rows) {
    const eligible = r.adjusted
      ? await eligibleBefore(trx, r.loan_id, r.bank_id, r.period_start, r.cutoff)
      : Number(r.accrued_before);
    const amount = Math.min(Number(r.paid), Number(r.computed) - eligible) - Number(r.clawed);
    if (amount > 0) found.push({ ...r, amount });
  }
  if (found.length === 0) return 0;
  const now = clock.now();
  const txId = await postLedgerTransaction(
    trx,
    { kind: 'clawback', loanId: filter.loanId ?? null, occurredOn: today, now },
    found.flatMap((r) => [
      {
        account: 'clawback_receivable' as const,
        bankId: r.bank_id,
        loanId: r.loan_id,
        debitMinor: r.amount,
      },
      {
        account: 'subsidy_expense' as const,
        bankId: r.bank_id,
        loanId: r.loan_id,
        creditMinor: r.amount,
      },
    ]),
  );
  await trx
    .insertInto('subsidy_clawbacks')
    .values(
      found.map((r) => ({
        bank_id: r.bank_id,
        loan_id: r.loan_id,
        source_claim_id: r.claim_id,
        quarter: r.quarter,
        ineligible_from: r.cutoff,
        amount_minor: r.amount,
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
      clawbacks: found.map((r) => ({
        claimId: r.claim_id,
        loanId: r.loan_id,
        amountMinor: r.amount,
      })),
    },
  });
  return found.length;
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

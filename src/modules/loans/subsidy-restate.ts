import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { postLedgerTransaction } from '../../platform/ledger.ts';
import type { Clock } from '../../shared/time.ts';
import { karachiDate } from '../../shared/time.ts';
import { quarterOf } from './claim-csv.ts';
import { dailyNumerator, roundedTotal } from './subsidy.ts';
import { type AdjustmentCause, bankRates, batchDays, lastCloseOfBusiness } from './subsidy-adjust.service.ts';
import { outstandingByDay, type PrincipalMovement, type QuarterAdjustment } from './subsidy-recompute.ts';

type Db = Kysely<Database>;

/** One loan's figures, per quarter, as the database sums them (no per-day history read). */
export type QuarterFigures = {
  quarter: string;
  /** Numerators posted for the quarter: accruals plus earlier adjustments. */
  recordedNumerator: bigint;
  /** Paisa posted for the quarter: accruals plus earlier adjustments. */
  postedMinor: number;
  /** Accrual numerators the recomputation keeps: days before its start, or when the loan was not live. */
  keptNumerator: bigint;
};

/**
 * The same rule as `recomputeSubsidy` (decision 0035), fed with per-quarter sums instead of every
 * accrual row, so that thousands of loans are recomputed at once (a benchmark restatement, issue
 * 19). Pure. Each live day from `start` on which the batch ran accrues the principal outstanding
 * at its end at the rate in force; what was posted before `start`, or on days the loan was not
 * live, is kept. Equality with `recomputeSubsidy` is tested.
 */
export function recomputeFromQuarters(h: {
  start: string;
  days: readonly string[];
  movements: readonly PrincipalMovement[];
  rateOn: (day: string) => number | null;
  liveOn: (day: string) => boolean;
  quarters: readonly QuarterFigures[];
}): QuarterAdjustment[] {
  const q = new Map<string, { correct: bigint; recorded: bigint; posted: number }>();
  const of = (quarter: string) => {
    const v = q.get(quarter) ?? { correct: 0n, recorded: 0n, posted: 0 };
    q.set(quarter, v);
    return v;
  };
  for (const f of h.quarters) {
    const v = of(f.quarter);
    v.correct += f.keptNumerator;
    v.recorded += f.recordedNumerator;
    v.posted += f.postedMinor;
  }
  const days = h.days.filter((d) => d >= h.start);
  const outstanding = outstandingByDay(h.movements, days);
  for (const day of days) {
    if (!h.liveOn(day)) continue;
    const rate = h.rateOn(day);
    const o = outstanding.get(day)!;
    if (rate !== null && o > 0) of(quarterOf(day)).correct += dailyNumerator(o, rate);
  }
  const out: QuarterAdjustment[] = [];
  let cum = 0n;
  for (const quarter of [...q.keys()].sort()) {
    const v = q.get(quarter)!;
    const before = roundedTotal(cum);
    cum += v.correct;
    const amountMinor = Number(roundedTotal(cum) - before) - v.posted;
    const numeratorDelta = v.correct - v.recorded;
    if (amountMinor !== 0 || numeratorDelta !== 0n) out.push({ quarter, numeratorDelta, amountMinor });
  }
  return out;
}

const CHUNK = 2000;

/**
 * The previous many-loans path (decision 0046), replaced in service by the set-based
 * `adjustSubsidyForLoans` (`subsidy-restate-sql.ts`, decision 0080) and kept as a second reference
 * for it in tests and for the bench's before/after. Recomputes many loans' subsidy from `from` and
 * posts what differs, per loan and quarter, as subsidy adjustments: set-based reads per chunk of
 * loans, the days recomputed in JS, one balanced ledger transaction per chunk, one insert of the
 * adjustment rows. Runs in the caller's transaction. Returns loans adjusted and net paisa.
 */
export async function adjustSubsidyForLoansChunked(
  trx: Db,
  clock: Clock,
  loanIds: readonly string[],
  from: string,
  cause: AdjustmentCause,
): Promise<{ loans: number; netMinor: number; rows: number }> {
  const today = karachiDate(clock.now());
  const last = await lastCloseOfBusiness(trx, today);
  const result = { loans: 0, netMinor: 0, rows: 0 };
  if (!last || !loanIds.length) return result;
  const rates = new Map<string, (day: string) => number | null>();
  const daysFrom = new Map<string, string[]>();
  const now = clock.now();
  for (let i = 0; i < loanIds.length; i += CHUNK) {
    const ids = loanIds.slice(i, i + CHUNK) as string[];
    const loans = await sql<{
      id: string;
      bank_id: string;
      closed_on: string | null;
      loss_on: string | null;
      start: string;
      through: string | null;
    }>`
      SELECT l.id, l.bank_id, l.closed_on::text AS closed_on, l.classified_loss_on::text AS loss_on,
             least(${from}::date, (SELECT min(x.recomputed_from) FROM subsidy_adjustments x
                                    WHERE x.loan_id = l.id))::text AS start,
             (SELECT max(a.day) FROM subsidy_accruals a WHERE a.loan_id = l.id)::text AS through
        FROM loans l WHERE l.id = ANY(${ids}::uuid[]) ORDER BY l.id`.execute(trx);
    const figures = await sql<{ loan_id: string; quarter: string; num: string; amt: string; kept: string }>`
      WITH s AS (
        SELECT l.id, l.closed_on, l.classified_loss_on AS loss_on,
               least(${from}::date, (SELECT min(x.recomputed_from) FROM subsidy_adjustments x
                                      WHERE x.loan_id = l.id)) AS start
          FROM loans l WHERE l.id = ANY(${ids}::uuid[])
      ), acc AS (
        SELECT a.loan_id, to_char(a.day, 'YYYY') || '-Q' || extract(quarter FROM a.day) AS quarter,
               sum(a.numerator) AS num, sum(a.amount_minor) AS amt,
               coalesce(sum(a.numerator) FILTER (WHERE a.day < s.start OR a.day >= s.closed_on
                                                    OR a.day >= s.loss_on), 0) AS kept
          FROM subsidy_accruals a JOIN s ON s.id = a.loan_id
         GROUP BY 1, 2
      ), adj AS (
        SELECT x.loan_id, x.quarter, sum(x.numerator_delta) AS num, sum(x.amount_minor) AS amt
          FROM subsidy_adjustments x WHERE x.loan_id = ANY(${ids}::uuid[]) GROUP BY 1, 2
      )
      SELECT coalesce(acc.loan_id, adj.loan_id) AS loan_id, coalesce(acc.quarter, adj.quarter) AS quarter,
             (coalesce(acc.num, 0) + coalesce(adj.num, 0))::text AS num,
             (coalesce(acc.amt, 0) + coalesce(adj.amt, 0))::text AS amt,
             coalesce(acc.kept, 0)::text AS kept
        FROM acc FULL JOIN adj ON adj.loan_id = acc.loan_id AND adj.quarter = acc.quarter`.execute(trx);
    const moves = await sql<{ loan_id: string; on: string; delta: string }>`
      SELECT e.loan_id, t.occurred_on::text AS on, sum(e.debit_minor - e.credit_minor)::text AS delta
        FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
       WHERE e.loan_id = ANY(${ids}::uuid[]) AND e.account = 'loan_principal'
       GROUP BY 1, 2`.execute(trx);
    const byLoan = <T extends { loan_id: string }>(rows: T[]) => {
      const m = new Map<string, T[]>();
      for (const r of rows) m.set(r.loan_id, [...(m.get(r.loan_id) ?? []), r]);
      return m;
    };
    const fig = byLoan(figures.rows);
    const mov = byLoan(moves.rows);
    const found: { loan: (typeof loans.rows)[number]; a: QuarterAdjustment }[] = [];
    for (const loan of loans.rows) {
      if (loan.start > last) continue;
      let rateOn = rates.get(loan.bank_id);
      if (!rateOn) {
        rateOn = await bankRates(trx, loan.bank_id);
        rates.set(loan.bank_id, rateOn);
      }
      let days = daysFrom.get(loan.start);
      if (!days) {
        days = await batchDays(trx, loan.start, last);
        daysFrom.set(loan.start, days);
      }
      const adjustments = recomputeFromQuarters({
        start: loan.start,
        days,
        movements: (mov.get(loan.id) ?? []).map((m) => ({ on: m.on, deltaMinor: Number(m.delta) })),
        rateOn,
        liveOn: (d) => !(loan.closed_on && d >= loan.closed_on) && !(loan.loss_on && d >= loan.loss_on),
        quarters: (fig.get(loan.id) ?? []).map((f) => ({
          quarter: f.quarter,
          recordedNumerator: BigInt(f.num),
          postedMinor: Number(f.amt),
          keptNumerator: BigInt(f.kept),
        })),
      });
      if (adjustments.length) result.loans++;
      for (const a of adjustments) found.push({ loan, a });
    }
    if (!found.length) continue;
    const perBank = new Map<string, { up: number; down: number }>();
    for (const { loan, a } of found) {
      const b = perBank.get(loan.bank_id) ?? { up: 0, down: 0 };
      if (a.amountMinor > 0) b.up += a.amountMinor;
      else b.down -= a.amountMinor;
      perBank.set(loan.bank_id, b);
      result.netMinor += a.amountMinor;
    }
    const lines = [...perBank].flatMap(([bankId, b]) => [
      ...(b.up > 0
        ? [
            { account: 'subsidy_expense' as const, bankId, debitMinor: b.up },
            { account: 'subsidy_payable' as const, bankId, creditMinor: b.up },
          ]
        : []),
      ...(b.down > 0
        ? [
            { account: 'subsidy_payable' as const, bankId, debitMinor: b.down },
            { account: 'subsidy_expense' as const, bankId, creditMinor: b.down },
          ]
        : []),
    ]);
    const txId = lines.length
      ? await postLedgerTransaction(
          trx,
          { kind: 'subsidy_adjustment', loanId: null, occurredOn: today, now },
          lines,
        )
      : null;
    await trx
      .insertInto('subsidy_adjustments')
      .values(
        found.map(({ loan, a }) => ({
          loan_id: loan.id,
          bank_id: loan.bank_id,
          quarter: a.quarter,
          recomputed_from: loan.start,
          through_day: loan.through,
          numerator_delta: a.numeratorDelta.toString(),
          amount_minor: a.amountMinor,
          reason: cause.reason,
          source_kind: cause.kind,
          source_id: cause.id,
          ledger_transaction_id: a.amountMinor !== 0 ? txId : null,
          created_at: now,
        })),
      )
      .execute();
    result.rows += found.length;
  }
  return result;
}

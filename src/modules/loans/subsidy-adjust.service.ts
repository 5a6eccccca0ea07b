import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { postLedgerTransaction } from '../../platform/ledger.ts';
import type { Clock } from '../../shared/time.ts';
import { karachiDate } from '../../shared/time.ts';
import type { AdjustmentSource } from './loans.table.ts';
import { rateInForce } from './subsidy.ts';
import { type QuarterAdjustment, recomputeSubsidy } from './subsidy-recompute.ts';

type Db = Kysely<Database>;

export type AdjustmentCause = { kind: AdjustmentSource; id: string; reason: string };

/** The last day the close of business ran before today, or null (nothing accrued yet). */
export async function lastCloseOfBusiness(db: Db, today: string): Promise<string | null> {
  const r = await db
    .selectFrom('ledger_transactions')
    .select((eb) => eb.fn.max('occurred_on').as('day'))
    .where('kind', '=', 'subsidy_accrual')
    .where('occurred_on', '<', today)
    .executeTakeFirst();
  return (r?.day as string | null | undefined) ?? null;
}

/** The days the close of business ran from `start` to `last`, ascending. */
export async function batchDays(db: Db, start: string, last: string): Promise<string[]> {
  const rows = await db
    .selectFrom('ledger_transactions')
    .select('occurred_on')
    .where('kind', '=', 'subsidy_accrual')
    .where('occurred_on', '>=', start)
    .where('occurred_on', '<=', last)
    .orderBy('occurred_on')
    .execute();
  return rows.map((d) => d.occurred_on);
}

/** The rate the close of business used for the bank on a day (decision 0009's rule), in a closure. */
export async function bankRates(db: Db, bankId: string): Promise<(day: string) => number | null> {
  const spreads = await db
    .selectFrom('bank_spreads')
    .select(['benchmark', 'spread_bps', 'effective_from'])
    .where('bank_id', '=', bankId)
    .execute();
  const benchmarks = [...new Set(spreads.map((s) => s.benchmark))];
  const rates = benchmarks.length
    ? await db
        .selectFrom('benchmark_rates')
        .select(['benchmark', 'rate_bps', 'effective_from'])
        .where('benchmark', 'in', benchmarks)
        .execute()
    : [];
  const byBenchmark = new Map(
    benchmarks.map((b) => [
      b,
      rates
        .filter((r) => r.benchmark === b)
        .map((r) => ({ effectiveFrom: r.effective_from, bps: r.rate_bps })),
    ]),
  );
  return (day) => {
    const usable = spreads
      .map((s) => ({
        effectiveFrom: s.effective_from,
        s,
        r: rateInForce(byBenchmark.get(s.benchmark)!, day),
      }))
      .filter((x) => x.r !== null);
    const spread = rateInForce(usable, day);
    return spread ? spread.s.spread_bps + spread.r!.bps : null;
  };
}

/**
 * Recomputes a loan's subsidy from `from` (an entry's value date) and posts what differs, per
 * quarter, as subsidy adjustments: to the ledger (expense and payable, up or down) and as rows the
 * bank's next claim carries (decision 0035). Nothing when the close of business has not run since.
 * Runs inside the caller's transaction, after the entry itself is written.
 */
export async function adjustSubsidyFrom(
  trx: Db,
  clock: Clock,
  loanId: string,
  from: string,
  cause: AdjustmentCause,
): Promise<QuarterAdjustment[]> {
  const today = karachiDate(clock.now());
  const last = await lastCloseOfBusiness(trx, today);
  if (!last) return [];
  const loan = await trx
    .selectFrom('loans')
    .select(['bank_id', 'closed_on', 'classified_loss_on'])
    .where('id', '=', loanId)
    .executeTakeFirstOrThrow();
  const earlier = await trx
    .selectFrom('subsidy_adjustments')
    .select(['quarter', 'numerator_delta', 'amount_minor', 'recomputed_from'])
    .where('loan_id', '=', loanId)
    .execute();
  // Days before an earlier recomputation's start carry stale numerators: start from the earliest.
  const start = [from, ...earlier.map((a) => a.recomputed_from)].sort()[0]!;
  if (start > last) return [];
  const days = await batchDays(trx, start, last);
  const movements = await sql<{ on: string; delta: string }>`
    SELECT t.occurred_on::text AS on, sum(e.debit_minor - e.credit_minor)::text AS delta
      FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
     WHERE e.loan_id = ${loanId} AND e.account = 'loan_principal'
     GROUP BY t.occurred_on`.execute(trx);
  const recorded = await sql<{ day: string; numerator: string; amount: string }>`
    SELECT day::text AS day, numerator::text AS numerator, amount_minor::text AS amount
      FROM subsidy_accruals WHERE loan_id = ${loanId} ORDER BY day`.execute(trx);
  const rateOn = await bankRates(trx, loan.bank_id);
  const result = recomputeSubsidy({
    from: start,
    days,
    movements: movements.rows.map((m) => ({ on: m.on, deltaMinor: Number(m.delta) })),
    rateOn,
    liveOn: (d) =>
      !(loan.closed_on && d >= loan.closed_on) && !(loan.classified_loss_on && d >= loan.classified_loss_on),
    recorded: recorded.rows.map((r) => ({
      day: r.day,
      numerator: BigInt(r.numerator),
      amountMinor: Number(r.amount),
    })),
    adjustments: earlier.map((a) => ({
      quarter: a.quarter,
      numeratorDelta: BigInt(a.numerator_delta),
      amountMinor: Number(a.amount_minor),
    })),
  });
  if (!result.length) return [];
  const throughDay = recorded.rows.at(-1)?.day ?? null;
  const now = clock.now();
  for (const a of result) {
    let txId: string | null = null;
    if (a.amountMinor !== 0) {
      const up = a.amountMinor > 0;
      const x = Math.abs(a.amountMinor);
      txId = await postLedgerTransaction(
        trx,
        { kind: 'subsidy_adjustment', loanId, occurredOn: today, now },
        [
          {
            account: 'subsidy_expense',
            loanId,
            bankId: loan.bank_id,
            ...(up ? { debitMinor: x } : { creditMinor: x }),
          },
          {
            account: 'subsidy_payable',
            loanId,
            bankId: loan.bank_id,
            ...(up ? { creditMinor: x } : { debitMinor: x }),
          },
        ],
      );
    }
    await trx
      .insertInto('subsidy_adjustments')
      .values({
        loan_id: loanId,
        bank_id: loan.bank_id,
        quarter: a.quarter,
        recomputed_from: start,
        through_day: throughDay,
        numerator_delta: a.numeratorDelta.toString(),
        amount_minor: a.amountMinor,
        reason: cause.reason,
        source_kind: cause.kind,
        source_id: cause.id,
        ledger_transaction_id: txId,
        created_at: now,
      })
      .execute();
  }
  return result;
}

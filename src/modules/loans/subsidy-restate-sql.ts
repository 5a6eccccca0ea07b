import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { postLedgerTransaction } from '../../platform/ledger.ts';
import type { Clock } from '../../shared/time.ts';
import { addDays, karachiDate } from '../../shared/time.ts';
import { BPS_DAY_DENOMINATOR } from './subsidy.ts';
import { type AdjustmentCause, bankRates, batchDays, lastCloseOfBusiness } from './subsidy-adjust.service.ts';

type Db = Kysely<Database>;

/** `x` (a non-negative numeric) over 3,650,000, rounded half to even: `roundedTotal` in SQL. */
function halfEven(x: string): string {
  const d = BPS_DAY_DENOMINATOR.toString();
  return `(div(${x}, ${d}) + CASE WHEN 2 * mod(${x}, ${d}) > ${d}
            OR (2 * mod(${x}, ${d}) = ${d} AND mod(div(${x}, ${d}), 2) = 1) THEN 1 ELSE 0 END)`;
}

/**
 * Recomputes many loans' subsidy from `from` and posts what differs, per loan and quarter, as
 * subsidy adjustments — the rule of `adjustSubsidyFrom` (decision 0035) for every loan at once, in
 * a few set-based statements (decision 0080), not loan by loan:
 *
 * 1. `restate_loans`: each loan's start (`from`, or an earlier recomputation's start), its last
 *    accrued day and the last day it is recomputed (the last close of business, or the day before
 *    its closure or loss).
 * 2. `restate_days`: per bank and calendar day, the running sum of the rate the close of business
 *    applies (`bankRates`, in JS: banks × days, a few hundred rows) over the days it ran.
 * 3. `restate_found`: per loan and quarter — the accruals and earlier adjustments summed; the
 *    principal outstanding as segments between its movements (a window over them); each segment's
 *    exact numerator is outstanding × (running rate at its end − at its start), so no row per loan
 *    and day is made; the numerators of days not recomputed are kept; the adjustment is the
 *    rounded running total's growth less what was posted.
 * 4. One balanced ledger transaction (expense and payable per bank, up and down) and one insert
 *    of the adjustment rows.
 *
 * Runs in the caller's transaction (its temporary tables are dropped at the end). The per-loan
 * path (`adjustSubsidyFrom`) is its reference: equality is tested on random portfolios.
 */
export async function adjustSubsidyForLoans(
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
  const drop = () => sql`DROP TABLE IF EXISTS restate_loans, restate_days, restate_found`.execute(trx);
  await drop();
  // On an error the caller's transaction rolls back, and the tables made in it with it.
  const found = await recomputeAndPost(trx, clock, loanIds, from, last, cause);
  await drop();
  return found ?? result;
}

async function recomputeAndPost(
  trx: Db,
  clock: Clock,
  loanIds: readonly string[],
  from: string,
  last: string,
  cause: AdjustmentCause,
): Promise<{ loans: number; netMinor: number; rows: number } | null> {
  const now = clock.now();
  const today = karachiDate(now);
  const result = { loans: 0, netMinor: 0, rows: 0 };
  await sql`
      CREATE TEMP TABLE restate_loans AS
      SELECT s.id, s.bank_id, s.start, s.through, least(${last}::date, s.live_end - 1) AS end_day
        FROM (SELECT l.id, l.bank_id,
                     least(${from}::date, (SELECT min(x.recomputed_from) FROM subsidy_adjustments x
                                            WHERE x.loan_id = l.id)) AS start,
                     (SELECT max(a.day) FROM subsidy_accruals a WHERE a.loan_id = l.id) AS through,
                     least(l.closed_on, l.classified_loss_on) AS live_end
                FROM loans l WHERE l.id = ANY(${loanIds as string[]}::uuid[])) s
       WHERE s.start <= ${last}::date`.execute(trx);
  await sql`ALTER TABLE restate_loans ADD PRIMARY KEY (id)`.execute(trx);
  await sql`ANALYZE restate_loans`.execute(trx);
  const banks = await sql<{ bank_id: string; start: string }>`
      SELECT bank_id, min(start)::text AS start FROM restate_loans GROUP BY bank_id ORDER BY bank_id`.execute(
    trx,
  );
  if (!banks.rows.length) return null;

  const first = banks.rows.map((b) => b.start).sort()[0]!;
  const ran = new Set(await batchDays(trx, first, last));
  const calendar: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) calendar.push(d);
  // Days the close of business did not run: what was accrued on them is kept, as loan by loan.
  const gaps = calendar.filter((d) => !ran.has(d));
  const cols = { bank: [] as string[], day: [] as string[], cum: [] as string[] };
  for (const b of banks.rows) {
    const rateOn = await bankRates(trx, b.bank_id);
    let cum = 0n;
    cols.bank.push(b.bank_id);
    cols.day.push(addDays(first, -1));
    cols.cum.push('0');
    for (const d of calendar) {
      const rate = ran.has(d) ? rateOn(d) : null;
      if (rate !== null) cum += BigInt(rate);
      cols.bank.push(b.bank_id);
      cols.day.push(d);
      cols.cum.push(cum.toString());
    }
  }
  await sql`
      CREATE TEMP TABLE restate_days (bank_id uuid, day date, cum bigint NOT NULL, PRIMARY KEY (bank_id, day))`.execute(
    trx,
  );
  await sql`
      INSERT INTO restate_days (bank_id, day, cum)
      SELECT * FROM unnest(${cols.bank}::uuid[], ${cols.day}::date[], ${cols.cum}::bigint[])`.execute(trx);
  await sql`ANALYZE restate_days`.execute(trx);

  // The per-quarter sums group every accrual row of the loans: enough memory to hash them at once.
  const workMem = await sql<{ w: string }>`SELECT current_setting('work_mem') AS w`.execute(trx);
  await sql`SELECT set_config('work_mem', '256MB', true)`.execute(trx);
  await sql`
      CREATE TEMP TABLE restate_found AS
      WITH acc AS (
        SELECT a.loan_id, date_trunc('quarter', a.day::timestamp)::date AS q,
               sum(a.numerator) AS num, sum(a.amount_minor) AS amt,
               coalesce(sum(a.numerator) FILTER (WHERE a.day < r.start OR a.day > r.end_day
                                                    OR a.day = ANY(${gaps}::date[])), 0) AS kept
          FROM restate_loans r JOIN subsidy_accruals a ON a.loan_id = r.id
         GROUP BY 1, 2
      ), adj AS (
        SELECT x.loan_id, make_date(substr(x.quarter, 1, 4)::int, substr(x.quarter, 7, 1)::int * 3 - 2, 1) AS q,
               sum(x.numerator_delta) AS num, sum(x.amount_minor) AS amt
          FROM restate_loans r JOIN subsidy_adjustments x ON x.loan_id = r.id
         GROUP BY 1, 2
      ), moves AS (
        SELECT e.loan_id, t.occurred_on AS day, sum(e.debit_minor - e.credit_minor) AS delta
          FROM restate_loans r
          JOIN ledger_entries e ON e.loan_id = r.id AND e.account = 'loan_principal'
          JOIN ledger_transactions t ON t.id = e.transaction_id
         WHERE r.end_day >= r.start
         GROUP BY 1, 2
      ), ev AS (
        -- The balance at the end of the start day, then each movement up to the last day recomputed.
        SELECT r.id AS loan_id, r.start AS day, coalesce(sum(m.delta) FILTER (WHERE m.day <= r.start), 0) AS delta
          FROM restate_loans r LEFT JOIN moves m ON m.loan_id = r.id
         WHERE r.end_day >= r.start
         GROUP BY r.id, r.start
        UNION ALL
        SELECT m.loan_id, m.day, m.delta
          FROM moves m JOIN restate_loans r ON r.id = m.loan_id
         WHERE m.day > r.start AND m.day <= r.end_day
      ), seg AS (
        -- Days a..b (inclusive) over which the principal outstanding is o.
        SELECT e.loan_id, r.bank_id, e.day AS a, coalesce(lead(e.day) OVER w - 1, r.end_day) AS b,
               sum(e.delta) OVER w AS o
          FROM ev e JOIN restate_loans r ON r.id = e.loan_id
        WINDOW w AS (PARTITION BY e.loan_id ORDER BY e.day)
      ), rec AS (
        SELECT s.loan_id, q.qs::date AS q, sum(s.o * (c2.cum - c1.cum)) AS num
          FROM seg s
          CROSS JOIN LATERAL generate_series(date_trunc('quarter', s.a::timestamp), s.b::timestamp,
                                             interval '3 months') q(qs)
          JOIN restate_days c1 ON c1.bank_id = s.bank_id AND c1.day = greatest(s.a, q.qs::date) - 1
          JOIN restate_days c2 ON c2.bank_id = s.bank_id
                              AND c2.day = least(s.b, (q.qs + interval '3 months')::date - 1)
         WHERE s.o > 0
         GROUP BY 1, 2
      ), figures AS (
        SELECT coalesce(acc.loan_id, adj.loan_id) AS loan_id, coalesce(acc.q, adj.q) AS q,
               coalesce(acc.num, 0) + coalesce(adj.num, 0) AS recorded,
               coalesce(acc.amt, 0) + coalesce(adj.amt, 0) AS posted,
               coalesce(acc.kept, 0) AS kept
          FROM acc FULL JOIN adj ON adj.loan_id = acc.loan_id AND adj.q = acc.q
      ), quarters AS (
        SELECT coalesce(f.loan_id, rec.loan_id) AS loan_id, coalesce(f.q, rec.q) AS q,
               coalesce(f.recorded, 0) AS recorded, coalesce(f.posted, 0) AS posted,
               coalesce(f.kept, 0) + coalesce(rec.num, 0) AS correct
          FROM figures f FULL JOIN rec ON rec.loan_id = f.loan_id AND rec.q = f.q
      ), run AS (
        SELECT loan_id, q, recorded, posted, correct,
               sum(correct) OVER (PARTITION BY loan_id ORDER BY q) AS cum
          FROM quarters
      ), found AS (
        SELECT loan_id, q, correct - recorded AS numerator_delta,
               ${sql.raw(halfEven('cum'))} - ${sql.raw(halfEven('(cum - correct)'))} - posted AS amount_minor
          FROM run
      )
      SELECT loan_id, q, numerator_delta, amount_minor::bigint AS amount_minor
        FROM found WHERE amount_minor <> 0 OR numerator_delta <> 0`.execute(trx);
  await sql`SELECT set_config('work_mem', ${workMem.rows[0]!.w}, true)`.execute(trx);

  const perBank = await sql<{
    bank_id: string;
    up: string;
    down: string;
    net: string;
    rows: number;
    loans: number;
  }>`
      SELECT r.bank_id,
             coalesce(sum(f.amount_minor) FILTER (WHERE f.amount_minor > 0), 0)::text AS up,
             coalesce(-sum(f.amount_minor) FILTER (WHERE f.amount_minor < 0), 0)::text AS down,
             coalesce(sum(f.amount_minor), 0)::text AS net,
             count(*)::int AS rows, count(DISTINCT f.loan_id)::int AS loans
        FROM restate_found f JOIN restate_loans r ON r.id = f.loan_id
       GROUP BY r.bank_id ORDER BY r.bank_id`.execute(trx);
  if (!perBank.rows.length) return null;
  const lines = perBank.rows.flatMap((b) => {
    const up = Number(b.up);
    const down = Number(b.down);
    return [
      ...(up > 0
        ? [
            { account: 'subsidy_expense' as const, bankId: b.bank_id, debitMinor: up },
            { account: 'subsidy_payable' as const, bankId: b.bank_id, creditMinor: up },
          ]
        : []),
      ...(down > 0
        ? [
            { account: 'subsidy_payable' as const, bankId: b.bank_id, debitMinor: down },
            { account: 'subsidy_expense' as const, bankId: b.bank_id, creditMinor: down },
          ]
        : []),
    ];
  });
  const txId = lines.length
    ? await postLedgerTransaction(
        trx,
        { kind: 'subsidy_adjustment', loanId: null, occurredOn: today, now },
        lines,
      )
    : null;
  await sql`
      INSERT INTO subsidy_adjustments (loan_id, bank_id, quarter, recomputed_from, through_day, numerator_delta,
                                       amount_minor, reason, source_kind, source_id, ledger_transaction_id, created_at)
      SELECT f.loan_id, r.bank_id, to_char(f.q, 'YYYY') || '-Q' || to_char(f.q, 'Q'), r.start, r.through,
             f.numerator_delta, f.amount_minor, ${cause.reason}, ${cause.kind}, ${cause.id},
             CASE WHEN f.amount_minor <> 0 THEN ${txId}::uuid END, ${now}::timestamptz
        FROM restate_found f JOIN restate_loans r ON r.id = f.loan_id
       ORDER BY f.loan_id, f.q`.execute(trx);
  for (const b of perBank.rows) {
    result.loans += b.loans;
    result.rows += b.rows;
    result.netMinor += Number(b.net);
  }
  return result;
}

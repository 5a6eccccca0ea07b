import { type RawBuilder, sql } from 'kysely';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { dailyAt, type PeriodicJob } from '../../jobs/scheduler.ts';
import { type Actor, requireRole, systemActor } from '../../platform/actor.ts';
import { emitEvents } from '../../platform/events/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { invalidField } from '../../shared/errors.ts';
import { addDays, isIsoDate, karachiDate } from '../../shared/time.ts';
import { type NewlyOverdue, refreshArrears } from './arrears.repository.ts';
import { detectClawbacks } from './clawback.service.ts';
import { loadLoanSettings } from './loan-settings.service.ts';
import { instalmentOverdue } from './loans.events.ts';
import { BPS_DAY_DENOMINATOR } from './subsidy.ts';

export type CobResult = {
  date: string;
  arrearsRowsUpdated: number;
  classifiedLoss: string[];
  accruedLoans: number;
  accruedMinor: number;
  /** What this run itself posted (a run again of a closed day posts nothing new). */
  newlyAccruedLoans: number;
  newlyAccruedMinor: number;
  loansWithoutRate: number;
};

const D = sql.raw(String(BPS_DAY_DENOMINATOR));
/** x / 3,650,000 rounded half to even, on numeric, as subsidy.ts's roundedTotal does in BigInt. */
function halfEven(x: RawBuilder<unknown>) {
  return sql`(div(${x}, ${D}) + CASE WHEN 2 * mod(${x}, ${D}) > ${D}
      OR (2 * mod(${x}, ${D}) = ${D} AND mod(div(${x}, ${D}), 2) = 1) THEN 1 ELSE 0 END)`;
}

/**
 * The nightly close of business for one day, set-based over the whole portfolio: instalments
 * marked due/overdue and arrears aged; loans past the loss threshold classified loss (which stops
 * their subsidy); the day's markup subsidy accrued per loan on the principal outstanding at the
 * end of the day at the bank's benchmark + spread in force, kept per loan in subsidy_accruals
 * and posted to the ledger as one balanced transaction with one expense and one payable entry per
 * bank (decision 0009). Safe to re-run for the same day: nothing is counted twice.
 */
export async function closeOfBusiness(deps: Deps, date: string): Promise<CobResult> {
  if (!isIsoDate(date)) throw new RangeError(`not a date: ${date}`);
  const actor = systemActor('close-of-business');
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const settings = await loadLoanSettings(trx);
    const newlyOverdue: NewlyOverdue[] = [];
    const arrearsRowsUpdated = await refreshArrears(trx, date, undefined, newlyOverdue);
    await emitEvents(
      trx,
      deps,
      instalmentOverdue,
      newlyOverdue.map((i) => ({
        loanId: i.loanId,
        instalmentNumber: i.number,
        dueDate: i.dueDate,
        unpaidMinor: i.unpaidMinor,
        asOf: date,
      })),
      // Once per instalment and due date: re-running earlier days sets it back to due, and the
      // next day's run would otherwise tell of the same lateness again.
      { dedupeKey: (p) => `${p.loanId}:${p.instalmentNumber}:${p.dueDate}` },
    );
    const loss = await trx
      .updateTable('loans')
      // The loss date is the day the threshold was reached, whichever day the batch noticed it.
      .set({
        status: 'loss',
        classified_loss_on: sql<string>`${date}::date - (days_past_due - ${settings.lossDaysPastDue}::int)`,
        updated_at: now,
      })
      .where('status', '=', 'active')
      .where('days_past_due', '>=', settings.lossDaysPastDue)
      .returning('id')
      .execute();

    const live = sql`(l.status = 'active' OR (l.status IN ('closed', 'written_off') AND l.closed_on > ${date}::date)
      OR (l.status = 'loss' AND l.classified_loss_on > ${date}::date))`;
    // The rate in force for each bank, once: its latest spread (whose benchmark has a rate by the day)
    // plus that benchmark's latest rate.
    const rates = sql`SELECT DISTINCT ON (s.bank_id) s.bank_id, s.spread_bps + r.rate_bps AS rate_bps
          FROM bank_spreads s
          JOIN LATERAL (SELECT br.rate_bps FROM benchmark_rates br
                         WHERE br.benchmark = s.benchmark AND br.effective_from <= ${date}::date
                         ORDER BY br.effective_from DESC LIMIT 1) r ON true
         WHERE s.effective_from <= ${date}::date
         ORDER BY s.bank_id, s.effective_from DESC`;
    const base = await sql<{ n: number; priced: number }>`
      WITH rates AS (${rates})
      SELECT count(*)::int AS n, count(r.rate_bps)::int AS priced
        FROM loans l LEFT JOIN rates r ON r.bank_id = l.bank_id
       WHERE ${live} AND l.first_disbursed_on <= ${date}::date`.execute(trx);

    await trx
      .insertInto('ledger_transactions')
      .values({ kind: 'subsidy_accrual', loan_id: null, occurred_on: date, created_at: now })
      .onConflict((oc) => oc.column('occurred_on').where('kind', '=', 'subsidy_accrual').doNothing())
      .execute();
    const tx = await trx
      .selectFrom('ledger_transactions')
      .select('id')
      .where('kind', '=', 'subsidy_accrual')
      .where('occurred_on', '=', date)
      .executeTakeFirstOrThrow();

    // Set-based and reading no history (decision 0009): the principal outstanding at the end of the
    // day is the loan's book balance (disbursed − repaid − written off, which the ledger check holds
    // equal to its loan_principal account) less the principal movements dated after the day; the
    // exact accrual before the day is the running numerator on the loan's latest accrual row (the
    // close of business never accrues a day before one already accrued, decision 0005).
    const prior = sql.raw('p.prior');
    const withDay = sql.raw('(p.prior + p.num)');
    const posted = await sql<{ n: number; rows: number; total: string }>`
      WITH rates AS (${rates}), moved AS (
        SELECT e.loan_id, sum(e.debit_minor - e.credit_minor) AS net
          FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id
         WHERE t.occurred_on > ${date}::date AND e.account = 'loan_principal'
         GROUP BY e.loan_id
      ), base AS (
        SELECT l.id AS loan_id, l.bank_id, r.rate_bps,
               coalesce(last.cumulative_numerator, 0) + coalesce(adj.delta, 0) AS prior,
               l.disbursed_minor - l.repaid_minor - l.written_off_minor - coalesce(m.net, 0) AS outstanding
          FROM loans l
          JOIN rates r ON r.bank_id = l.bank_id
          LEFT JOIN moved m ON m.loan_id = l.id
          LEFT JOIN LATERAL (SELECT a.day, a.cumulative_numerator FROM subsidy_accruals a
                              WHERE a.loan_id = l.id ORDER BY a.day DESC LIMIT 1) last ON true
          -- Subsidy adjustments made since the loan's last accrual (decision 0035) join its running
          -- total once: the next row's cumulative numerator carries them from then on.
          LEFT JOIN LATERAL (SELECT sum(x.numerator_delta) AS delta FROM subsidy_adjustments x
                              WHERE x.loan_id = l.id
                                AND (last.day IS NULL OR x.through_day >= last.day)) adj ON true
         WHERE ${live} AND l.first_disbursed_on <= ${date}::date
           AND (last.day IS NULL OR last.day < ${date}::date)
      ), p AS (
        SELECT *, outstanding::numeric * rate_bps AS num FROM base WHERE outstanding > 0
      ), ins AS (
        INSERT INTO subsidy_accruals (loan_id, day, bank_id, outstanding_minor, rate_bps, numerator,
                                      cumulative_numerator, amount_minor)
        SELECT p.loan_id, ${date}::date, p.bank_id, p.outstanding, p.rate_bps, p.num, p.prior + p.num,
               ${halfEven(withDay)} - ${halfEven(prior)}
          FROM p
         -- The sort reads every loan's last accrual before the first row is written. Without it
         -- the lookups interleave with the inserts, and when the planner believes the table empty
         -- (a first night, fresh statistics) each lookup is a scan that also reads the rows this
         -- statement has just written: quadratic (116 s instead of seconds at 100,000 loans).
         ORDER BY p.loan_id
        ON CONFLICT (loan_id, day) DO NOTHING
        RETURNING loan_id, bank_id, amount_minor
      ), byBank AS (
        SELECT bank_id, sum(amount_minor) AS amount_minor FROM ins GROUP BY bank_id HAVING sum(amount_minor) > 0
      ), entries AS (
        INSERT INTO ledger_entries (transaction_id, account, loan_id, bank_id, debit_minor, credit_minor)
        SELECT ${tx.id}::uuid, 'subsidy_expense', NULL::uuid, bank_id, amount_minor, 0 FROM byBank
        UNION ALL
        SELECT ${tx.id}::uuid, 'subsidy_payable', NULL::uuid, bank_id, 0, amount_minor FROM byBank
      )
      SELECT count(*) FILTER (WHERE amount_minor > 0)::int AS n, count(*)::int AS rows,
             coalesce(sum(amount_minor), 0)::text AS total FROM ins`.execute(trx);
    const accrued = await trx
      .selectFrom('subsidy_accruals')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.coalesce(eb.fn.sum<number>('amount_minor'), eb.lit(0)).as('total'),
      ])
      .where('day', '=', date)
      .executeTakeFirstOrThrow();
    // loans.last_cob_date is no longer written here: it cost an update of every live loan every
    // night, and nothing reads it; the day's run is in job_runs and each loan's last accrued day in
    // subsidy_accruals (decision 0009).

    // Claimed subsidy found ineligible since (a closure or loss dated back) becomes a clawback.
    await detectClawbacks(trx, actor, deps.clock);

    const result: CobResult = {
      date,
      arrearsRowsUpdated,
      classifiedLoss: loss.map((r) => r.id),
      accruedLoans: Number(accrued.n),
      accruedMinor: Number(accrued.total),
      newlyAccruedLoans: Number(posted.rows[0]?.rows ?? 0),
      newlyAccruedMinor: Number(posted.rows[0]?.total ?? 0),
      loansWithoutRate: Number(base.rows[0]?.n ?? 0) - Number(base.rows[0]?.priced ?? 0),
    };
    // A day that changed nothing leaves no audit entry; job_runs records the run itself.
    const postedNow = Number(posted.rows[0]?.n ?? 0);
    if (arrearsRowsUpdated > 0 || loss.length > 0 || postedNow > 0)
      await recordChange(trx, actor, deps.clock, {
        action: 'loans.close_of_business',
        entity: 'close_of_business',
        entityId: date,
        details: { ...result, postedNow },
      });
    return result;
  });
}

/**
 * The admin's "run close of business for these days": each day that has ended, in order, as the
 * nightly job and `markaz cob run --date` would. Days already run change nothing.
 */
export async function closeOfBusinessRange(
  deps: Deps,
  actor: Actor,
  input: { from: string; to: string },
): Promise<{ days: number; accruedMinor: number; classifiedLoss: number }> {
  requireRole(actor, 'program_admin');
  if (input.to >= karachiDate(deps.clock.now())) throw invalidField('to', 'must be a day that has ended');
  if (input.from > input.to) throw invalidField('from', 'must not be after the last day');
  if (input.from < addDays(input.to, -366))
    throw invalidField('from', 'must be within a year of the last day');
  let days = 0;
  let accruedMinor = 0;
  let classifiedLoss = 0;
  for (let d = input.from; d <= input.to; d = addDays(d, 1)) {
    const r = await closeOfBusiness(deps, d);
    days++;
    accruedMinor += r.accruedMinor;
    classifiedLoss += r.classifiedLoss.length;
  }
  return { days, accruedMinor, classifiedLoss };
}

export const closeOfBusinessJob: PeriodicJob = {
  kind: 'periodic',
  name: 'loans.close_of_business',
  // Just after midnight in Asia/Karachi, the day that ended.
  duePeriod: dailyAt('00:30', 'previous-day'),
  run: (deps, day) => closeOfBusiness(deps, day),
};

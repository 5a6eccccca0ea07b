// A benchmark fixing restated one quarter back over a national portfolio (issue 19), on PostgreSQL:
//  1. the restatement: every loan priced on the fixing recomputed from its date and adjusted,
//     per loan and quarter (`restateBenchmarkRate`, one transaction);
//  2. the nightly close of business the day after, which accrues at the corrected rate and carries
//     the adjustments into each loan's running total.
// The portfolio is the close-of-business bench's (`lib/loans-dataset.ts`): one bank, 24-month
// loans of Rs 24,000,000, one in eight in arrears; a KIBOR_3M fixing of 12.00% from 1 Jul 2026 and
// the quarter's accruals (1 Jul – 30 Sep, 92 days) written set-based as the batch would have
// posted them. The fixing is then restated to 12.50% on 5 Oct.
//   npx tsx bench/loan-restatement.ts [--loans 100000]
// Needs PostgreSQL on 127.0.0.1:5432 (user postgres); makes and drops a scratch database.
import '../src/server/app.ts';
import { execFileSync } from 'node:child_process';
import { sql } from 'kysely';
import { areas } from '../src/areas.ts';
import { testConfig } from '../src/config.ts';
import { connectPostgres } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { silentLogger } from '../src/deps.ts';
import { closeOfBusiness } from '../src/modules/loans/cob.job.ts';
import { restateBenchmarkRate } from '../src/modules/loans/rate-restatement.service.ts';
import { systemActor } from '../src/platform/actor.ts';
import { BANK_ID, loansSql } from './lib/loans-dataset.ts';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const LOANS = arg('--loans', 100_000);
const dbName = `markaz_bench_restate_${process.pid}`;
const url = `postgres://postgres@127.0.0.1:5432/${dbName}`;
const psql = (q: string) =>
  execFileSync('psql', [url, '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-c', q], { encoding: 'utf8' });
const loadavg = () =>
  execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).split(' ').slice(0, 3).join(' ');
const s = (t0: number) => ((performance.now() - t0) / 1000).toFixed(2);
const log = (m: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${m}`);
let now = new Date('2026-10-05T06:00:00Z');
const clock = { now: () => now };

execFileSync('createdb', ['-h', '127.0.0.1', '-U', 'postgres', dbName]);
const conn = connectPostgres(url, 4);
try {
  log(`load average before: ${loadavg()}`);
  await migrateToLatest(conn.db);
  let t0 = performance.now();
  for (const stmt of loansSql(LOANS, '2026-07-01', 'r')) psql(stmt);
  // 12.00% from 1 Jul + the bank's 3.00% spread = 15.00%: 2.4e9 × 1,500 a day, the batch's rounding.
  const num = 2_400_000_000n * 1_500n;
  const D = 3_650_000n;
  const halfEven = (x: string) =>
    `(div(${x}, ${D}) + CASE WHEN 2 * mod(${x}, ${D}) > ${D} OR (2 * mod(${x}, ${D}) = ${D} AND mod(div(${x}, ${D}), 2) = 1) THEN 1 ELSE 0 END)`;
  psql(`INSERT INTO benchmark_rates (benchmark, effective_from, rate_bps, source, created_at)
        VALUES ('KIBOR_3M', '2026-07-01', 1200, 'bench: the fixing to be restated', now())`);
  psql(`INSERT INTO subsidy_accruals (loan_id, day, bank_id, outstanding_minor, rate_bps, numerator,
          cumulative_numerator, amount_minor)
        SELECT l.id, '2026-06-30'::date + k, l.bank_id, 2400000000, 1500, ${num}, k::numeric * ${num},
               ${halfEven(`k::numeric * ${num}`)} - ${halfEven(`(k - 1)::numeric * ${num}`)}
          FROM loans l, generate_series(1, 92) k ORDER BY 1, 2`);
  psql(`INSERT INTO ledger_transactions (id, kind, loan_id, occurred_on, created_at)
        SELECT bench_uuid('acc' || k), 'subsidy_accrual', NULL, '2026-06-30'::date + k, now()
          FROM generate_series(1, 92) k`);
  psql(`INSERT INTO ledger_entries (transaction_id, account, loan_id, bank_id, debit_minor, credit_minor)
        SELECT bench_uuid('acc' || k), acc, NULL, '${BANK_ID}'::uuid,
               CASE WHEN acc = 'subsidy_expense' THEN t ELSE 0 END, CASE WHEN acc = 'subsidy_payable' THEN t ELSE 0 END
          FROM (SELECT day - '2026-06-30'::date AS k, sum(amount_minor) AS t FROM subsidy_accruals GROUP BY day) x,
               (VALUES ('subsidy_expense'), ('subsidy_payable')) a(acc)`);
  psql('VACUUM ANALYZE');
  log(`${LOANS} loans and ${LOANS * 92} accruals loaded in ${s(t0)} s; load average ${loadavg()}`);

  const deps = { areas, db: conn.db, clock, config: testConfig(), log: silentLogger };
  const rate = await conn.db
    .selectFrom('benchmark_rates')
    .select('id')
    .where('effective_from', '=', '2026-07-01')
    .executeTakeFirstOrThrow();
  const before = loadavg();
  t0 = performance.now();
  const r = await restateBenchmarkRate(deps, systemActor('bench'), rate.id, {
    rateBps: 1250,
    reason: 'bench: the fixing republished',
  });
  const restateS = s(t0);
  log(
    `restatement: ${r.loansRecomputed} loans recomputed, ${r.adjustedMinor} paisa adjusted in ${restateS} s (load ${before} → ${loadavg()})`,
  );
  // Each loan: 2.4e9 × 1,550 × 92 / 3.65e6 = 93,764,383.56 → 93,764,384, less 90,739,726 posted.
  const per = await sql<{ n: string; amount: string }>`
    SELECT count(*)::text AS n, sum(amount_minor)::text AS amount FROM subsidy_adjustments`.execute(conn.db);
  log(`adjustment rows ${per.rows[0]!.n}, total ${per.rows[0]!.amount} (expected ${LOANS * 3_024_658})`);

  now = new Date('2026-10-05T07:00:00Z');
  const cobBefore = loadavg();
  t0 = performance.now();
  const c = await closeOfBusiness(deps, '2026-10-01');
  log(
    `close of business 1 Oct: ${c.accruedLoans} loans accrued, ${c.arrearsRowsUpdated} arrears rows, in ${s(t0)} s (load ${cobBefore} → ${loadavg()})`,
  );
  const day = await sql<{ rate: number; amount: string }>`
    SELECT min(rate_bps) AS rate, min(amount_minor)::text AS amount FROM subsidy_accruals WHERE day = '2026-10-01'`.execute(
    conn.db,
  );
  log(`1 Oct accrued at ${day.rows[0]!.rate} bps, ${day.rows[0]!.amount} paisa a loan`);
} finally {
  await conn.close();
  execFileSync('dropdb', ['-h', '127.0.0.1', '-U', 'postgres', '--if-exists', '--force', dbName]);
}

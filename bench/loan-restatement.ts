// A benchmark fixing restated one quarter back over a national portfolio (issue 19), on PostgreSQL:
//  1. the restatement: every loan priced on the fixing recomputed from its date and adjusted,
//     per loan and quarter (`restateBenchmarkRate`, one transaction);
//  2. the nightly close of business the day after, which accrues at the corrected rate and carries
//     the adjustments into each loan's running total.
// The portfolio is the close-of-business bench's (`lib/loans-dataset.ts`): one bank, 24-month
// loans of Rs 24,000,000, one in eight in arrears; a KIBOR_3M fixing of 12.00% from 1 Jul 2026 and
// the quarter's accruals (1 Jul – 30 Sep, 92 days) written set-based as the batch would have
// posted them. The fixing is then restated to 12.50% on 5 Oct.
//   npx tsx bench/loan-restatement.ts [--loans 100000] [--before] [--profile] [--explain] [--no-cob]
// --before first times the previous path (per chunk of 2,000 loans, the days in JS, decision 0046)
// on the same data, in a transaction rolled back; --profile prints the time of each statement of
// the restatement; --explain logs the plans of the slow ones (auto_explain); --no-cob skips the
// close of business.
// Needs PostgreSQL on 127.0.0.1:5432 (user postgres); makes and drops a scratch database.
import '../src/server/app.ts';
import { execFileSync } from 'node:child_process';
import { type KyselyPlugin, type QueryId, type RootOperationNode, sql } from 'kysely';
import { areas } from '../src/areas.ts';
import { testConfig } from '../src/config.ts';
import { connectPostgres } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { silentLogger } from '../src/deps.ts';
import { closeOfBusiness } from '../src/modules/loans/cob.job.ts';
import { restateBenchmarkRate } from '../src/modules/loans/rate-restatement.service.ts';
import { adjustSubsidyForLoansChunked } from '../src/modules/loans/subsidy-restate.ts';
import { systemActor } from '../src/platform/actor.ts';
import { BANK_ID, loansSql } from './lib/loans-dataset.ts';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const LOANS = arg('--loans', 100_000);
const flag = (name: string) => process.argv.includes(name);

/** Times each statement (from the query's compilation to its result), by the statement's first words. */
function profiler() {
  const started = new Map<QueryId, { at: number; label: string }>();
  const totals = new Map<string, { n: number; ms: number }>();
  const labelOf = (node: RootOperationNode) => {
    const raw = (node as { sqlFragments?: readonly string[] }).sqlFragments?.[0];
    return (raw ?? node.kind).replace(/\s+/g, ' ').trim().slice(0, 70);
  };
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      started.set(args.queryId, { at: performance.now(), label: labelOf(args.node) });
      return args.node;
    },
    transformResult: async (args) => {
      const s = started.get(args.queryId);
      if (s) {
        const t = totals.get(s.label) ?? { n: 0, ms: 0 };
        t.n++;
        t.ms += performance.now() - s.at;
        totals.set(s.label, t);
        started.delete(args.queryId);
      }
      return args.result;
    },
  };
  const report = () =>
    [...totals]
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(([label, t]) => `${(t.ms / 1000).toFixed(2).padStart(8)} s ${String(t.n).padStart(6)}×  ${label}`)
      .join('\n');
  return { plugin, report };
}
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
let measured = conn;
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

  if (flag('--explain')) {
    // Each statement of a second or more, with its plan and the time of each node, in the
    // server's log (/var/log/postgresql/ here); new connections only, hence the second pool.
    psql(`ALTER DATABASE ${dbName} SET session_preload_libraries = 'auto_explain'`);
    psql(`ALTER DATABASE ${dbName} SET auto_explain.log_min_duration = '1s'`);
    psql(`ALTER DATABASE ${dbName} SET auto_explain.log_analyze = on`);
    measured = connectPostgres(url, 4);
  }
  const prof = profiler();
  const db = flag('--profile') ? measured.db.withPlugin(prof.plugin) : measured.db;
  const deps = { areas, db, clock, config: testConfig(), log: silentLogger };
  const rate = await conn.db
    .selectFrom('benchmark_rates')
    .select('id')
    .where('effective_from', '=', '2026-07-01')
    .executeTakeFirstOrThrow();
  if (flag('--before')) {
    const load = loadavg();
    t0 = performance.now();
    let found: { loans: number; netMinor: number } | null = null;
    await conn.db
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('benchmark_rates').set({ rate_bps: 1250 }).where('id', '=', rate.id).execute();
        const ids = await sql<{ id: string }>`
          SELECT l.id FROM loans l WHERE EXISTS (SELECT 1 FROM subsidy_accruals a
                                                  WHERE a.loan_id = l.id AND a.day >= '2026-07-01') ORDER BY l.id`.execute(
          trx,
        );
        found = await adjustSubsidyForLoansChunked(
          trx,
          clock,
          ids.rows.map((r) => r.id),
          '2026-07-01',
          { kind: 'rate_correction', id: 'bench-before', reason: 'bench: the previous path' },
        );
        throw new Error('rollback');
      })
      .catch((e: Error) => {
        if (e.message !== 'rollback') throw e;
      });
    log(
      `before (chunks of 2,000, days in JS, rolled back): ${JSON.stringify(found)} in ${s(t0)} s (load ${load} → ${loadavg()})`,
    );
  }
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
  if (flag('--profile')) console.log(prof.report());
  if (!flag('--no-cob')) await closeOfBusinessAfter(deps);
} finally {
  if (measured !== conn) await measured.close();
  await conn.close();
  execFileSync('dropdb', ['-h', '127.0.0.1', '-U', 'postgres', '--if-exists', '--force', dbName]);
}

async function closeOfBusinessAfter(deps: Parameters<typeof closeOfBusiness>[0]) {
  now = new Date('2026-10-05T07:00:00Z');
  const cobBefore = loadavg();
  const t0 = performance.now();
  const c = await closeOfBusiness(deps, '2026-10-01');
  log(
    `close of business 1 Oct: ${c.accruedLoans} loans accrued, ${c.arrearsRowsUpdated} arrears rows, in ${s(t0)} s (load ${cobBefore} → ${loadavg()})`,
  );
  const day = await sql<{ rate: number; amount: string }>`
    SELECT min(rate_bps) AS rate, min(amount_minor)::text AS amount FROM subsidy_accruals WHERE day = '2026-10-01'`.execute(
    conn.db,
  );
  log(`1 Oct accrued at ${day.rows[0]!.rate} bps, ${day.rows[0]!.amount} paisa a loan`);
}

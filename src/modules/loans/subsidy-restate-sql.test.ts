import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BANK_ID, loansSql } from '../../../bench/lib/loans-dataset.ts';
import type { Connection } from '../../db/connect.ts';
import type { Database } from '../../db/database.ts';
import { addDays, fixedClock } from '../../shared/time.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { adjustSubsidyFrom } from './subsidy-adjust.service.ts';
import { adjustSubsidyForLoans } from './subsidy-restate-sql.ts';

/**
 * The set-based restatement (decision 0080) against its reference, the per-loan recomputation
 * (`adjustSubsidyFrom`, decision 0035), on random portfolios: two banks (one whose spread starts
 * late, so some days have no rate), benchmark fixings before, on and after the restated one, a
 * spread change, days the close of business did not run (with accruals on some of them), loans
 * accrued only part of the time, back-dated repayments and tranches (some leaving nothing or less
 * than nothing outstanding), closures and losses before and after the fixing, and earlier
 * adjustments recomputed from before and after it. Every loan's adjustments must be the same, to
 * the paisa and the numerator.
 */

const FROM = '2026-07-01';
const LAST = '2026-09-30';
const BANK_2 = '00000000-0000-4000-8000-0000000000c9';
const GAPS = ['2026-02-14', '2026-05-17', '2026-07-20', '2026-08-14'];

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let conn: Connection;
let db: Kysely<Database>;
beforeAll(async () => {
  conn = await createTestDb();
  db = conn.db;
}, 120_000);
afterAll(() => conn.close());

class Rollback extends Error {}

async function portfolio(seed: number, loans: number): Promise<string[]> {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const dayIn = (a: string, b: string) => {
    const span = Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
    return addDays(a, Math.floor(rnd() * (span + 1)));
  };
  const tag = `s${seed}`;
  for (const stmt of loansSql(loans, '2026-07-01', tag)) await sql.raw(stmt).execute(db);
  const ids = (
    await sql<{ id: string; on: string }>`
      SELECT id, first_disbursed_on::text AS on FROM loans
       WHERE application_id IN (SELECT id FROM applications WHERE reference LIKE ${`BENCH-${tag}-%`})
       ORDER BY id`.execute(db)
  ).rows;
  const acc = { id: [] as string[], from: [] as string[], to: [] as string[], rate: [] as number[] };
  const mov = { tx: [] as string[], loan: [] as string[], on: [] as string[], delta: [] as string[] };
  const adj = {
    loan: [] as string[],
    quarter: [] as string[],
    from: [] as string[],
    num: [] as string[],
    amt: [] as number[],
  };
  for (const l of ids) {
    if (rnd() < 0.25) await sql`UPDATE loans SET bank_id = ${BANK_2} WHERE id = ${l.id}`.execute(db);
    const start = [l.on, dayIn('2026-01-01', '2026-06-30')].sort()[1]!;
    const end = rnd() < 0.2 ? dayIn('2026-06-01', LAST) : LAST;
    if (start <= end) {
      acc.id.push(l.id);
      acc.from.push(start);
      acc.to.push(end);
      acc.rate.push(1400 + Math.floor(rnd() * 200));
    }
    for (let k = Math.floor(rnd() * 4); k > 0; k--) {
      mov.tx.push(randomUUID());
      mov.loan.push(l.id);
      mov.on.push(dayIn('2026-01-15', LAST));
      mov.delta.push(String(pick([-1, -1, -1, 1]) * (1 + Math.floor(rnd() * 2_600_000_000))));
    }
    if (rnd() < 0.12)
      await sql`UPDATE loans SET closed_on = ${dayIn('2026-06-01', LAST)} WHERE id = ${l.id}`.execute(db);
    if (rnd() < 0.12)
      await sql`UPDATE loans SET classified_loss_on = ${dayIn('2026-06-01', LAST)} WHERE id = ${l.id}`.execute(
        db,
      );
    for (let k = Math.floor(rnd() * 3); k > 0; k--) {
      const from = dayIn('2026-04-01', LAST);
      const q = Math.floor(Number(from.slice(5, 7)) / 3.01) + 1;
      adj.loan.push(l.id);
      adj.quarter.push(`2026-Q${pick([q, 3])}`);
      adj.from.push(from);
      adj.num.push(String(Math.floor((rnd() - 0.5) * 2e13)));
      adj.amt.push(pick([0, 1]) ? Math.floor((rnd() - 0.5) * 10_000) || 7 : 0);
    }
  }
  await sql`
    INSERT INTO subsidy_accruals (loan_id, day, bank_id, outstanding_minor, rate_bps, numerator,
                                  cumulative_numerator, amount_minor)
    SELECT p.id, d::date, l.bank_id, 2400000000, p.rate, 2400000000::bigint * p.rate,
           sum(2400000000::numeric * p.rate) OVER (PARTITION BY p.id ORDER BY d),
           (2400000000::bigint * p.rate) / 3650000 + abs(hashtext(p.id::text || d::text)) % 2
      FROM unnest(${acc.id}::uuid[], ${acc.from}::date[], ${acc.to}::date[], ${acc.rate}::int[]) p(id, f, t, rate)
      JOIN loans l ON l.id = p.id
     CROSS JOIN generate_series(p.f::timestamp, p.t::timestamp, interval '1 day') d`.execute(db);
  if (mov.tx.length) {
    await sql`
      INSERT INTO ledger_transactions (id, kind, loan_id, occurred_on, created_at)
      SELECT tx, CASE WHEN delta > 0 THEN 'disbursement' ELSE 'repayment' END, loan, d, now()
        FROM unnest(${mov.tx}::uuid[], ${mov.loan}::uuid[], ${mov.on}::date[], ${mov.delta}::bigint[]) m(tx, loan, d, delta)`.execute(
      db,
    );
    await sql`
      WITH m AS (
        SELECT m.*, l.bank_id FROM unnest(${mov.tx}::uuid[], ${mov.loan}::uuid[], ${mov.delta}::bigint[]) m(tx, loan, delta)
          JOIN loans l ON l.id = m.loan)
      INSERT INTO ledger_entries (transaction_id, account, loan_id, bank_id, debit_minor, credit_minor)
      SELECT tx, 'loan_principal', loan, bank_id, greatest(delta, 0), greatest(-delta, 0) FROM m
      UNION ALL
      SELECT tx, CASE WHEN delta > 0 THEN 'bank_funding' ELSE 'bank_collections' END, loan, bank_id,
             greatest(-delta, 0), greatest(delta, 0) FROM m`.execute(db);
  }
  if (adj.loan.length)
    await sql`
      INSERT INTO subsidy_adjustments (loan_id, bank_id, quarter, recomputed_from, through_day, numerator_delta,
                                       amount_minor, reason, source_kind, source_id, ledger_transaction_id, created_at)
      SELECT a.loan, l.bank_id, a.quarter, a.f, NULL, a.num, a.amt, 'an earlier back-dated entry', 'repayment',
             'earlier', CASE WHEN a.amt <> 0 THEN gen_random_uuid() END, now()
        FROM unnest(${adj.loan}::uuid[], ${adj.quarter}::text[], ${adj.from}::date[], ${adj.num}::numeric[],
                    ${adj.amt}::bigint[]) a(loan, quarter, f, num, amt)
        JOIN loans l ON l.id = a.loan
       WHERE a.num <> 0 OR a.amt <> 0`.execute(db);
  return ids.map((l) => l.id);
}

beforeAll(async () => {
  for (const stmt of loansSql(1, '2026-07-01', 'setup')) await sql.raw(stmt).execute(db);
  await sql`
    INSERT INTO organizations (id, kind, code, name, created_at)
    VALUES (${BANK_2}, 'bank', 'BENCH-BANK-2', 'Bench Bank 2', now())`.execute(db);
  await sql`
    INSERT INTO benchmark_rates (benchmark, effective_from, rate_bps, source, created_at)
    VALUES ('KIBOR_3M', '2026-04-15', 1180, 'test', now()), ('KIBOR_3M', ${FROM}, 1200, 'test', now()),
           ('KIBOR_3M', '2026-08-20', 1230, 'test', now())`.execute(db);
  await sql`
    INSERT INTO bank_spreads (bank_id, benchmark, spread_bps, effective_from, created_at)
    VALUES (${BANK_ID}, 'KIBOR_3M', 250, '2026-08-01', now()), (${BANK_2}, 'KIBOR_3M', 420, '2026-05-01', now())`.execute(
    db,
  );
  await sql`
    INSERT INTO ledger_transactions (id, kind, loan_id, occurred_on, created_at)
    SELECT gen_random_uuid(), 'subsidy_accrual', NULL, d::date, now()
      FROM generate_series('2026-01-01'::timestamp, ${LAST}::timestamp, interval '1 day') d
     WHERE d::date <> ALL(${GAPS}::date[])`.execute(db);
  // The fixing restated: what every recomputation from now on reads.
  await sql`UPDATE benchmark_rates SET rate_bps = 1250 WHERE benchmark = 'KIBOR_3M' AND effective_from = ${FROM}`.execute(
    db,
  );
}, 300_000);

describe('the set-based restatement', () => {
  for (const seed of [19, 80]) {
    it(`finds, loan by loan, what the per-loan recomputation finds (portfolio ${seed})`, async () => {
      const ids = await portfolio(seed, 40);
      const clock = fixedClock('2026-10-05T06:00:00Z');
      const cause = { kind: 'rate_correction' as const, id: randomUUID(), reason: 'the fixing restated' };
      const expected: string[] = [];
      for (const id of ids) {
        await db
          .transaction()
          .execute(async (trx) => {
            const found = await adjustSubsidyFrom(trx, clock, id, FROM, cause);
            const row = await trx
              .selectFrom('subsidy_adjustments')
              .select(['recomputed_from', 'through_day'])
              .where('source_id', '=', cause.id)
              .executeTakeFirst();
            for (const a of found)
              expected.push(
                `${id} ${a.quarter} ${a.numeratorDelta} ${a.amountMinor} ${row?.recomputed_from} ${row?.through_day ?? 'null'}`,
              );
            throw new Rollback();
          })
          .catch((e) => {
            if (!(e instanceof Rollback)) throw e;
          });
      }
      const result = await db
        .transaction()
        .execute((trx) => adjustSubsidyForLoans(trx, clock, ids, FROM, cause));
      const rows = await sql<{ line: string; amount: string }>`
        SELECT loan_id || ' ' || quarter || ' ' || numerator_delta || ' ' || amount_minor || ' ' || recomputed_from
               || ' ' || coalesce(through_day::text, 'null') AS line, amount_minor::text AS amount
          FROM subsidy_adjustments WHERE source_id = ${cause.id}`.execute(db);
      expect(expected.length).toBeGreaterThan(ids.length / 2);
      expect(rows.rows.map((r) => r.line).sort()).toEqual(expected.sort());
      expect(result.rows).toBe(expected.length);
      expect(result.loans).toBe(new Set(expected.map((e) => e.split(' ')[0])).size);
      expect(result.netMinor).toBe(rows.rows.reduce((s, r) => s + Number(r.amount), 0));
      // One balanced ledger transaction carries them all.
      const ledger = await sql<{ txs: number; expense: string }>`
        SELECT count(DISTINCT e.transaction_id)::int AS txs, sum(e.debit_minor - e.credit_minor)::text AS expense
          FROM ledger_entries e
         WHERE e.account = 'subsidy_expense' AND e.transaction_id IN
               (SELECT ledger_transaction_id FROM subsidy_adjustments WHERE source_id = ${cause.id})`.execute(
        db,
      );
      expect(ledger.rows[0]).toEqual({ txs: 1, expense: String(result.netMinor) });
    }, 300_000);
  }
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { seedCallsDemo } from '../calls/index.ts';
import { seedIdentityDemo } from '../identity/index.ts';
import { verifyLedger } from './ledger-verify.service.ts';
import { seedLoansDemo } from './loans.demo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedIdentityDemo(t.deps);
  await seedCallsDemo(t.deps);
  await seedLoansDemo(t.deps);
}, 180_000);
afterAll(() => t.close());

describe('the loans demo', () => {
  it('shows a restated fixing, a write-off undone and a recovery (issue 19)', async () => {
    const n = async (q: string) =>
      Number((await sql<{ n: number }>`${sql.raw(q)}`.execute(t.deps.db)).rows[0]!.n);
    expect(await n('SELECT count(*)::int AS n FROM benchmark_rate_restatements')).toBe(1);
    expect(
      await n(
        "SELECT count(*)::int AS n FROM loan_actions WHERE kind = 'write_off_reversal' AND status = 'approved'",
      ),
    ).toBe(1);
    expect(await n('SELECT count(*)::int AS n FROM loan_recoveries')).toBe(1);
    expect((await verifyLedger(t.deps)).problems).toEqual([]);
  });

  it('has loans at both banks in every state the story needs, arrears, repayments and accruals', async () => {
    const loans = await t.deps.db
      .selectFrom('loans')
      .innerJoin('organizations', 'organizations.id', 'loans.bank_id')
      .select([
        'loans.status',
        'organizations.code',
        'loans.days_past_due',
        'loans.disbursed_minor',
        'loans.repaid_minor',
      ])
      .execute();
    expect(loans).toHaveLength(4);
    expect(new Set(loans.map((l) => l.code))).toEqual(new Set(['HBL', 'NBP']));
    expect(loans.map((l) => l.status).sort()).toEqual(['active', 'active', 'requested', 'written_off']);
    expect(loans.some((l) => l.days_past_due > 0)).toBe(true);
    expect(loans.some((l) => l.repaid_minor > 0)).toBe(true);
    const accruals = await sql<{ n: number }>`SELECT count(*)::int AS n FROM subsidy_accruals`.execute(
      t.deps.db,
    );
    expect(accruals.rows[0]!.n).toBeGreaterThan(3);
    const bal = await sql<{
      d: number;
      c: number;
    }>`SELECT sum(debit_minor)::bigint AS d, sum(credit_minor)::bigint AS c
      FROM ledger_entries`.execute(t.deps.db);
    expect(Number(bal.rows[0]!.d)).toBe(Number(bal.rows[0]!.c));
    expect((await verifyLedger(t.deps)).problems).toEqual([]);
    // Issue 19: a reversed duplicate, a back-dated repayment's subsidy adjustment, a note, grace days.
    const reversals = await t.deps.db.selectFrom('loan_reversals').select(['status', 'reason']).execute();
    expect(reversals).toEqual([
      { status: 'approved', reason: 'Keyed twice at the branch; the owner paid once' },
    ]);
    const adjustments = await t.deps.db
      .selectFrom('subsidy_adjustments')
      .select('amount_minor')
      .where('source_kind', '<>', 'rate_correction')
      .execute();
    expect(adjustments.length).toBeGreaterThan(0);
    // The real late repayment lowers the subsidy; the duplicate's adjustment and its reversal cancel.
    expect(adjustments.reduce((sum, a) => sum + Number(a.amount_minor), 0)).toBeLessThan(0);
    expect(await t.deps.db.selectFrom('loan_notes').select('id').execute()).toHaveLength(1);
    const rules = await t.deps.db.selectFrom('loan_rule_versions').select('grace_days').execute();
    expect(rules.map((r) => r.grace_days)).toEqual([0, 3]);
  });

  it('has a reschedule approved (with the schedule it replaced) and one waiting for the admin', async () => {
    const actions = await t.deps.db
      .selectFrom('loan_actions')
      .select(['kind', 'status', 'previous_schedule', 'requested_by', 'decided_by'])
      .orderBy('requested_at')
      .execute();
    expect(actions.map((a) => [a.kind, a.status])).toEqual([
      ['reschedule', 'approved'],
      ['reschedule', 'requested'],
      // The write-off made by mistake and undone, then the write-off that stands (issue 19).
      ['write_off', 'approved'],
      ['write_off_reversal', 'approved'],
      ['write_off', 'approved'],
    ]);
    expect((actions[0]!.previous_schedule as unknown[]).length).toBe(24);
    expect(actions[0]!.decided_by).toBeTruthy();
    expect(actions[1]!.requested_by).toBeTruthy();
  });
});

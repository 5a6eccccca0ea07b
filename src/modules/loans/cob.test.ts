import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPeriodic } from '../../jobs/scheduler.ts';
import { addDays } from '../../shared/time.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { closeOfBusiness, closeOfBusinessJob } from './cob.job.ts';
import { verifyLedger } from './ledger-verify.service.ts';
import { loanCentreFigures, loanMoneyFigures } from './loans.figures.ts';
import { idem, type LoanWorld, makeLoanWorld, nextRef, SANCTION, sanctionedLoan } from './loans.fixtures.ts';
import { accrualForPeriod, accrueDays } from './subsidy.ts';

let t: TestApp;
let w: LoanWorld;
let loanId: string;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  w = await makeLoanWorld(t);
  const rates = [
    { effectiveFrom: '2026-07-01', rateBps: 1_150 },
    { effectiveFrom: '2026-12-15', rateBps: 1_100 },
  ];
  for (const r of rates)
    await w.admin.post('/api/v1/loans/benchmark-rates', { benchmark: 'KIBOR_6M', source: 'SBP', ...r });
  await w.admin.post('/api/v1/loans/bank-spreads', {
    bankId: w.hbl.id,
    benchmark: 'KIBOR_6M',
    spreadBps: 500,
    effectiveFrom: '2026-01-01',
  });
  loanId = await sanctionedLoan(t, w, {
    ...SANCTION,
    amountMinor: 400_000_000,
    tenorMonths: 4,
    graceMonths: 0,
    firstRepaymentDate: '2026-12-10',
  });
  const d = await w.hbl.officer.post(
    `/api/v1/loans/${loanId}/disbursements`,
    { amountMinor: 400_000_000, disbursedOn: '2026-11-28', bankReference: nextRef() },
    idem(),
  );
  expect(d.statusCode).toBe(201);
});
afterAll(() => t.close());

const loanRow = () =>
  t.deps.db.selectFrom('loans').selectAll().where('id', '=', loanId).executeTakeFirstOrThrow();
async function ledgerBalanced() {
  const r = await sql<{ d: number; c: number }>`SELECT coalesce(sum(debit_minor),0)::bigint AS d,
    coalesce(sum(credit_minor),0)::bigint AS c FROM ledger_entries`.execute(t.deps.db);
  return Number(r.rows[0]!.d) === Number(r.rows[0]!.c);
}

describe('nightly close of business', () => {
  it('ages arrears and accrues the subsidy day by day, exactly as the pure rule does', async () => {
    for (let day = '2026-11-28'; day <= '2026-12-31'; day = addDays(day, 1))
      await closeOfBusiness(t.deps, day);
    const loan = await loanRow();
    // Instalment 1 (10 Dec) unpaid: 21 days past due on 31 Dec.
    expect(loan).toMatchObject({ days_past_due: 21, arrears_bucket: '1-30', status: 'active' });
    const inst = await t.deps.db
      .selectFrom('loan_instalments')
      .select(['number', 'status'])
      .where('loan_id', '=', loanId)
      .orderBy('number')
      .execute();
    expect(inst.map((i) => i.status)).toEqual(['overdue', 'scheduled', 'scheduled', 'scheduled']);

    const rows = await t.deps.db
      .selectFrom('subsidy_accruals')
      .selectAll()
      .where('loan_id', '=', loanId)
      .orderBy('day')
      .execute();
    expect(rows).toHaveLength(34);
    expect(rows.find((r) => r.day === '2026-12-14')!.rate_bps).toBe(1_650);
    expect(rows.find((r) => r.day === '2026-12-15')!.rate_bps).toBe(1_600);
    const days = rows.map((r) => ({
      day: r.day,
      outstandingMinor: r.outstanding_minor,
      rateBps: r.rate_bps,
    }));
    expect(rows.map((r) => r.amount_minor)).toEqual(accrueDays(days).map((d) => d.amountMinor));
    const total = rows.reduce((s, r) => s + r.amount_minor, 0);
    expect(total).toBe(accrualForPeriod(days));
    // Rs 4,000,000 at 16.50% for 17 days and 16.00% for 17 days: 4e8 × (1650 + 1600) × 17 / 3,650,000 paisa.
    expect(total).toBe(Math.round((400_000_000 * (1_650 + 1_600) * 17) / 3_650_000));
    // Posted per bank and day (decision 0009): the bank's payable is this, its only loan's, total.
    const ledger = await sql<{
      n: number;
    }>`SELECT coalesce(sum(e.credit_minor),0)::bigint AS n FROM ledger_entries e
      JOIN ledger_transactions x ON x.id = e.transaction_id
      WHERE x.kind = 'subsidy_accrual' AND e.account = 'subsidy_payable' AND e.bank_id = ${w.hbl.id}`.execute(
      t.deps.db,
    );
    expect(Number(ledger.rows[0]!.n)).toBe(total);
    expect(await ledgerBalanced()).toBe(true);
    expect((await w.owner.get(`/api/v1/loans/${loanId}`)).json().subsidyAccruedMinor).toBe(total);
  });

  it('is idempotent: re-running a day changes nothing', async () => {
    const before = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ledger_entries`.execute(t.deps.db);
    const again = await closeOfBusiness(t.deps, '2026-12-31');
    expect(again.accruedLoans).toBeGreaterThanOrEqual(1);
    const after = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ledger_entries`.execute(t.deps.db);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    // An instalment fell overdue once (a domain event then), and re-running the day records no other.
    const overdue = await sql<{ n: number }>`SELECT count(*)::int AS n FROM domain_events
      WHERE name = 'loan.instalment_overdue'`.execute(t.deps.db);
    await closeOfBusiness(t.deps, '2026-12-31');
    const overdueAgain = await sql<{ n: number }>`SELECT count(*)::int AS n FROM domain_events
      WHERE name = 'loan.instalment_overdue'`.execute(t.deps.db);
    expect(overdue.rows[0]!.n).toBeGreaterThan(0);
    expect(overdueAgain.rows[0]!.n).toBe(overdue.rows[0]!.n);
    // Re-running the instalment's due date sets it back to due; the next day's run makes it overdue
    // again, and still tells of it only once.
    const first = await sql<{ payload: { dueDate: string; asOf: string } }>`SELECT payload FROM domain_events
      WHERE name = 'loan.instalment_overdue' ORDER BY occurred_at LIMIT 1`.execute(t.deps.db);
    const { dueDate, asOf } = first.rows[0]!.payload;
    await closeOfBusiness(t.deps, dueDate);
    await closeOfBusiness(t.deps, asOf);
    const afterRerun = await sql<{ n: number }>`SELECT count(*)::int AS n FROM domain_events
      WHERE name = 'loan.instalment_overdue'`.execute(t.deps.db);
    expect(afterRerun.rows[0]!.n).toBe(overdue.rows[0]!.n);
    // Through the scheduler: once per day, even when asked twice.
    expect((await runPeriodic(t.deps, closeOfBusinessJob, '2027-01-01')).outcome).toBe('ran');
    expect((await runPeriodic(t.deps, closeOfBusinessJob, '2027-01-01')).outcome).toBe('skipped');
  });

  it('a repayment brings the loan current and lowers the next day’s accrual', async () => {
    t.clock.set('2027-01-02T05:00:00Z');
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/loans/${loanId}/repayments`,
      headers: { authorization: `Bearer ${w.hbl.apiKey}`, ...idem() },
      payload: { amountMinor: 100_000_000, paidOn: '2027-01-02', bankReference: nextRef() },
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      daysPastDue: 0,
      arrearsBucket: 'current',
      outstandingMinor: 300_000_000,
    });
    await closeOfBusiness(t.deps, '2027-01-02');
    const day = await t.deps.db
      .selectFrom('subsidy_accruals')
      .selectAll()
      .where('loan_id', '=', loanId)
      .where('day', '=', '2027-01-02')
      .executeTakeFirstOrThrow();
    expect(day.outstanding_minor).toBe(300_000_000);
  });

  it('classifies a loan loss at 540 days past due, and it accrues no more', async () => {
    // Instalment 2 fell due on 10 Jan 2027; 540 days later is 3 July 2028.
    expect(addDays('2027-01-10', 540)).toBe('2028-07-03');
    const r1 = await closeOfBusiness(t.deps, '2028-07-02');
    expect(r1.classifiedLoss).not.toContain(loanId);
    expect((await loanRow()).arrears_bucket).toBe('181+');
    const r2 = await closeOfBusiness(t.deps, '2028-07-03');
    expect(r2.classifiedLoss).toContain(loanId);
    expect(await loanRow()).toMatchObject({
      status: 'loss',
      classified_loss_on: '2028-07-03',
      days_past_due: 540,
    });
    await closeOfBusiness(t.deps, '2028-07-04');
    const late = await t.deps.db
      .selectFrom('subsidy_accruals')
      .select('day')
      .where('loan_id', '=', loanId)
      .where('day', '>=', '2028-07-03')
      .execute();
    expect(late).toHaveLength(0);
    expect(await ledgerBalanced()).toBe(true);
  });

  it('feeds the public figures, by province', async () => {
    const asOf = new Date('2028-07-05T00:00:00Z');
    const value = async (key: string) =>
      [...loanCentreFigures, ...loanMoneyFigures].find((f) => f.key === key)!.compute!(t.deps.db, asOf);
    expect(await value('centres.loan_sanctioned')).toEqual({ total: 1, byProvince: { PB: 1 } });
    expect(await value('centres.disbursed')).toEqual({ total: 1, byProvince: { PB: 1 } });
    expect((await value('loans.sanctioned_pkr')).total).toBe(400_000_000);
    expect((await value('loans.disbursed_pkr')).total).toBe(400_000_000);
    expect((await value('loans.repaid_pkr')).total).toBe(100_000_000);
    expect(await value('loans.par30_pkr')).toEqual({ total: 300_000_000, byProvince: { PB: 300_000_000 } });
  });

  it('the ledger verifies: balanced, and each loan’s balance equals its schedule’s outstanding', async () => {
    const res = await verifyLedger(t.deps);
    expect(res.problems).toEqual([]);
    expect(res.ok).toBe(true);
    expect(res.debitsMinor).toBe(res.creditsMinor);
  });

  it('the ledger check finds subsidy accrued for a bank and not posted', async () => {
    const rolledBack = new Error('rolled back');
    const found = await t.deps.db
      .transaction()
      .execute(async (trx) => {
        await trx
          .insertInto('subsidy_accruals')
          .values({
            loan_id: loanId,
            day: '2030-01-01',
            bank_id: w.hbl.id,
            outstanding_minor: 1,
            rate_bps: 1,
            numerator: 1,
            cumulative_numerator: 1,
            amount_minor: 7,
          })
          .execute();
        const res = await verifyLedger({ ...t.deps, db: trx });
        expect(res.ok).toBe(false);
        expect(res.problems).toEqual([expect.stringContaining(`bank ${w.hbl.id}: subsidy payable posted`)]);
        throw rolledBack;
      })
      .catch((e) => e);
    expect(found).toBe(rolledBack);
    expect((await verifyLedger(t.deps)).ok).toBe(true);
  });

  it('downloads the schedule as CSV', async () => {
    t.clock.set('2026-11-29T05:00:00Z'); // while the test sessions are valid
    const owner = await w.owner.get(`/api/v1/loans/${loanId}/schedule.csv`);
    expect(owner.statusCode).toBe(200);
    expect(owner.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    // RFC 4180: every line ends in CRLF, the last one too.
    const lines = owner.body.split('\r\n');
    expect(lines[0]).toBe('number,due_date,principal_pkr,paid_pkr,outstanding_pkr,status');
    expect(lines[1]).toBe('1,2026-12-10,1000000.00,1000000.00,0.00,paid');
    expect(lines.at(-1)).toBe('');
    expect(owner.body.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect((await w.nbp.officer.get(`/api/v1/loans/${loanId}/schedule.csv`)).statusCode).toBe(404);
  });

  it('rolls the portfolio up by bank and province; a bank sees only its own', async () => {
    const res = await w.hbl.officer.get('/api/v1/loans/portfolio');
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.programme).toMatchObject({
      loans: 1,
      outstandingMinor: 300_000_000,
      par30Minor: 300_000_000,
      par90Minor: 300_000_000,
    });
    expect(p.programme.bucketsMinor['181+']).toBe(300_000_000);
    expect(p.byProvince.map((r: { key: string }) => r.key)).toEqual(['PB']);
    const nbp = (await w.nbp.officer.get('/api/v1/loans/portfolio')).json();
    expect(nbp.programme.loans).toBe(0);
    expect((await w.owner.get('/api/v1/loans/portfolio')).statusCode).toBe(403);
  });
});

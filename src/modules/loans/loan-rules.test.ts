import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { partlyIneligible } from './claims.service.ts';
import { closeOfBusiness } from './cob.job.ts';
import { previewSchedule } from './loan-read.service.ts';
import { cobLines } from './loans.cli.ts';
import { idem, type LoanWorld, makeLoanWorld, SANCTION, sanctionedLoan } from './loans.fixtures.ts';

/**
 * Issue 19's smaller findings, each as it failed before: a tranche after a due date rewrote the
 * instalment already due and left it current; arrears had no grace days; the loss date was the
 * day the batch noticed; `cob run --again` printed the day's totals as if posted again; a schedule
 * started on the 31st drifted to the 28th; a partly ineligible claim line had no reason.
 */
let t: TestApp;
let w: LoanWorld;
let a: string;
let b: string;
const key = () => ({ authorization: `Bearer ${w.hbl.apiKey}` });
const get = async (id: string) =>
  (await t.app.inject({ method: 'GET', url: `/api/v1/loans/${id}`, headers: key() })).json();
const disburse = (id: string, amountMinor: number, disbursedOn: string, bankReference: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/loans/${id}/disbursements`,
    headers: { ...key(), ...idem() },
    payload: { amountMinor, disbursedOn, bankReference },
  });
async function admin() {
  const u = await makeUser(t.deps, 'program_admin');
  return loginClient(t.app, u.email);
}

beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  t.clock.set('2026-01-05T06:00:00Z');
  w = await makeLoanWorld(t);
  await w.admin.post('/api/v1/loans/benchmark-rates', {
    benchmark: 'KIBOR_6M',
    effectiveFrom: '2026-01-01',
    rateBps: 1_000,
    source: 'SBP',
  });
  await w.admin.post('/api/v1/loans/bank-spreads', {
    bankId: w.hbl.id,
    benchmark: 'KIBOR_6M',
    spreadBps: 500,
    effectiveFrom: '2026-01-01',
  });
  const twelve = { ...SANCTION, amountMinor: 120_000_000, tenorMonths: 12, graceMonths: 0 };
  a = await sanctionedLoan(t, w, { ...twelve, firstRepaymentDate: '2026-02-10' });
  b = await sanctionedLoan(t, w, { ...twelve, firstRepaymentDate: '2026-03-10' });
  expect((await disburse(a, 60_000_000, '2026-01-05', 'A-1')).statusCode).toBe(201);
}, 120_000);
afterAll(() => t.close());

describe('a tranche after an instalment fell due', () => {
  it('keeps the instalment already due and re-amortises only the future ones; arrears at once', async () => {
    t.clock.set('2026-03-01T06:00:00Z');
    const r = await disburse(a, 60_000_000, '2026-03-01', 'A-2');
    expect(r.statusCode).toBe(201);
    const loan = r.json();
    // Instalment 1 (10 Feb) stays Rs 50,000 — not Rs 100,000 — and is overdue now, not at night:
    // 1 Mar − 10 Feb = 19 days. The other Rs 1,150,000 over 11 whole-rupee instalments:
    // 115,000,000 / 1,100 = 104,545.45 → Rs 104,545 each, the last Rs 104,550.
    expect(loan.instalments[0]).toMatchObject({
      dueDate: '2026-02-10',
      principalMinor: 5_000_000,
      status: 'overdue',
    });
    expect(loan.instalments.slice(1).map((i: { principalMinor: number }) => i.principalMinor)).toEqual([
      ...Array(10).fill(10_454_500),
      10_455_000,
    ]);
    expect(loan).toMatchObject({ daysPastDue: 19, arrearsBucket: '1-30' });
  });
});

describe('grace days and the loss date', () => {
  it('an instalment inside the grace days is due, not overdue, and the loan current', async () => {
    const added = await (await admin()).post('/api/v1/loans/rules', {
      effectiveFrom: '2026-03-01',
      graceDays: 5,
      reversalApprovalMinor: 10_000_000,
      backdateMaxDays: 365,
      dueDateRoll: 'none',
    });
    expect(added.statusCode).toBe(201);
    expect((await disburse(b, 120_000_000, '2026-03-01', 'B-1')).statusCode).toBe(201);
    await closeOfBusiness(t.deps, '2026-03-15'); // 5 days after 10 Mar: still in grace
    expect(await get(b)).toMatchObject({ daysPastDue: 0, arrearsBucket: 'current' });
    expect((await get(b)).instalments[0].status).toBe('due');
    await closeOfBusiness(t.deps, '2026-03-16'); // 6 days: past grace, counted from the due date
    expect(await get(b)).toMatchObject({ daysPastDue: 6, arrearsBucket: '1-30' });
    expect((await get(b)).instalments[0].status).toBe('overdue');
  });

  it('the loss date is the day the threshold was reached, though the batch ran days later', async () => {
    t.clock.set('2026-05-21T06:00:00Z');
    expect((await (await admin()).patch('/api/v1/loans/settings', { lossDaysPastDue: 90 })).statusCode).toBe(
      200,
    );
    // Loan A's oldest unpaid instalment fell due 10 Feb: 90 days are reached on 11 May. The batch
    // first runs again on 20 May (99 days past due).
    const r = await closeOfBusiness(t.deps, '2026-05-20');
    expect(r.classifiedLoss).toContain(a);
    expect((await get(a)).classifiedLossOn).toBe('2026-05-11');
  });
});

describe('close of business run again', () => {
  it('reports that it posted nothing new, besides the day’s totals', async () => {
    const first = await closeOfBusiness(t.deps, '2026-05-21');
    // Loan B alone (loan A is loss from 11 May): Rs 1,200,000 at 15.00% for a day,
    // 120,000,000 × 1,500 / 3,650,000 = 49,315.07 on top of its running total.
    expect(first).toMatchObject({ accruedLoans: 1, newlyAccruedLoans: 1 });
    expect(first.newlyAccruedMinor).toBe(first.accruedMinor);
    const again = await closeOfBusiness(t.deps, '2026-05-21');
    expect(again).toMatchObject({
      newlyAccruedLoans: 0,
      newlyAccruedMinor: 0,
      accruedMinor: first.accruedMinor,
    });
    expect(cobLines(again)[0]).toContain('subsidy newly accrued on 0 loan(s): Rs 0.00');
  });
});

describe('schedules and claim lines', () => {
  it('a schedule started on 31 January keeps the 31st (clamped only in shorter months)', () => {
    const s = previewSchedule(
      { principalMinor: 400_000, tenorMonths: 4, graceMonths: 0, start: '2027-01-31' },
      '2027-01-01',
    );
    expect(s.instalments.map((i) => i.dueDate)).toEqual([
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
      '2027-05-31',
    ]);
  });

  it('a claim line only partly ineligible says why', () => {
    const q2 = { start: '2026-04-01', end: '2026-06-30' };
    expect(partlyIneligible({ classifiedLossOn: '2026-05-11', closedOn: null }, q2)).toBe(
      'partly ineligible: classified loss from 2026-05-11',
    );
    expect(partlyIneligible({ classifiedLossOn: null, closedOn: '2026-06-30' }, q2)).toBe(
      'partly ineligible: closed on 2026-06-30',
    );
    expect(partlyIneligible({ classifiedLossOn: null, closedOn: null }, q2)).toBeNull();
  });
});

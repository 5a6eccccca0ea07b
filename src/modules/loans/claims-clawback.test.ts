import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/time.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { closeOfBusiness } from './cob.job.ts';
import { verifyLedger } from './ledger-verify.service.ts';
import { idem, type LoanWorld, makeLoanWorld, nextRef, SANCTION, sanctionedLoan } from './loans.fixtures.ts';

/**
 * Claims as JSON lines, bad input in both forms (nothing posted), the deadline in working days
 * with public holidays, and a clawback from loss classification dated back into a paid quarter,
 * deducted from the next claim. Two loans of Rs 2,000,000 at HBL, disbursed 1 Jul 2026, at
 * KIBOR 11.50% + 500 bps = 16.50%.
 */
let t: TestApp;
let w: LoanWorld;
let a: string;
let b: string;
const key = () => ({ authorization: `Bearer ${w.hbl.apiKey}` });
const post = (url: string, payload: unknown) =>
  t.app.inject({ method: 'POST', url, headers: key(), payload: payload as object });
const ledgerCount = async () =>
  Number(
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ledger_entries`.execute(t.deps.db)).rows[0]!.n,
  );
const claimCount = async () =>
  Number(
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM subsidy_claims`.execute(t.deps.db)).rows[0]!.n,
  );
async function admin() {
  const u = await makeUser(t.deps, 'program_admin');
  return loginClient(t.app, u.email);
}
async function cob(from: string, to: string) {
  for (let d = from; d <= to; d = addDays(d, 1)) await closeOfBusiness(t.deps, d);
}

// Rs 2,000,000 at 16.50% for the 92 days of Q3: 2e8 × 1,650 × 92 / 3,650,000 = 8,317,808.2 → 8,317,808.
const Q3 = 8_317_808;
// 1 Jul–31 Aug (62 days): 2e8 × 1,650 × 62 / 3,650,000 = 5,605,479.45 → 5,605,479; so Sep = 2,712,329.
const JUL_AUG = 5_605_479;

beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  t.clock.set('2026-06-20T06:00:00Z');
  w = await makeLoanWorld(t);
  await w.admin.post('/api/v1/loans/benchmark-rates', {
    benchmark: 'KIBOR_6M',
    effectiveFrom: '2026-06-01',
    rateBps: 1_150,
    source: 'SBP',
  });
  await w.admin.post('/api/v1/loans/bank-spreads', {
    bankId: w.hbl.id,
    benchmark: 'KIBOR_6M',
    spreadBps: 500,
    effectiveFrom: '2026-06-01',
  });
  const ids: string[] = [];
  for (let i = 0; i < 2; i++) ids.push(await sanctionedLoan(t, w, { ...SANCTION, amountMinor: 200_000_000 }));
  t.clock.set('2026-07-01T08:00:00Z');
  for (const id of ids) {
    const d = await t.app.inject({
      method: 'POST',
      url: `/api/v1/loans/${id}/disbursements`,
      headers: { ...key(), ...idem() },
      payload: { amountMinor: 200_000_000, disbursedOn: '2026-07-01', bankReference: nextRef() },
    });
    expect(d.statusCode).toBe(201);
  }
  [a, b] = ids as [string, string];
  await cob('2026-07-01', '2026-09-30');
  t.clock.set('2026-10-05T06:00:00Z');
}, 300_000);
afterAll(() => t.close());

describe('filing a claim', () => {
  it('refuses bad JSON lines and bad CSV lines by row and column, and posts nothing', async () => {
    const entries = await ledgerCount();
    const dup = await post('/api/v1/loans/claims/lines', {
      quarter: '2026-Q3',
      lines: [
        { loanId: a, claimedMinor: Q3 },
        { loanId: a, claimedMinor: Q3 },
        { loanId: randomUUID(), claimedMinor: 5 },
      ],
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().fields).toEqual([
      {
        path: 'lines.1.loanId',
        message: 'repeats line 0',
        rule: 'claim_duplicate_loan',
        params: { row: 1, column: 'loanId', firstRow: 0 },
      },
      {
        path: 'lines.2.loanId',
        message: 'is not a loan of this bank',
        rule: 'claim_unknown_loan',
        params: { row: 2, column: 'loanId' },
      },
    ]);
    const negative = await post('/api/v1/loans/claims/lines', {
      quarter: '2026-Q3',
      lines: [{ loanId: a, claimedMinor: -100 }],
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().fields[0].path).toBe('lines.0.claimedMinor');

    const csv = [
      'loan_id,claimed_pkr',
      `${a},-83178.08`, // negative
      `${b},83.178.08`, // decimal point in the wrong place
      `${randomUUID()},1,000.00`, // a thousands separator splits the line
    ].join('\n');
    const bad = await post('/api/v1/loans/claims', { quarter: '2026-Q3', csv });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.map((f: { path: string }) => f.path)).toEqual([
      'csv.row 2.claimed_pkr',
      'csv.row 3.claimed_pkr',
      'csv.row 4',
    ]);
    expect(bad.json().fields.map((f: { rule?: string }) => f.rule)).toEqual([
      'claim_negative',
      'claim_amount_format',
      'claim_columns',
    ]);
    const header = await post('/api/v1/loans/claims', {
      quarter: '2026-Q3',
      csv: `loan_id;claimed_pkr\n${a};1`,
    });
    expect(header.json().fields).toEqual([
      {
        path: 'csv.row 1',
        message: 'the header must be exactly "loan_id,claimed_pkr"',
        rule: 'claim_header',
        params: { row: 1, expected: 'loan_id,claimed_pkr' },
      },
    ]);
    expect(await claimCount()).toBe(0);
    expect(await ledgerCount()).toBe(entries);
  });

  it('shows the quarter with its deadline, skipping weekends and public holidays', async () => {
    const adminClient = await admin();
    const before = (await adminClient.get('/api/v1/loans/claims/quarters')).json();
    // Q3 2026 ends Wed 30 Sep: 15 weekdays later is Wed 21 Oct (no public holiday in between).
    expect(before.find((q: { quarter: string }) => q.quarter === '2026-Q3')).toMatchObject({
      dueBy: '2026-10-21',
      daysLeft: 16,
      overdue: false,
      claimId: null,
      computedMinor: 2 * Q3,
    });
    // A holiday on Thu 8 Oct (e.g. a moon-dated one entered later) moves the deadline a day.
    await sql`INSERT INTO programme_holidays (day, name_en, name_ur, source)
      VALUES ('2026-10-08', 'Test holiday', 'آزمائشی تعطیل', 'test')`.execute(t.deps.db);
    const after = (await adminClient.get('/api/v1/loans/claims/quarters')).json();
    expect(after.find((q: { quarter: string }) => q.quarter === '2026-Q3').dueBy).toBe('2026-10-22');
    await sql`DELETE FROM programme_holidays WHERE day = '2026-10-08'`.execute(t.deps.db);
  });

  it('files JSON lines like the CSV: reconciled, matched', async () => {
    const res = await post('/api/v1/loans/claims/lines', {
      quarter: '2026-Q3',
      lines: [
        { loanId: a, claimedMinor: Q3 },
        { loanId: b, claimedMinor: Q3 },
      ],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'reconciled',
      dueBy: '2026-10-21',
      claimedMinor: 2 * Q3,
      computedMinor: 2 * Q3,
      counts: { matched: 2, differing: 0, ineligible: 0 },
      deductions: [],
    });
    const csv = await t.app.inject({
      method: 'GET',
      url: `/api/v1/loans/claims/${res.json().id}/reconciliation.csv`,
      headers: key(),
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(csv.body.endsWith('\r\n')).toBe(true);
    expect(csv.body.split('\r\n')[0]).toBe(
      'line,loan_id,claimed_pkr,computed_pkr,difference_pkr,outcome,reason',
    );
    expect(csv.body).toContain(`1,${a},83178.08,83178.08,0.00,matched,`);
  });
});

describe('clawback', () => {
  it('takes back paid subsidy when a loan is classified loss from a day inside the paid quarter, and deducts it from the next claim', async () => {
    const adminClient = await admin();
    const [q3] = (await adminClient.get('/api/v1/loans/claims')).json();
    expect(
      (await adminClient.post(`/api/v1/loans/claims/${q3.id}/decision`, { decision: 'approve' })).statusCode,
    ).toBe(200);
    const payUrl = `/api/v1/loans/claims/${q3.id}/payment`;
    const wrong = await adminClient.post(
      payUrl,
      { paidOn: '2026-10-05', amountMinor: 1, reference: 'AGPR-9' },
      idem(),
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().fields[0].path).toBe('amountMinor');
    const paid = await adminClient.post(
      payUrl,
      { paidOn: '2026-10-05', amountMinor: 2 * Q3, reference: 'AGPR-9' },
      idem(),
    );
    expect(paid.json()).toMatchObject({ status: 'paid', paidMinor: 2 * Q3, clawbackMinor: 0 });

    // The bank reports late that loan A defaulted; the programme classifies it loss from 1 Sep.
    const byBank = await post(`/api/v1/loans/${a}/loss-classification`, {
      effectiveOn: '2026-09-01',
      reason: 'Default reported late',
    });
    expect(byBank.statusCode).toBe(403);
    // A date in the future, or not after the disbursement, is refused naming the field and rule.
    for (const [effectiveOn, rule] of [
      ['2099-01-01', 'loss_in_future'],
      ['2000-01-01', 'loss_before_disbursement'],
    ] as const) {
      const bad = await adminClient.post(`/api/v1/loans/${a}/loss-classification`, {
        effectiveOn,
        reason: 'Default reported late by the bank',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().fields).toMatchObject([{ path: 'effectiveOn', rule }]);
    }
    const loss = await adminClient.post(`/api/v1/loans/${a}/loss-classification`, {
      effectiveOn: '2026-09-01',
      reason: 'Default reported late by the bank',
    });
    expect(loss.statusCode).toBe(200);
    expect(loss.json()).toEqual({ loanId: a, classifiedLossOn: '2026-09-01', clawbacks: 1 });
    const notEarlier = await adminClient.post(`/api/v1/loans/${a}/loss-classification`, {
      effectiveOn: '2026-09-15',
      reason: 'Default reported late by the bank',
    });
    expect(notEarlier.statusCode).toBe(400);
    expect(notEarlier.json().fields).toMatchObject([{ path: 'effectiveOn', rule: 'loss_not_earlier' }]);
    const q3After = (await adminClient.get(`/api/v1/loans/claims/${q3.id}`)).json();
    expect(q3After.clawedBack).toMatchObject([
      {
        loanId: a,
        quarter: '2026-Q3',
        ineligibleFrom: '2026-09-01',
        amountMinor: Q3 - JUL_AUG,
        appliedClaimId: null,
      },
    ]);
    expect(q3After.clawedBack[0].reason).toBe('classified loss from 2026-09-01');

    // The nightly run finds nothing new: a clawback is raised once.
    await cob('2026-10-01', '2026-12-31');
    expect(
      Number(
        (await sql<{ n: number }>`SELECT count(*)::int AS n FROM subsidy_clawbacks`.execute(t.deps.db))
          .rows[0]!.n,
      ),
    ).toBe(1);
    expect((await verifyLedger(t.deps)).problems).toEqual([]);

    // Q4: loan B only (A is loss); the clawback is deducted from the payment.
    t.clock.set('2027-01-05T06:00:00Z');
    // Rs 2,000,000 at 16.50% for 92 days again.
    const q4 = await post('/api/v1/loans/claims', {
      quarter: '2026-Q4',
      csv: `loan_id,claimed_pkr\n${b},83178.08\n`,
    });
    expect(q4.statusCode).toBe(201);
    expect(q4.json()).toMatchObject({
      counts: { matched: 1 },
      deductions: [{ loanId: a, amountMinor: Q3 - JUL_AUG }],
    });
    const admin2 = await admin();
    const approved = await admin2.post(`/api/v1/loans/claims/${q4.json().id}/decision`, {
      decision: 'approve',
    });
    expect(approved.json()).toMatchObject({ approvedMinor: Q3, payableMinor: Q3 - (Q3 - JUL_AUG) });
    const pay4 = await admin2.post(
      `/api/v1/loans/claims/${q4.json().id}/payment`,
      { paidOn: '2027-01-05', amountMinor: JUL_AUG, reference: 'AGPR-10' },
      idem(),
    );
    expect(pay4.statusCode).toBe(200);
    expect(pay4.json()).toMatchObject({ status: 'paid', paidMinor: JUL_AUG, clawbackMinor: Q3 - JUL_AUG });
    expect(pay4.json().deductions[0].appliedClaimId).toBe(q4.json().id);

    const ledger = await verifyLedger(t.deps);
    expect(ledger.problems).toEqual([]);
    const receivable = await sql<{ bal: string }>`
      SELECT coalesce(sum(debit_minor - credit_minor), 0)::text AS bal FROM ledger_entries WHERE account = 'clawback_receivable'`.execute(
      t.deps.db,
    );
    expect(receivable.rows[0]!.bal).toBe('0');
    const cost = (await admin2.get('/api/v1/loans/subsidy')).json();
    const hbl = cost.byBank.find((r: { clawbackMinor: number }) => r.clawbackMinor > 0);
    expect(hbl).toMatchObject({ paidMinor: 2 * Q3 + JUL_AUG, clawbackMinor: Q3 - JUL_AUG });
  });

  it('keeps a clawback that does not fit in the next approved amount pending for the claim after', async () => {
    const adminClient = await admin();
    // Loan B classified loss from 1 Dec 2026, inside the paid Q4 claim. B's exact running total:
    // through 30 Sep (92 days) 8,317,808.2 → 8,317,808; through 30 Nov (153 days)
    // 2e8 × 1,650 × 153 / 3,650,000 = 13,832,876.7 → 13,832,877. Eligible in Q4: 5,515,069;
    // so 8,317,808 − 5,515,069 = 2,802,739 is clawed back (December).
    const loss = await adminClient.post(`/api/v1/loans/${b}/loss-classification`, {
      effectiveOn: '2026-12-01',
      reason: 'Default reported late by the bank',
    });
    expect(loss.json().clawbacks).toBe(1);
    t.clock.set('2027-04-05T06:00:00Z');
    const admin2 = await admin();
    // Q1 2027: nothing accrued, the bank files a nil line; the clawback is attached but cannot
    // be deducted from nothing, so it is released and waits.
    const q1 = await post('/api/v1/loans/claims/lines', {
      quarter: '2027-Q1',
      lines: [{ loanId: b, claimedMinor: 0 }],
    });
    expect(q1.statusCode).toBe(201);
    expect(q1.json().deductions).toMatchObject([{ loanId: b, amountMinor: 2_802_739 }]);
    await admin2.post(`/api/v1/loans/claims/${q1.json().id}/decision`, { decision: 'approve' });
    const paid = await admin2.post(
      `/api/v1/loans/claims/${q1.json().id}/payment`,
      { paidOn: '2027-04-05', amountMinor: 0, reference: 'AGPR-11' },
      idem(),
    );
    expect(paid.json()).toMatchObject({ status: 'paid', paidMinor: 0, clawbackMinor: 0, deductions: [] });
    const pending = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM subsidy_clawbacks WHERE applied_claim_id IS NULL AND amount_minor = 2802739`.execute(
      t.deps.db,
    );
    expect(pending.rows[0]!.n).toBe(1);
    expect((await verifyLedger(t.deps)).problems).toEqual([]);
  });
});

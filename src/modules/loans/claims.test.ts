import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/time.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { closeOfBusiness } from './cob.job.ts';
import { verifyLedger } from './ledger-verify.service.ts';
import { subsidyPaidFigure } from './loans.figures.ts';
import { idem, type LoanWorld, makeLoanWorld, nextRef, SANCTION, sanctionedLoan } from './loans.fixtures.ts';

let t: TestApp;
let w: LoanWorld;
const loans: string[] = [];
let undisbursed: string;
const auth = () => ({ authorization: `Bearer ${w.hbl.apiKey}` });
const file = (quarter: string, csv: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/loans/claims', headers: auth(), payload: { quarter, csv } });

beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  w = await makeLoanWorld(t);
  await w.admin.post('/api/v1/loans/benchmark-rates', {
    benchmark: 'KIBOR_6M',
    effectiveFrom: '2026-07-01',
    rateBps: 1_150,
    source: 'SBP',
  });
  await w.admin.post('/api/v1/loans/bank-spreads', {
    bankId: w.hbl.id,
    benchmark: 'KIBOR_6M',
    spreadBps: 500,
    effectiveFrom: '2026-07-01',
  });
  for (let i = 0; i < 2; i++) {
    const id = await sanctionedLoan(t, w, { ...SANCTION, amountMinor: 200_000_000 });
    const d = await w.hbl.officer.post(
      `/api/v1/loans/${id}/disbursements`,
      { amountMinor: 200_000_000, disbursedOn: '2026-11-28', bankReference: nextRef() },
      idem(),
    );
    expect(d.statusCode).toBe(201);
    loans.push(id);
  }
  undisbursed = await sanctionedLoan(t, w, { ...SANCTION, amountMinor: 100_000_000 });
  for (let d = '2026-11-28'; d <= '2026-12-31'; d = addDays(d, 1)) await closeOfBusiness(t.deps, d);
  t.clock.set('2027-01-05T06:00:00Z');
});
afterAll(() => t.close());

describe('quarterly subsidy claims', () => {
  it('refuses a bad file whole, naming row and column', async () => {
    const [a] = loans;
    const header = await file('2026-Q4', `loan,amount\n${a},1`);
    expect(header.statusCode).toBe(400);
    expect(header.json().fields).toEqual([
      {
        path: 'csv.row 1',
        message: 'the header must be exactly "loan_id,claimed_pkr"',
        rule: 'claim_header',
        params: { row: 1, expected: 'loan_id,claimed_pkr' },
      },
    ]);
    const bad = await file(
      '2026-Q4',
      `loan_id,claimed_pkr\n${a},10\n${a},10\n${randomUUID()},5\n${loans[1]},12.345`,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.map((f: { path: string }) => f.path)).toEqual([
      'csv.row 3.loan_id',
      'csv.row 5.claimed_pkr',
      'csv.row 4.loan_id',
    ]);
    // Each problem names its rule and figures, so the web app can word it in Urdu.
    expect(
      bad.json().fields.map((f: { rule?: string; params?: object }) => ({ rule: f.rule, params: f.params })),
    ).toEqual([
      { rule: 'claim_duplicate_loan', params: { row: 3, column: 'loan_id', firstRow: 2 } },
      { rule: 'claim_amount_format', params: { row: 5, column: 'claimed_pkr', example: '415890.41' } },
      { rule: 'claim_unknown_loan', params: { row: 4, column: 'loan_id' } },
    ]);
    const open = await file('2027-Q1', `loan_id,claimed_pkr\n${a},10`);
    expect(open.statusCode).toBe(400);
    expect(open.json().fields[0].path).toBe('quarter');
    const none = await t.app.inject({ method: 'GET', url: '/api/v1/loans/claims', headers: auth() });
    expect(none.json()).toEqual([]);
  });

  it('reconciles each line: matched, differing with both figures, ineligible; the admin decides and pays', async () => {
    const [a, b] = loans as [string, string];
    // Rs 2,000,000 at 16.50% for 34 days (28 Nov–31 Dec) = 2e8 × 1650 × 34 / 3,650,000 = 3,073,972.6 → 3,073,973 paisa.
    const csv = `loan_id,claimed_pkr\n${a},30739.73\n${b},30739.74\n${undisbursed},100.00\n`;
    const res = await file('2026-Q4', csv);
    expect(res.statusCode).toBe(201);
    const claim = res.json();
    expect(claim).toMatchObject({
      quarter: '2026-Q4',
      status: 'reconciled',
      dueBy: '2027-01-21',
      filedLate: false,
      claimedMinor: 3_073_973 + 3_073_974 + 10_000,
      computedMinor: 2 * 3_073_973,
      counts: { matched: 1, differing: 1, ineligible: 1 },
    });
    expect(claim.lines[1]).toMatchObject({
      outcome: 'differing',
      claimedMinor: 3_073_974,
      computedMinor: 3_073_973,
      differenceMinor: 1,
    });
    expect(claim.lines[2]).toMatchObject({
      outcome: 'ineligible',
      reason: 'no subsidy accrued in the quarter',
      reasonCode: 'no_subsidy',
      reasonParams: {},
    });
    expect(claim.lines[1]).toMatchObject({ reason: null, reasonCode: null, reasonParams: {} });
    expect((await file('2026-Q4', csv)).statusCode).toBe(409);
    expect((await w.nbp.officer.get(`/api/v1/loans/claims/${claim.id}`)).statusCode).toBe(401); // session expired
    const nbpOfficer = await makeUser(t.deps, 'bank_officer', { organizationId: w.nbp.id });
    const nbp = await loginClient(t.app, nbpOfficer.email);
    expect((await nbp.get(`/api/v1/loans/claims/${claim.id}`)).statusCode).toBe(404);
    expect((await nbp.get(`/api/v1/loans/claims/${claim.id}/detail`)).statusCode).toBe(404);

    const adminUser = await makeUser(t.deps, 'program_admin');
    const admin = await loginClient(t.app, adminUser.email);
    const over = await admin.post(`/api/v1/loans/claims/${claim.id}/decision`, {
      decision: 'partly_approve',
      approvedMinor: claim.claimedMinor + 1,
      note: 'too much',
    });
    expect(over.statusCode).toBe(400);
    expect(over.json().fields[0].path).toBe('approvedMinor');
    const part = await admin.post(`/api/v1/loans/claims/${claim.id}/decision`, {
      decision: 'partly_approve',
      approvedMinor: claim.computedMinor,
      note: 'Markaz figures for the differing line; the ineligible line is refused',
    });
    expect(part.statusCode).toBe(200);
    expect(part.json()).toMatchObject({ status: 'partly_approved', approvedMinor: 2 * 3_073_973 });
    // The documented address and the first one answer the same.
    const detail = await admin.get(`/api/v1/loans/claims/${claim.id}/detail`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toEqual((await admin.get(`/api/v1/loans/claims/${claim.id}`)).json());

    const url = `/api/v1/loans/claims/${claim.id}/payment`;
    expect((await admin.post(url, { paidOn: '2027-01-05', reference: 'AGPR-1' })).statusCode).toBe(400);
    const paid = await admin.post(url, { paidOn: '2027-01-05', reference: 'AGPR-1' }, idem());
    expect(paid.statusCode).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'paid', paidMinor: 2 * 3_073_973, paidOn: '2027-01-05' });
    expect((await admin.post(url, { paidOn: '2027-01-05', reference: 'AGPR-2' }, idem())).statusCode).toBe(
      409,
    );
    expect((await verifyLedger(t.deps)).problems).toEqual([]);
    expect((await subsidyPaidFigure.compute!(t.deps.db, new Date('2027-01-06T00:00:00Z'))).total).toBe(
      2 * 3_073_973,
    );
  });
});

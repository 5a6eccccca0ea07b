import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/time.ts';
import { type Client, createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { closeOfBusiness } from './cob.job.ts';
import { verifyLedger } from './ledger-verify.service.ts';
import { idem, type LoanWorld, makeLoanWorld, nextRef, SANCTION, sanctionedLoan } from './loans.fixtures.ts';

/**
 * A clawback counts the subsidy adjustments already made for its quarter (issue 19). One loan of
 * Rs 2,000,000 at HBL, disbursed 1 Jul 2026 at KIBOR 11.50% + 500 bps = 16.50%; Q3 claimed and
 * paid in full; then a repayment of Rs 1,000,000 dated back to 1 Aug, then loss from 1 Sep.
 */
let t: TestApp;
let w: LoanWorld;
let loanId: string;
let adm: Client;
const key = () => ({ authorization: `Bearer ${w.hbl.apiKey}` });

// Q3 as accrued: 2e8 × 1,650 × 92 / 3,650,000 = 8,317,808.2 → 8,317,808.
const Q3 = 8_317_808;
// Q3 after the repayment: 1,650 × (2e8 × 31 + 1e8 × 61) / 3,650,000 = 5,560,273.97 → 5,560,274.
const Q3_ADJ = 5_560_274 - Q3; // −2,757,534
// Eligible before 1 Sep: 1,650 × (2e8 × 31 + 1e8 × 31) / 3,650,000 = 4,204,109.59 → 4,204,110.
const ELIGIBLE = 4_204_110;
// What the bank got for Q3 (claim + adjustment) less what it is owed: 5,560,274 − 4,204,110.
const CLAWBACK = 1_356_164;

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
  loanId = await sanctionedLoan(t, w, { ...SANCTION, amountMinor: 200_000_000 });
  t.clock.set('2026-07-01T08:00:00Z');
  const d = await t.app.inject({
    method: 'POST',
    url: `/api/v1/loans/${loanId}/disbursements`,
    headers: { ...key(), ...idem() },
    payload: { amountMinor: 200_000_000, disbursedOn: '2026-07-01', bankReference: nextRef() },
  });
  expect(d.statusCode).toBe(201);
  for (let day = '2026-07-01'; day <= '2026-09-30'; day = addDays(day, 1)) await closeOfBusiness(t.deps, day);
  t.clock.set('2026-10-05T06:00:00Z');
  adm = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
  const filed = await t.app.inject({
    method: 'POST',
    url: '/api/v1/loans/claims',
    headers: key(),
    payload: { quarter: '2026-Q3', csv: `loan_id,claimed_pkr\n${loanId},83178.08\n` },
  });
  expect(filed.statusCode, filed.body).toBe(201);
  const claimId = filed.json().id as string;
  expect(
    (await adm.post(`/api/v1/loans/claims/${claimId}/decision`, { decision: 'approve' })).statusCode,
  ).toBe(200);
  const paid = await adm.post(
    `/api/v1/loans/claims/${claimId}/payment`,
    { paidOn: '2026-10-05', amountMinor: Q3, reference: 'AGPR-Q3' },
    idem(),
  );
  expect(paid.json(), paid.body).toMatchObject({ status: 'paid', paidMinor: Q3 });
}, 300_000);
afterAll(() => t.close());

describe('a clawback after a back-dated repayment in the paid quarter', () => {
  it('takes back only what the adjustment did not already take back, to the paisa', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/loans/${loanId}/repayments`,
      headers: { ...key(), ...idem() },
      payload: { amountMinor: 100_000_000, paidOn: '2026-08-01', bankReference: nextRef() },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().subsidyAdjustedMinor).toBe(Q3_ADJ);

    const loss = await adm.post(`/api/v1/loans/${loanId}/loss-classification`, {
      effectiveOn: '2026-09-01',
      reason: 'Default reported late by the bank',
    });
    expect(loss.statusCode, loss.body).toBe(200);
    expect(loss.json().clawbacks).toBe(1);
    const rows = await sql<{ amount: string; from: string }>`
      SELECT amount_minor::text AS amount, ineligible_from::text AS from FROM subsidy_clawbacks
       WHERE loan_id = ${loanId}`.execute(t.deps.db);
    // Without the adjustment the clawback would be every Sep accrual at Rs 2,000,000: 2,712,329.
    expect(rows.rows).toEqual([{ amount: String(CLAWBACK), from: '2026-09-01' }]);
    // The bank keeps, for Q3, exactly the subsidy now eligible for 1 Jul–31 Aug.
    expect(Q3 + Q3_ADJ - CLAWBACK).toBe(ELIGIBLE);
    expect((await verifyLedger(t.deps)).problems).toEqual([]);
  });

  it('raises nothing more when the nightly run looks again', async () => {
    await closeOfBusiness(t.deps, '2026-10-01');
    await closeOfBusiness(t.deps, '2026-10-02');
    const n = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM subsidy_clawbacks WHERE loan_id = ${loanId}`.execute(t.deps.db);
    expect(n.rows[0]!.n).toBe(1);
  });
});

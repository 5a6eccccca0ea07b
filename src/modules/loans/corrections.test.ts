import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/time.ts';
import { type Client, createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { contactsOf } from '../identity/index.ts';
import { closeOfBusiness } from './cob.job.ts';
import { verifyLedger } from './ledger-verify.service.ts';
import { idem, type LoanWorld, makeLoanWorld, nextRef, SANCTION, sanctionedLoan } from './loans.fixtures.ts';

/**
 * Issue 19's case, end to end: Rs 5,000,000 at HBL disbursed 1 Apr 2026 at KIBOR 8.50% + 5.00% =
 * 13.50%; close of business to 30 Jun; the Q2 claim filed, approved and paid; then a Rs 1,000,000
 * repayment dated 1 May. Hand-worked (actual/365, rounded once per running total, decision 0005):
 * - Q2 as accrued: 5e8 × 1,350 × 91 / 3,650,000 = 16,828,767.12 → 16,828,767.
 * - Q2 with the repayment: (5e8 × 1,350 × 30 + 4e8 × 1,350 × 61) / 3,650,000 = 14,572,602.74 →
 *   14,572,603, so the adjustment is −2,256,164 (Rs −22,561.64).
 * - Q3 on Rs 4,000,000: running total 1.0287e14 / 3.65e6 = 28,183,561.64 → 28,183,562, less
 *   14,572,603 = 13,610,959.
 * Then the repayment is reversed (above the Rs 100,000 threshold: a second officer approves):
 * Q2 goes back up by 2,256,164, and Q3 by 33,842,466 − 16,828,767 − 13,610,959 = 3,402,740.
 */
const Q2 = 16_828_767;
const Q2_ADJ = -2_256_164;
const Q3 = 13_610_959;

let t: TestApp;
let w: LoanWorld;
let loanId: string;
/** A fresh login (sessions expire as the test clock moves months on). */
async function login(role: 'program_admin' | 'bank_officer' | 'owner', bankId?: string): Promise<Client> {
  if (role === 'owner') return loginClient(t.app, ownerEmail);
  const u = await makeUser(t.deps, role, bankId ? { organizationId: bankId } : {});
  return loginClient(t.app, u.email);
}
let ownerEmail: string;
const key = () => ({ authorization: `Bearer ${w.hbl.apiKey}` });
const api = (method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({
    method,
    url,
    headers: { ...key(), ...headers },
    ...(payload ? { payload: payload as object } : {}),
  });
const cob = async (from: string, to: string) => {
  for (let d = from; d <= to; d = addDays(d, 1)) await closeOfBusiness(t.deps, d);
};
const ledgerEntries = async () =>
  Number(
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ledger_entries`.execute(t.deps.db)).rows[0]!.n,
  );
async function fileAndPay(quarter: string, claimedMinor: number) {
  const filed = await api('POST', '/api/v1/loans/claims/lines', {
    quarter,
    lines: [{ loanId, claimedMinor }],
  });
  expect(filed.statusCode).toBe(201);
  const id = filed.json().id as string;
  const admin = await login('program_admin');
  expect((await admin.post(`/api/v1/loans/claims/${id}/decision`, { decision: 'approve' })).statusCode).toBe(
    200,
  );
  return id;
}

beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  t.clock.set('2026-03-20T06:00:00Z');
  w = await makeLoanWorld(t);
  ownerEmail = (await contactsOf(t.deps, [w.ownerId])).get(w.ownerId)!.email;
  await w.admin.post('/api/v1/loans/benchmark-rates', {
    benchmark: 'KIBOR_6M',
    effectiveFrom: '2026-03-01',
    rateBps: 850,
    source: 'SBP',
  });
  await w.admin.post('/api/v1/loans/bank-spreads', {
    bankId: w.hbl.id,
    benchmark: 'KIBOR_6M',
    spreadBps: 500,
    effectiveFrom: '2026-03-01',
  });
  loanId = await sanctionedLoan(t, w, { ...SANCTION, amountMinor: 500_000_000 });
  t.clock.set('2026-04-01T08:00:00Z');
  const d = await api(
    'POST',
    `/api/v1/loans/${loanId}/disbursements`,
    { amountMinor: 500_000_000, disbursedOn: '2026-04-01', bankReference: 'TR-1' },
    idem(),
  );
  expect(d.statusCode).toBe(201);
  await cob('2026-04-01', '2026-06-30');
  t.clock.set('2026-07-05T06:00:00Z');
  const claim = await fileAndPay('2026-Q2', Q2);
  const paid = await (await login('program_admin')).post(
    `/api/v1/loans/claims/${claim}/payment`,
    {
      paidOn: '2026-07-05',
      reference: 'P-Q2',
    },
    idem(),
  );
  expect(paid.json(), paid.body).toMatchObject({ paidMinor: Q2 });
}, 300_000);
afterAll(() => t.close());

describe('a back-dated repayment after the quarter was claimed and paid', () => {
  let repaymentId: string;

  it('posts a Q2 adjustment of −2,256,164 paisa, visible to the bank and the programme', async () => {
    const r = await api(
      'POST',
      `/api/v1/loans/${loanId}/repayments`,
      { amountMinor: 100_000_000, paidOn: '2026-05-01', bankReference: 'RP-1' },
      idem(),
    );
    expect(r.statusCode).toBe(201);
    repaymentId = r.json().repayments[0].id;
    expect(r.json().subsidyAdjustedMinor).toBe(Q2_ADJ);
    expect(r.json().subsidyAccruedMinor).toBe(Q2 + Q2_ADJ);
    const mine = (await api('GET', `/api/v1/loans/${loanId}/subsidy-adjustments`)).json();
    expect(mine.map((a: { quarter: string; amountMinor: number }) => [a.quarter, a.amountMinor])).toEqual([
      ['2026-Q2', Q2_ADJ],
    ]);
    const pending = await (await login('program_admin')).get(
      '/api/v1/loans/subsidy-adjustments?pending=true',
    );
    expect(pending.json().map((a: { amountMinor: number }) => a.amountMinor)).toEqual([Q2_ADJ]);
    expect((await verifyLedger(t.deps)).problems).toEqual([]);
  });

  it('the next quarter accrues on the new balance, and its claim settles the adjustment', async () => {
    await cob('2026-07-01', '2026-09-30');
    t.clock.set('2026-10-05T06:00:00Z');
    const id = await fileAndPay('2026-Q3', Q3);
    const admin = await login('program_admin');
    const claim = (await admin.get(`/api/v1/loans/claims/${id}`)).json();
    expect(claim.lines[0].outcome).toBe('matched');
    expect(claim.adjustmentMinor).toBe(Q2_ADJ);
    expect(claim.payableMinor).toBe(Q3 + Q2_ADJ);
    const paid = await admin.post(
      `/api/v1/loans/claims/${id}/payment`,
      {
        paidOn: '2026-10-05',
        reference: 'P-Q3',
        amountMinor: Q3 + Q2_ADJ,
      },
      idem(),
    );
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json().paidMinor).toBe(11_354_795);
    expect(paid.json().adjustments.map((a: { appliedClaimId: string }) => a.appliedClaimId)).toEqual([id]);
    expect((await admin.get('/api/v1/loans/subsidy-adjustments?pending=true')).json()).toEqual([]);
    expect((await verifyLedger(t.deps)).problems).toEqual([]);
  });

  it('refuses a bad reversal naming the field, and changes nothing', async () => {
    const before = await ledgerEntries();
    const unknown = await api(
      'POST',
      `/api/v1/loans/${loanId}/reversals`,
      { entryKind: 'repayment', entryId: loanId, reason: 'posted twice by the branch' },
      idem(),
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields[0].path).toBe('entryId');
    const short = await api(
      'POST',
      `/api/v1/loans/${loanId}/reversals`,
      { entryKind: 'repayment', entryId: repaymentId, reason: 'x' },
      idem(),
    );
    expect(short.statusCode).toBe(400);
    expect(short.json().fields[0].path).toBe('reason');
    const admin = await login('program_admin');
    const rules = await admin.post('/api/v1/loans/rules', {
      effectiveFrom: '2026-10-05',
      graceDays: 0,
      reversalApprovalMinor: 10_000_000,
      // A reversal is held to the same limit (finding d): the 1 May repayment, 157 days back, stays reversible.
      backdateMaxDays: 160,
      dueDateRoll: 'none',
    });
    expect(rules.statusCode).toBe(201);
    const past = await admin.post('/api/v1/loans/rules', {
      effectiveFrom: '2026-10-01',
      graceDays: 0,
      reversalApprovalMinor: 10_000_000,
      backdateMaxDays: 30,
      dueDateRoll: 'none',
    });
    expect(past.json().fields[0].path).toBe('effectiveFrom');
    const tooFar = await api(
      'POST',
      `/api/v1/loans/${loanId}/repayments`,
      { amountMinor: 100, paidOn: '2026-04-27', bankReference: 'RP-OLD' },
      idem(),
    );
    expect(tooFar.statusCode).toBe(400);
    expect(tooFar.json().fields[0]).toMatchObject({ path: 'paidOn', rule: 'backdate_too_far' });
    expect(await ledgerEntries()).toBe(before);
  });

  it('a reversal above the threshold waits for a second person, then undoes the repayment and its subsidy', async () => {
    const maker = await login('bank_officer', w.hbl.id);
    const checker = await login('bank_officer', w.hbl.id);
    const otherBank = await login('bank_officer', w.nbp.id);
    const asked = await maker.post(
      `/api/v1/loans/${loanId}/reversals`,
      { entryKind: 'repayment', entryId: repaymentId, reason: 'posted to the wrong loan' },
      idem(),
    );
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toMatchObject({
      status: 'requested',
      needsSecondPerson: true,
      amountMinor: 100_000_000,
    });
    const reversalId = asked.json().id as string;
    const again = await api(
      'POST',
      `/api/v1/loans/${loanId}/reversals`,
      { entryKind: 'repayment', entryId: repaymentId, reason: 'posted to the wrong loan' },
      idem(),
    );
    expect(again.statusCode).toBe(400);
    const self = await maker.post(`/api/v1/loans/${loanId}/reversals/${reversalId}/decision`, {
      decision: 'approve',
    });
    expect(self.statusCode).toBe(403);
    // The maker's list shows it as theirs, waiting for another officer, and not among those to decide;
    // the checker's shows it to decide.
    const pending = async (who: Client, query = '') =>
      (await who.get(`/api/v1/loans/reversals/pending${query}`)).json() as {
        id: string;
        askedByYou: boolean;
      }[];
    expect(await pending(maker)).toEqual([expect.objectContaining({ id: reversalId, askedByYou: true })]);
    expect(await pending(maker, '?askedByYou=false')).toEqual([]);
    expect((await pending(maker, '?askedByYou=true')).map((r) => r.id)).toEqual([reversalId]);
    expect(await pending(checker, '?askedByYou=false')).toEqual([
      expect.objectContaining({ id: reversalId, askedByYou: false }),
    ]);
    expect(await pending(checker, '?askedByYou=true')).toEqual([]);
    expect(await pending(otherBank)).toEqual([]);
    const badQuery = await checker.get('/api/v1/loans/reversals/pending?askedByYou=maybe');
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json().fields[0].path).toBe('querystring.askedByYou');
    const other = await otherBank.post(`/api/v1/loans/${loanId}/reversals/${reversalId}/decision`, {
      decision: 'approve',
    });
    expect(other.statusCode).toBe(404);
    const ok = await checker.post(`/api/v1/loans/${loanId}/reversals/${reversalId}/decision`, {
      decision: 'approve',
      note: 'checked against the branch voucher',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('approved');
    expect(
      ok.json().adjustments.map((a: { quarter: string; amountMinor: number }) => [a.quarter, a.amountMinor]),
    ).toEqual([
      ['2026-Q2', 2_256_164],
      ['2026-Q3', 3_402_740],
    ]);
    const loan = (await api('GET', `/api/v1/loans/${loanId}`)).json();
    expect(loan.outstandingMinor).toBe(500_000_000);
    expect(loan.repayments[0].reversed).toBe(true);
    // Posted subsidy now equals a fresh computation on Rs 5,000,000 for Apr–Sep: 33,842,466.
    expect(loan.subsidyAccruedMinor).toBe(33_842_466);
    const history = (await (await login('owner')).get(`/api/v1/loans/${loanId}/reversals`)).json();
    expect(history.map((h: { status: string }) => h.status)).toEqual(['approved']);
    expect((await verifyLedger(t.deps)).problems).toEqual([]);
  });

  it('the statement shows the repayment and its reversal at their value date, with the subsidy', async () => {
    const owner = await login('owner');
    const s = await owner.get(`/api/v1/loans/${loanId}/statement?from=2026-04-01&to=2026-09-30`);
    expect(s.statusCode).toBe(200);
    const body = s.json();
    expect(
      body.lines.map((l: { kind: string; valueDate: string; postedOn: string; balanceMinor: number }) => [
        l.kind,
        l.valueDate,
        l.postedOn,
        l.balanceMinor,
      ]),
    ).toEqual([
      ['disbursement', '2026-04-01', '2026-04-01', 500_000_000],
      ['repayment', '2026-05-01', '2026-07-05', 400_000_000],
      ['repayment_reversal', '2026-05-01', '2026-10-05', 500_000_000],
    ]);
    expect(body).toMatchObject({
      openingMinor: 0,
      closingMinor: 500_000_000,
      disbursedMinor: 500_000_000,
      repaidMinor: 0,
      subsidyAccruedMinor: Q2 + Q3,
      subsidyAdjustedMinor: Q2_ADJ,
    });
    const csv = await owner.get(`/api/v1/loans/${loanId}/statement.csv?from=2026-04-01&to=2026-09-30`);
    expect(csv.body.split('\r\n')[2]).toBe(
      '2026-04-01,2026-04-01,disbursement,TR-1,5000000.00,0.00,5000000.00',
    );
    for (const lang of ['en', 'ur']) {
      const pdf = await owner.get(
        `/api/v1/loans/${loanId}/statement.pdf?from=2026-04-01&to=2026-09-30&lang=${lang}`,
      );
      expect(pdf.statusCode).toBe(200);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    const bad = await owner.get(`/api/v1/loans/${loanId}/statement?from=2026-10-01&to=2026-09-30`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('from');
  });

  it('notes: the bank and the programme write them, the owner cannot read them', async () => {
    const officer = await login('bank_officer', w.hbl.id);
    const admin = await login('program_admin');
    const n = await officer.post(`/api/v1/loans/${loanId}/notes`, {
      body: 'Owner called about the reversal',
    });
    expect(n.statusCode).toBe(201);
    const empty = await admin.post(`/api/v1/loans/${loanId}/notes`, { body: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().fields[0].path).toBe('body');
    const list = (await admin.get(`/api/v1/loans/${loanId}/notes`)).json();
    expect(list.map((x: { body: string }) => x.body)).toEqual(['Owner called about the reversal']);
    expect((await (await login('owner')).get(`/api/v1/loans/${loanId}/notes`)).statusCode).toBe(403);
  });
});

describe('reversing a wrongly posted tranche', () => {
  it('below the threshold applies at once: the loan goes back to sanctioned and its schedule empties', async () => {
    w.owner = await login('owner');
    w.hbl.officer = await login('bank_officer', w.hbl.id);
    const id = await sanctionedLoan(t, w, { ...SANCTION, amountMinor: 50_000_000 });
    const d = await api(
      'POST',
      `/api/v1/loans/${id}/disbursements`,
      { amountMinor: 5_000_000, disbursedOn: '2026-10-05', bankReference: nextRef() },
      idem(),
    );
    const entryId = d.json().disbursements[0].id;
    const r = await api(
      'POST',
      `/api/v1/loans/${id}/reversals`,
      { entryKind: 'disbursement', entryId, reason: 'amount keyed wrongly' },
      idem(),
    );
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ status: 'approved', needsSecondPerson: false, requestedBy: 'API key' });
    const loan = (await api('GET', `/api/v1/loans/${id}`)).json();
    expect(loan).toMatchObject({
      status: 'sanctioned',
      disbursedMinor: 0,
      firstDisbursedOn: null,
      instalments: [],
    });
    expect((await verifyLedger(t.deps)).problems).toEqual([]);
  });
});

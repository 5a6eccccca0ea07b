import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { verifyLedger } from './ledger-verify.service.ts';
import { idem, type LoanWorld, makeLoanWorld, SANCTION, sanctionedLoan } from './loans.fixtures.ts';

/**
 * Issue 19, the independent review's defects (decision 0084). Rs 1,200,000 over 12 months from
 * 10 Feb 2026 at KIBOR 10% + 5%; Rs 600,000 disbursed on 5 Jan.
 */
let t: TestApp;
let w: LoanWorld;
let a: string;
let c: string;
let d: string;
let kiborId: string;
const key = () => ({ authorization: `Bearer ${w.hbl.apiKey}` });
const api = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: { ...key(), ...idem() },
    ...(payload ? { payload: payload as object } : {}),
  });
const get = async (id: string) => (await api('GET', `/api/v1/loans/${id}`)).json();
const disburse = (id: string, amountMinor: number, disbursedOn: string, bankReference: string) =>
  api('POST', `/api/v1/loans/${id}/disbursements`, { amountMinor, disbursedOn, bankReference });
const repay = (id: string, amountMinor: number, paidOn: string, bankReference: string) =>
  api('POST', `/api/v1/loans/${id}/repayments`, { amountMinor, paidOn, bankReference });
const reverse = (id: string, entryKind: string, entryId: string) =>
  api('POST', `/api/v1/loans/${id}/reversals`, { entryKind, entryId, reason: 'keyed twice by mistake' });
const admin = async () => loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
const TWELVE = {
  ...SANCTION,
  amountMinor: 120_000_000,
  tenorMonths: 12,
  graceMonths: 0,
  firstRepaymentDate: '2026-02-10',
};

beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  t.clock.set('2026-01-05T06:00:00Z');
  w = await makeLoanWorld(t);
  kiborId = (
    await w.admin.post('/api/v1/loans/benchmark-rates', {
      benchmark: 'KIBOR_6M',
      effectiveFrom: '2026-01-01',
      rateBps: 1_000,
      source: 'SBP',
    })
  ).json().id;
  await w.admin.post('/api/v1/loans/bank-spreads', {
    bankId: w.hbl.id,
    benchmark: 'KIBOR_6M',
    spreadBps: 500,
    effectiveFrom: '2026-01-01',
  });
  a = await sanctionedLoan(t, w, TWELVE);
  c = await sanctionedLoan(t, w, TWELVE);
  d = await sanctionedLoan(t, w, TWELVE);
  for (const [id, ref] of [
    [a, 'A-1'],
    [c, 'C-1'],
    [d, 'D-1'],
  ] as const)
    expect((await disburse(id, 60_000_000, '2026-01-05', ref)).statusCode).toBe(201);
}, 180_000);
afterAll(() => t.close());

describe('reversing a tranche', () => {
  it('keeps the instalment already due and re-amortises only those still to come', async () => {
    t.clock.set('2026-03-01T06:00:00Z');
    expect((await disburse(a, 55_000_000, '2026-03-01', 'A-2')).statusCode).toBe(201);
    const dup = await disburse(a, 5_000_000, '2026-03-01', 'A-3');
    expect(dup.statusCode).toBe(201);
    const before = await get(a);
    // 10 Feb was due before either later tranche: Rs 50,000 of the first Rs 600,000.
    expect(before.instalments[0]).toMatchObject({ dueDate: '2026-02-10', principalMinor: 5_000_000 });
    const entryId = dup
      .json()
      .disbursements.find((x: { bankReference: string }) => x.bankReference === 'A-3').id;
    const r = await reverse(a, 'disbursement', entryId);
    expect(r.statusCode, r.body).toBe(201);
    const after = await get(a);
    expect(after.disbursedMinor).toBe(115_000_000);
    expect(after.instalments[0]).toMatchObject({
      dueDate: '2026-02-10',
      principalMinor: 5_000_000,
      status: 'overdue',
    });
    // The other Rs 1,100,000 over the 11 instalments to come: Rs 100,000 each.
    expect(after.instalments.slice(1).map((i: { principalMinor: number }) => i.principalMinor)).toEqual(
      Array(11).fill(10_000_000),
    );
    expect((await verifyLedger(t.deps)).problems).toEqual([]);
  });
});

describe('a mistaken reversal is put right by posting the entry again', () => {
  it('a reversed tranche’s bank reference can be posted again, once', async () => {
    // Posted again, with the amount it should have had.
    const again = await disburse(a, 4_000_000, '2026-03-01', 'A-3');
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().disbursedMinor).toBe(119_000_000);
    const twice = await disburse(a, 1_000, '2026-03-01', 'A-3');
    expect(twice.statusCode).toBe(400);
    expect(twice.json().fields[0].path).toBe('bankReference');
    // The reversed row and the new one both keep the reference.
    const refs = (await get(a)).disbursements.map((x: { bankReference: string }) => x.bankReference);
    expect(refs.filter((r: string) => r === 'A-3')).toHaveLength(2);
    expect((await verifyLedger(t.deps)).problems).toEqual([]);
  });

  it('a reversed repayment’s bank reference can be posted again, once', async () => {
    t.clock.set('2026-03-02T06:00:00Z');
    const p = await repay(a, 1_000_000, '2026-03-02', 'CHQ-77');
    expect(p.statusCode, p.body).toBe(201);
    const repId = p.json().repayments.find((x: { bankReference: string }) => x.bankReference === 'CHQ-77').id;
    expect((await reverse(a, 'repayment', repId)).statusCode).toBe(201);
    expect((await get(a)).repaidMinor).toBe(0);
    const again = await repay(a, 1_000_000, '2026-03-02', 'CHQ-77');
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().repaidMinor).toBe(1_000_000);
    const twice = await repay(a, 1_000_000, '2026-03-02', 'CHQ-77');
    expect(twice.statusCode).toBe(400);
    expect(twice.json().fields[0].path).toBe('bankReference');
    expect((await verifyLedger(t.deps)).problems).toEqual([]);
  });
});

describe('the back-dating limit', () => {
  const writeOff = async (id: string) => {
    const asked = await api('POST', `/api/v1/loans/${id}/write-off`, { reason: 'owner cannot be traced' });
    expect(asked.statusCode, asked.body).toBe(201);
    const ok = await (await admin()).post(`/api/v1/loans/actions/${asked.json().id}/decision`, {
      approve: true,
      note: '',
    });
    expect(ok.json().status).toBe('written_off');
  };

  it('refuses to undo a write-off, or restate a fixing, dated further back than the rules allow', async () => {
    t.clock.set('2026-03-05T06:00:00Z');
    await writeOff(c);
    t.clock.set('2026-03-15T06:00:00Z');
    await writeOff(d);
    t.clock.set('2026-03-20T06:00:00Z');
    const rules = await (await admin()).post('/api/v1/loans/rules', {
      effectiveFrom: '2026-03-20',
      graceDays: 0,
      reversalApprovalMinor: 10_000_000,
      backdateMaxDays: 10,
      dueDateRoll: 'none',
    });
    expect(rules.statusCode, rules.body).toBe(201);
    // Written off 5 Mar, 15 days back: refused when asked, naming the write-off's date.
    const old = await api('POST', `/api/v1/loans/${c}/write-off-reversal`, {
      reason: 'written off the wrong loan',
    });
    expect(old.statusCode).toBe(400);
    expect(old.json().fields[0]).toMatchObject({ path: 'closedOn', rule: 'backdate_too_far' });
    // Written off 15 Mar: asked in time, but decided on 30 Mar, too late.
    const asked = await api('POST', `/api/v1/loans/${d}/write-off-reversal`, {
      reason: 'written off the wrong loan',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    t.clock.set('2026-03-30T06:00:00Z');
    const late = await (await admin()).post(`/api/v1/loans/actions/${asked.json().id}/decision`, {
      approve: true,
      note: '',
    });
    expect(late.statusCode).toBe(400);
    expect(late.json().fields[0]).toMatchObject({ path: 'closedOn', rule: 'backdate_too_far' });
    expect((await get(d)).status).toBe('written_off');
    // The 1 Jan fixing is 88 days back: not restated.
    const restate = await (await admin()).post(`/api/v1/loans/benchmark-rates/${kiborId}/restatements`, {
      rateBps: 1_050,
      reason: 'SBP corrected the published fixing',
    });
    expect(restate.statusCode).toBe(400);
    expect(restate.json().fields[0]).toMatchObject({ path: 'effectiveFrom', rule: 'backdate_too_far' });
    expect((await api('GET', '/api/v1/loans/benchmark-rate-restatements')).json()).toEqual([]);
    expect((await verifyLedger(t.deps)).problems).toEqual([]);
  });
});

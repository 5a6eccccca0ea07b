import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/time.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { contactsOf } from '../identity/index.ts';
import { closeOfBusiness } from './cob.job.ts';
import { verifyLedger } from './ledger-verify.service.ts';
import { idem, type LoanWorld, makeLoanWorld, nextRef, SANCTION, sanctionedLoan } from './loans.fixtures.ts';

/**
 * Issue 19, finding e: a write-off made in error is undone (the bank asks, the programme decides),
 * and money recovered after a write-off is recorded against it. Rs 1,000,000 at 13.50%, disbursed
 * 1 Apr 2026 and written off on 5 May; the close of business runs to 10 May.
 */
let t: TestApp;
let w: LoanWorld;
const key = () => ({ authorization: `Bearer ${w.hbl.apiKey}` });
const api = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: { ...key(), ...idem() },
    ...(payload ? { payload: payload as object } : {}),
  });
const cob = async (from: string, to: string) => {
  for (let d = from; d <= to; d = addDays(d, 1)) await closeOfBusiness(t.deps, d);
};
const admin = async () => loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);

async function writtenOffLoan(): Promise<string> {
  t.clock.set('2026-03-20T06:00:00Z');
  w.owner = await loginClient(t.app, (await contactsOf(t.deps, [w.ownerId])).get(w.ownerId)!.email);
  w.hbl.officer = await loginClient(
    t.app,
    (await makeUser(t.deps, 'bank_officer', { organizationId: w.hbl.id })).email,
  );
  const id = await sanctionedLoan(t, w, { ...SANCTION, amountMinor: 100_000_000 });
  t.clock.set('2026-04-01T08:00:00Z');
  const d = await api('POST', `/api/v1/loans/${id}/disbursements`, {
    amountMinor: 100_000_000,
    disbursedOn: '2026-04-01',
    bankReference: nextRef(),
  });
  expect(d.statusCode, d.body).toBe(201);
  t.clock.set('2026-05-05T06:00:00Z');
  const asked = await api('POST', `/api/v1/loans/${id}/write-off`, { reason: 'owner cannot be traced' });
  expect(asked.statusCode, asked.body).toBe(201);
  const ok = await (await admin()).post(`/api/v1/loans/actions/${asked.json().id}/decision`, {
    approve: true,
    note: '',
  });
  expect(ok.statusCode, ok.body).toBe(200);
  expect(ok.json().status).toBe('written_off');
  return id;
}

beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  t.clock.set('2026-03-20T06:00:00Z');
  w = await makeLoanWorld(t);
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
}, 120_000);
afterAll(() => t.close());

describe('undoing a write-off made in error', () => {
  it('the bank asks, the programme decides; the principal, the arrears and the lost subsidy come back', async () => {
    const id = await writtenOffLoan();
    await cob('2026-04-01', '2026-05-10');
    t.clock.set('2026-05-11T06:00:00Z');
    const bad = await api('POST', `/api/v1/loans/${id}/write-off-reversal`, { reason: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('reason');
    const asked = await api('POST', `/api/v1/loans/${id}/write-off-reversal`, {
      reason: 'written off the wrong loan',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({
      kind: 'write_off_reversal',
      status: 'requested',
      amountMinor: 100_000_000,
    });
    // The maker cannot be the checker: a bank never decides its own request.
    const officer = await loginClient(
      t.app,
      (await makeUser(t.deps, 'bank_officer', { organizationId: w.hbl.id })).email,
    );
    const self = await officer.post(`/api/v1/loans/actions/${asked.json().id}/decision`, {
      approve: true,
      note: '',
    });
    expect(self.statusCode).toBe(403);
    const ok = await (await admin()).post(`/api/v1/loans/actions/${asked.json().id}/decision`, {
      approve: true,
      note: 'checked with the bank',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'active', outstandingMinor: 100_000_000 });
    // 5–10 May were not accrued while it stood written off: 6 days × 1e8 × 1,350 / 3.65e6 = 221,917.8.
    const adj = (await api('GET', `/api/v1/loans/${id}/subsidy-adjustments`)).json();
    expect(
      adj.map((a: { sourceKind: string; amountMinor: number }) => [a.sourceKind, a.amountMinor]),
    ).toEqual([['write_off_reversal', 221_918]]);
    const history = (await api('GET', `/api/v1/loans/${id}/actions`)).json();
    expect(history.map((h: { kind: string }) => h.kind).sort()).toEqual(['write_off', 'write_off_reversal']);
    expect((await verifyLedger(t.deps)).problems).toEqual([]);
  });
});

describe('money recovered after a write-off', () => {
  it('is recorded up to what was written off, and then the write-off stands', async () => {
    const id = await writtenOffLoan();
    t.clock.set('2026-05-20T06:00:00Z');
    const tooMuch = await api('POST', `/api/v1/loans/${id}/recoveries`, {
      amountMinor: 100_000_001,
      recoveredOn: '2026-05-19',
      bankReference: 'RC-1',
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().fields[0].path).toBe('amountMinor');
    const early = await api('POST', `/api/v1/loans/${id}/recoveries`, {
      amountMinor: 1_000,
      recoveredOn: '2026-05-01',
      bankReference: 'RC-1',
    });
    expect(early.json().fields[0].path).toBe('recoveredOn');
    const ok = await api('POST', `/api/v1/loans/${id}/recoveries`, {
      amountMinor: 25_000_000,
      recoveredOn: '2026-05-19',
      bankReference: 'RC-1',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const again = await api('POST', `/api/v1/loans/${id}/recoveries`, {
      amountMinor: 1_000,
      recoveredOn: '2026-05-19',
      bankReference: 'RC-1',
    });
    expect(again.json().fields[0].path).toBe('bankReference');
    const ownerEmail = (await contactsOf(t.deps, [w.ownerId])).get(w.ownerId)!.email;
    const owner = (await (await loginClient(t.app, ownerEmail)).get(`/api/v1/loans/${id}/recoveries`)).json();
    expect(owner.map((r: { amountMinor: number }) => r.amountMinor)).toEqual([25_000_000]);
    const undo = await api('POST', `/api/v1/loans/${id}/write-off-reversal`, {
      reason: 'written off the wrong loan',
    });
    expect(undo.statusCode).toBe(409);
    const loan = (await api('GET', `/api/v1/loans/${id}`)).json();
    expect(loan.status).toBe('written_off');
    expect((await verifyLedger(t.deps)).problems).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { verifyLedger } from './ledger-verify.service.ts';
import { idem, type LoanWorld, makeLoanWorld, nextRef, SANCTION, sanctionedLoan } from './loans.fixtures.ts';

let t: TestApp;
let w: LoanWorld;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  w = await makeLoanWorld(t);
});
afterAll(() => t.close());

async function disbursedLoan(repayMinor: number): Promise<string> {
  const id = await sanctionedLoan(t, w, {
    ...SANCTION,
    amountMinor: 120_000_000,
    tenorMonths: 4,
    graceMonths: 0,
    firstRepaymentDate: '2026-12-10',
  });
  const d = await w.hbl.officer.post(
    `/api/v1/loans/${id}/disbursements`,
    { amountMinor: 120_000_000, disbursedOn: '2026-11-28', bankReference: nextRef() },
    idem(),
  );
  expect(d.statusCode).toBe(201);
  if (repayMinor) {
    const r = await w.hbl.officer.post(
      `/api/v1/loans/${id}/repayments`,
      { amountMinor: repayMinor, paidOn: '2026-11-28', bankReference: nextRef() },
      idem(),
    );
    expect(r.statusCode).toBe(201);
  }
  return id;
}

describe('reschedule and write-off, with the programme’s approval', () => {
  it('a reschedule keeps paid instalments and spreads the outstanding over new ones', async () => {
    // Rs 1,200,000 over 4: 300,000 each. Rs 400,000 paid: instalment 1, and 100,000 off instalment 4.
    const id = await disbursedLoan(40_000_000);
    const body = {
      tenorMonths: 8,
      firstRepaymentDate: '2027-03-15',
      repaymentDay: 15,
      reason: 'Floods closed the building for a season',
    };
    expect((await w.nbp.officer.post(`/api/v1/loans/${id}/reschedule`, body)).statusCode).toBe(404);
    expect((await w.owner.post(`/api/v1/loans/${id}/reschedule`, body)).statusCode).toBe(403);
    const past = await w.hbl.officer.post(`/api/v1/loans/${id}/reschedule`, {
      ...body,
      firstRepaymentDate: '2026-11-01',
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().fields[0].path).toBe('firstRepaymentDate');
    const req = await w.hbl.officer.post(`/api/v1/loans/${id}/reschedule`, body);
    expect(req.statusCode).toBe(201);
    expect(
      (await w.hbl.officer.post(`/api/v1/loans/${id}/write-off`, { reason: 'also this' })).statusCode,
    ).toBe(409);
    expect(
      (await w.hbl.officer.post(`/api/v1/loans/actions/${req.json().id}/decision`, { approve: true }))
        .statusCode,
    ).toBe(403);
    const pending = (await w.admin.get('/api/v1/loans/actions')).json() as { id: string }[];
    expect(pending.map((a) => a.id)).toContain(req.json().id);

    const ok = await w.admin.post(`/api/v1/loans/actions/${req.json().id}/decision`, {
      approve: true,
      note: 'Agreed',
    });
    expect(ok.statusCode).toBe(200);
    const loan = ok.json();
    expect(loan.outstandingMinor).toBe(80_000_000);
    expect(loan.instalments.slice(0, 2)).toMatchObject([
      { number: 1, principalMinor: 30_000_000, paidMinor: 30_000_000, status: 'paid' },
      { number: 4, principalMinor: 10_000_000, paidMinor: 10_000_000, status: 'paid' },
    ]);
    expect(loan.instalments).toHaveLength(10);
    expect(loan.instalments[2]).toMatchObject({
      number: 5,
      dueDate: '2027-03-15',
      principalMinor: 10_000_000,
    });
    expect(loan.instalments[9]).toMatchObject({ number: 12, dueDate: '2027-10-15' });
    const old = await t.deps.db
      .selectFrom('loan_actions')
      .select('previous_schedule')
      .where('id', '=', req.json().id)
      .executeTakeFirstOrThrow();
    expect(old.previous_schedule).toHaveLength(4);
    expect(
      (await w.admin.post(`/api/v1/loans/actions/${req.json().id}/decision`, { approve: false })).statusCode,
    ).toBe(409);
    expect((await verifyLedger(t.deps)).problems).toEqual([]);
  });

  it('a write-off takes the outstanding off the loan and posts it to the ledger; nothing more is posted to it', async () => {
    const id = await disbursedLoan(30_000_000);
    const req = await w.hbl.officer.post(`/api/v1/loans/${id}/write-off`, {
      reason: 'Owner deceased; no estate',
    });
    expect(req.statusCode).toBe(201);
    const rejected = await w.admin.post(`/api/v1/loans/actions/${req.json().id}/decision`, {
      approve: false,
      note: 'Pursue the guarantor',
    });
    expect(rejected.json().status).toBe('active');
    const again = await w.hbl.officer.post(`/api/v1/loans/${id}/write-off`, {
      reason: 'Guarantor has no assets',
    });
    const done = await w.admin.post(`/api/v1/loans/actions/${again.json().id}/decision`, { approve: true });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'written_off', outstandingMinor: 0 });
    const pay = await w.hbl.officer.post(
      `/api/v1/loans/${id}/repayments`,
      { amountMinor: 100, paidOn: '2026-11-28', bankReference: nextRef() },
      idem(),
    );
    expect(pay.statusCode).toBe(409);
    const res = await verifyLedger(t.deps);
    expect(res.problems).toEqual([]);
    expect(res.ok).toBe(true);
  });
});

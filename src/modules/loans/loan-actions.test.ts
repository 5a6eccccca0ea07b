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
    // The loan's terms are the new ones (the bank's header shows them).
    expect(loan).toMatchObject({ tenorMonths: 8, firstRepaymentDate: '2027-03-15', repaymentDay: 15 });
    expect((await w.hbl.officer.get(`/api/v1/loans/${id}`)).json()).toMatchObject({ tenorMonths: 8 });
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
      (
        await w.admin.post(`/api/v1/loans/actions/${req.json().id}/decision`, {
          approve: false,
          note: 'Too late now',
        })
      ).statusCode,
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

  it('the bank previews the new schedule, and the approved one is exactly the preview', async () => {
    const id = await disbursedLoan(40_000_000);
    const terms = { tenorMonths: 6, firstRepaymentDate: '2027-02-05', repaymentDay: 5 };
    const preview = await w.hbl.officer.post(`/api/v1/loans/${id}/reschedule-preview`, terms);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ principalMinor: 80_000_000, tenorMonths: 6, unit: 'rupee' });
    const lines = preview.json().instalments as { number: number; principalMinor: number }[];
    expect(lines.map((l) => l.number)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(lines.reduce((s, l) => s + l.principalMinor, 0)).toBe(80_000_000);
    const bad = await w.hbl.officer.post(`/api/v1/loans/${id}/reschedule-preview`, {
      ...terms,
      tenorMonths: 0,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('tenorMonths');
    expect((await w.nbp.officer.post(`/api/v1/loans/${id}/reschedule-preview`, terms)).statusCode).toBe(404);

    // The bank's system asks through its API key; the admin must say why to reject.
    const asked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/loans/${id}/reschedule`,
      headers: { authorization: `Bearer ${w.hbl.apiKey}` },
      payload: { ...terms, reason: 'Tenant left; new tenant from February' },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json().requestedBy).toContain('API');
    const noWhy = await w.admin.post(`/api/v1/loans/actions/${asked.json().id}/decision`, { approve: false });
    expect(noWhy.statusCode).toBe(400);
    expect(noWhy.json().fields[0].path).toBe('note');
    const approved = await w.admin.post(`/api/v1/loans/actions/${asked.json().id}/decision`, {
      approve: true,
      note: 'Agreed with the bank',
    });
    expect(approved.statusCode).toBe(200);
    const after = approved.json().instalments.filter((i: { paidMinor: number }) => i.paidMinor === 0);
    expect(after.map((i: { number: number; dueDate: string; principalMinor: number }) => i)).toEqual(
      lines.map((l) => ({ ...l, paidMinor: 0, status: 'scheduled' })),
    );
  });

  it('keeps every earlier schedule with who asked, who decided, when and why; the owner sees it', async () => {
    const id = await disbursedLoan(0);
    const original = (await w.owner.get(`/api/v1/loans/${id}`)).json().instalments;
    const first = await w.hbl.officer.post(`/api/v1/loans/${id}/reschedule`, {
      tenorMonths: 6,
      firstRepaymentDate: '2027-01-20',
      repaymentDay: 20,
      reason: 'Fit the owner’s rent cycle',
    });
    await w.admin.post(`/api/v1/loans/actions/${first.json().id}/decision`, { approve: true, note: 'Fine' });
    const middle = (await w.owner.get(`/api/v1/loans/${id}`)).json().instalments;
    t.clock.advance(60_000);
    const second = await w.hbl.officer.post(`/api/v1/loans/${id}/reschedule`, {
      tenorMonths: 12,
      firstRepaymentDate: '2027-03-20',
      repaymentDay: 20,
      reason: 'Second wave of floods',
    });
    await w.admin.post(`/api/v1/loans/actions/${second.json().id}/decision`, {
      approve: true,
      note: 'Once more',
    });
    t.clock.advance(60_000);
    const third = await w.hbl.officer.post(`/api/v1/loans/${id}/reschedule`, {
      tenorMonths: 24,
      firstRepaymentDate: '2027-03-20',
      repaymentDay: 20,
      reason: 'Longer still, please',
    });
    await w.admin.post(`/api/v1/loans/actions/${third.json().id}/decision`, {
      approve: false,
      note: 'Twelve months is enough',
    });

    const history = await w.owner.get(`/api/v1/loans/${id}/actions`);
    expect(history.statusCode).toBe(200);
    const h = history.json();
    expect(h.map((a: { status: string }) => a.status)).toEqual(['rejected', 'approved', 'approved']);
    expect(h[0]).toMatchObject({ decisionNote: 'Twelve months is enough', previousSchedule: null });
    expect(h[1]).toMatchObject({ reason: 'Second wave of floods', decisionNote: 'Once more' });
    expect(h[2].requestedBy).toBeTruthy();
    expect(h[2].decidedBy).toBeTruthy();
    expect(h[2].decidedAt).toBeTruthy();
    const strip = (xs: { number: number; dueDate: string; principalMinor: number; paidMinor: number }[]) =>
      xs.map(({ number, dueDate, principalMinor, paidMinor }) => ({
        number,
        dueDate,
        principalMinor,
        paidMinor,
      }));
    expect(h[2].previousSchedule).toEqual(strip(original));
    expect(h[1].previousSchedule).toEqual(strip(middle));
    expect((await w.otherOwner.get(`/api/v1/loans/${id}/actions`)).statusCode).toBe(404);
    expect((await w.nbp.officer.get(`/api/v1/loans/${id}/actions`)).statusCode).toBe(404);
  });

  it('an approved write-off posts the outstanding to the bank’s write-off account', async () => {
    const id = await disbursedLoan(30_000_000);
    const req = await w.hbl.officer.post(`/api/v1/loans/${id}/write-off`, { reason: 'Building collapsed' });
    const done = await w.admin.post(`/api/v1/loans/actions/${req.json().id}/decision`, {
      approve: true,
      note: 'Insurance refused',
    });
    expect(done.json()).toMatchObject({
      status: 'written_off',
      writtenOffMinor: 90_000_000,
      outstandingMinor: 0,
    });
    const entries = await t.deps.db
      .selectFrom('ledger_entries')
      .innerJoin('ledger_transactions', 'ledger_transactions.id', 'ledger_entries.transaction_id')
      .select(['account', 'debit_minor', 'credit_minor'])
      .where('ledger_transactions.kind', '=', 'write_off')
      .where('ledger_entries.loan_id', '=', id)
      .orderBy('account')
      .execute();
    expect(
      entries.map((e) => ({
        ...e,
        debit_minor: Number(e.debit_minor),
        credit_minor: Number(e.credit_minor),
      })),
    ).toEqual([
      { account: 'bank_write_off', debit_minor: 90_000_000, credit_minor: 0 },
      { account: 'loan_principal', debit_minor: 0, credit_minor: 90_000_000 },
    ]);
    const h = (await w.admin.get(`/api/v1/loans/${id}/actions`)).json();
    expect(h[0]).toMatchObject({ kind: 'write_off', status: 'approved', amountMinor: 90_000_000 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { claimFilingWorkingDays } from './claim-deadline.ts';
import { closeOfBusiness } from './cob.job.ts';
import { verifyLedger } from './ledger-verify.service.ts';
import { loadLoanSettings } from './loan-settings.service.ts';
import { idem, type LoanWorld, makeLoanWorld, nextRef, SANCTION, sanctionedLoan } from './loans.fixtures.ts';
import { LOAN_SETTINGS } from './loans.settings.ts';

let t: TestApp;
let w: LoanWorld;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  w = await makeLoanWorld(t);
});
afterAll(() => t.close());

const DEFAULTS = {
  scheduleUnit: 'rupee',
  scheduleRounding: 'half_even',
  lossDaysPastDue: 540,
  overpayment: 'last',
  claimDeadlineWorkingDays: 15,
  repaymentLimit: 'outstanding_plus_one_instalment',
};

async function setSettings(body: Record<string, unknown>) {
  const r = await w.admin.patch('/api/v1/loans/settings', body);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

/** Rs 1,200,000 over 4 months from 10 Dec 2026, disbursed in full on 28 Nov 2026. */
async function disbursedLoan(sanction = { tenorMonths: 4, firstRepaymentDate: '2026-12-10' }) {
  const id = await sanctionedLoan(t, w, {
    ...SANCTION,
    amountMinor: 120_000_000,
    graceMonths: 0,
    ...sanction,
  });
  const d = await w.hbl.officer.post(
    `/api/v1/loans/${id}/disbursements`,
    { amountMinor: 120_000_000, disbursedOn: '2026-11-28', bankReference: nextRef() },
    idem(),
  );
  expect(d.statusCode, d.body).toBe(201);
  return id;
}

const repay = (id: string, amountMinor: number) =>
  w.hbl.officer.post(
    `/api/v1/loans/${id}/repayments`,
    { amountMinor, paidOn: '2026-11-28', bankReference: nextRef() },
    idem(),
  );

describe('programme loan settings', () => {
  it('start at the issue’s defaults, the same as the code’s', async () => {
    const r = await w.owner.get('/api/v1/loans/settings');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ ...DEFAULTS, updatedBy: null });
    expect(await loadLoanSettings(t.deps.db)).toEqual(LOAN_SETTINGS);
  });

  it('only the admin changes them; bad input names the field and changes nothing', async () => {
    expect((await w.hbl.officer.patch('/api/v1/loans/settings', { lossDaysPastDue: 360 })).statusCode).toBe(
      403,
    );
    expect((await w.owner.patch('/api/v1/loans/settings', { lossDaysPastDue: 360 })).statusCode).toBe(403);
    const bad: [Record<string, unknown>, string][] = [
      [{ lossDaysPastDue: 10 }, 'lossDaysPastDue'],
      [{ lossDaysPastDue: 540.5 }, 'lossDaysPastDue'],
      [{ scheduleUnit: 'cents' }, 'scheduleUnit'],
      [{ scheduleRounding: 'down' }, 'scheduleRounding'],
      [{ overpayment: 'first' }, 'overpayment'],
      [{ claimDeadlineWorkingDays: 0 }, 'claimDeadlineWorkingDays'],
      [{ repaymentLimit: 'anything' }, 'repaymentLimit'],
      [{ overpayment: 'next', lossDaysPastDue: 'soon' }, 'lossDaysPastDue'],
    ];
    for (const [body, field] of bad) {
      const r = await w.admin.patch('/api/v1/loans/settings', body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().fields.map((f: { path: string }) => f.path)).toContain(field);
    }
    const unknown = await w.admin.patch('/api/v1/loans/settings', { graceMonths: 3 });
    expect(unknown.statusCode).toBe(400);
    expect((await w.admin.get('/api/v1/loans/settings')).json()).toMatchObject(DEFAULTS);
  });

  it('each change is audited, naming what changed from what to what', async () => {
    const after = await setSettings({ claimDeadlineWorkingDays: 20, overpayment: 'last' });
    expect(after).toMatchObject({ ...DEFAULTS, claimDeadlineWorkingDays: 20 });
    expect(after.updatedBy).toBeTruthy();
    expect((await loadLoanSettings(t.deps.db)).claimDeadlineWorkingDays).toBe(20);
    // The claims' filing deadline reads it.
    expect(await claimFilingWorkingDays(t.deps.db)).toBe(20);
    const entries = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'loan_settings.updated')
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.details).toMatchObject({
      changed: { claimDeadlineWorkingDays: { from: 15, to: 20 } },
    });
    await setSettings({ claimDeadlineWorkingDays: 15 });
  });

  it('schedule unit and rounding govern previews and new loans', async () => {
    // Rs 1,250.50 over 4 months: to the paisa, 312.625 rupees each.
    const body = { principalMinor: 125_050, tenorMonths: 4, firstRepaymentDate: '2027-01-10' };
    const amounts = async () =>
      (await w.owner.post('/api/v1/loans/schedule-preview', body))
        .json()
        .instalments.map((i: { principalMinor: number }) => i.principalMinor);
    // Whole rupees: Rs 312.625 rounds to Rs 313, ×3, and the remainder, Rs 311.50, last.
    expect(await amounts()).toEqual([31_300, 31_300, 31_300, 31_150]);
    await setSettings({ scheduleUnit: 'paisa' });
    // 31,262.5 paisa: half to even gives 31,262.
    expect(await amounts()).toEqual([31_262, 31_262, 31_262, 31_264]);
    await setSettings({ scheduleRounding: 'half_up' });
    expect(await amounts()).toEqual([31_263, 31_263, 31_263, 31_261]);
    // A loan requested now is scheduled to the paisa: Rs 1,200,000.01 over 4.
    const id = await sanctionedLoan(t, w, {
      ...SANCTION,
      amountMinor: 120_000_001,
      tenorMonths: 4,
      graceMonths: 0,
      firstRepaymentDate: '2026-12-10',
    });
    await w.hbl.officer.post(
      `/api/v1/loans/${id}/disbursements`,
      { amountMinor: 120_000_001, disbursedOn: '2026-11-28', bankReference: nextRef() },
      idem(),
    );
    const loan = (await w.owner.get(`/api/v1/loans/${id}`)).json();
    expect(loan.instalments.map((i: { principalMinor: number }) => i.principalMinor)).toEqual([
      30_000_000, 30_000_000, 30_000_000, 30_000_001,
    ]);
    await setSettings({ scheduleUnit: 'rupee', scheduleRounding: 'half_even' });
  });

  it('an overpayment goes to the last instalments, or by setting to the next ones', async () => {
    // 300,000 each; a payment of Rs 400,000 on 28 Nov pays instalment 1 (current) and 100,000 more.
    const last = await disbursedLoan();
    const a = (await repay(last, 40_000_000)).json();
    expect(a.repayments[0].allocation).toEqual([
      { number: 1, amountMinor: 30_000_000 },
      { number: 4, amountMinor: 10_000_000 },
    ]);
    await setSettings({ overpayment: 'next' });
    const next = await disbursedLoan();
    const b = (await repay(next, 40_000_000)).json();
    expect(b.repayments[0].allocation).toEqual([
      { number: 1, amountMinor: 30_000_000 },
      { number: 2, amountMinor: 10_000_000 },
    ]);
    await setSettings({ overpayment: 'last' });
  });

  it('the loss threshold is read by the nightly close of business', async () => {
    const id = await disbursedLoan();
    await setSettings({ lossDaysPastDue: 90 });
    // Instalment 1 fell due on 10 Dec 2026; 90 days later is 10 Mar 2027.
    const before = await closeOfBusiness(t.deps, '2027-03-09');
    expect(before.classifiedLoss).not.toContain(id);
    const at = await closeOfBusiness(t.deps, '2027-03-10');
    expect(at.classifiedLoss).toContain(id);
    await setSettings({ lossDaysPastDue: 540 });
  });
});

describe('repayment limit: outstanding + one instalment (setting)', () => {
  it('refuses 0, negative, and more than the outstanding plus the next instalment; nothing is posted', async () => {
    const id = await disbursedLoan();
    for (const amount of [0, -100, 120_000_000 + 30_000_000 + 1]) {
      const r = await repay(id, amount);
      expect(r.statusCode, String(amount)).toBe(400);
      expect(r.json().fields[0].path).toBe('amountMinor');
    }
    const loan = (await w.hbl.officer.get(`/api/v1/loans/${id}`)).json();
    expect(loan).toMatchObject({ repaidMinor: 0, outstandingMinor: 120_000_000, repayments: [] });
  });

  it('a prepayment of exactly the outstanding closes the loan with nothing owed back', async () => {
    const id = await disbursedLoan();
    expect((await repay(id, 20_000_000)).statusCode).toBe(201);
    const r = await repay(id, 100_000_000);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ status: 'closed', outstandingMinor: 0, closedOn: '2026-11-28' });
    expect(r.json().repayments[1].excessMinor).toBe(0);
    expect((await verifyLedger(t.deps)).problems).toEqual([]);
  });

  it('up to one instalment above the outstanding is taken, closes the loan and is held for the owner', async () => {
    const id = await disbursedLoan();
    const r = await repay(id, 150_000_000);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ status: 'closed', repaidMinor: 120_000_000, outstandingMinor: 0 });
    expect(r.json().repayments[0].excessMinor).toBe(30_000_000);
    const refund = await t.deps.db
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.sum<number>('credit_minor').as('total'))
      .where('loan_id', '=', id)
      .where('account', '=', 'owner_refund_payable')
      .executeTakeFirstOrThrow();
    expect(Number(refund.total)).toBe(30_000_000);
    expect((await verifyLedger(t.deps)).ok).toBe(true);
  });

  it('with the limit set to the outstanding alone, anything above it is refused', async () => {
    await setSettings({ repaymentLimit: 'outstanding' });
    const id = await disbursedLoan();
    const r = await repay(id, 120_000_001);
    expect(r.statusCode).toBe(400);
    expect(r.json().fields[0]).toMatchObject({ path: 'amountMinor' });
    expect((await repay(id, 120_000_000)).json().status).toBe('closed');
    await setSettings({ repaymentLimit: 'outstanding_plus_one_instalment' });
  });
});

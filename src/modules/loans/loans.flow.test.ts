import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import {
  idem,
  type LoanWorld,
  makeLoanWorld,
  nextRef,
  SANCTION,
  sanctionedLoan,
  shortlistedApplication,
} from './loans.fixtures.ts';

let t: TestApp;
let w: LoanWorld;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  w = await makeLoanWorld(t);
});
afterAll(() => t.close());

const bank = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: path,
    headers: { authorization: `Bearer ${w.hbl.apiKey}`, ...headers },
    payload: body as object,
  });

async function ledgerTotals(loanId: string) {
  const r = await t.deps.db
    .selectFrom('ledger_entries')
    .select([
      sql<number>`coalesce(sum(debit_minor), 0)`.as('d'),
      sql<number>`coalesce(sum(credit_minor), 0)`.as('c'),
      sql<number>`coalesce(sum(CASE WHEN account = 'loan_principal' THEN debit_minor - credit_minor END), 0)`.as(
        'p',
      ),
    ])
    .where('loan_id', '=', loanId)
    .executeTakeFirstOrThrow();
  return { debits: Number(r.d), credits: Number(r.c), principal: Number(r.p) };
}

describe('a loan from request to closure', () => {
  it('owner requests; only that bank sees and sanctions it', async () => {
    const applicationId = await shortlistedApplication(t.deps, w.ownerId);
    const req = await w.owner.post('/api/v1/loans', {
      applicationId,
      bankId: w.hbl.id,
      amountMinor: 300_000_000,
    });
    expect(req.statusCode).toBe(201);
    const loan = req.json();
    expect(loan).toMatchObject({
      status: 'requested',
      requestedMinor: 300_000_000,
      bankId: w.hbl.id,
      outstandingMinor: 0,
    });

    const hblList = (await w.hbl.officer.get('/api/v1/loans')).json() as { id: string }[];
    expect(hblList.map((l) => l.id)).toContain(loan.id);
    const nbpList = (await w.nbp.officer.get('/api/v1/loans')).json() as { id: string }[];
    expect(nbpList.map((l) => l.id)).not.toContain(loan.id);
    expect((await w.nbp.officer.get(`/api/v1/loans/${loan.id}`)).statusCode).toBe(404);
    expect((await w.otherOwner.get(`/api/v1/loans/${loan.id}`)).statusCode).toBe(404);
    expect((await w.nbp.officer.post(`/api/v1/loans/${loan.id}/sanction`, SANCTION)).statusCode).toBe(404);
    expect((await w.owner.post(`/api/v1/loans/${loan.id}/sanction`, SANCTION)).statusCode).toBe(403);

    // The same application cannot ask twice while a request is live.
    const again = await w.owner.post('/api/v1/loans', {
      applicationId,
      bankId: w.nbp.id,
      amountMinor: 100_000_000,
    });
    expect(again.statusCode).toBe(409);

    const over = await w.hbl.officer.post(`/api/v1/loans/${loan.id}/sanction`, {
      ...SANCTION,
      amountMinor: 300_000_001,
    });
    expect(over.statusCode).toBe(400);
    expect(over.json().fields[0].path).toBe('amountMinor');
    const graceFull = await w.hbl.officer.post(`/api/v1/loans/${loan.id}/sanction`, {
      ...SANCTION,
      amountMinor: 300_000_000,
      graceMonths: 24,
    });
    expect(graceFull.statusCode).toBe(400);
    expect(graceFull.json().fields[0].path).toBe('graceMonths');

    const ok = await w.hbl.officer.post(`/api/v1/loans/${loan.id}/sanction`, {
      ...SANCTION,
      amountMinor: 300_000_000,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'sanctioned',
      sanctionedMinor: 300_000_000,
      tenorMonths: 24,
      graceMonths: 4,
    });
    expect(
      (await w.hbl.officer.post(`/api/v1/loans/${loan.id}/decline`, { reason: 'changed our mind' }))
        .statusCode,
    ).toBe(409);
    expect((await w.owner.get(`/api/v1/loans/${loan.id}`)).json().status).toBe('sanctioned');
  });

  it('a declined request gives its reason, and the owner may ask another bank', async () => {
    const applicationId = await shortlistedApplication(t.deps, w.ownerId);
    const id = (
      await w.owner.post('/api/v1/loans', { applicationId, bankId: w.nbp.id, amountMinor: 100_000_000 })
    ).json().id;
    const d = await w.nbp.officer.post(`/api/v1/loans/${id}/decline`, {
      reason: 'Collateral documents incomplete',
    });
    expect(d.statusCode).toBe(200);
    expect(d.json()).toMatchObject({ status: 'declined', declineReason: 'Collateral documents incomplete' });
    const again = await w.owner.post('/api/v1/loans', {
      applicationId,
      bankId: w.hbl.id,
      amountMinor: 100_000_000,
    });
    expect(again.statusCode).toBe(201);
  });

  it('refuses a request above the cap or above what the application asked, or for an application not shortlisted', async () => {
    const applicationId = await shortlistedApplication(t.deps, w.ownerId, {
      requestedMinor: 200_000_000,
      capMinor: 1_000_000_000,
    });
    const r1 = await w.owner.post('/api/v1/loans', {
      applicationId,
      bankId: w.hbl.id,
      amountMinor: 200_000_001,
    });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().fields[0].path).toBe('amountMinor');
    const capped = await shortlistedApplication(t.deps, w.ownerId, {
      requestedMinor: 2_000_000_000,
      capMinor: 1_000_000_000,
    });
    const r2 = await w.owner.post('/api/v1/loans', {
      applicationId: capped,
      bankId: w.hbl.id,
      amountMinor: 1_000_000_001,
    });
    expect(r2.statusCode).toBe(400);
    const notMine = await w.otherOwner.post('/api/v1/loans', {
      applicationId,
      bankId: w.hbl.id,
      amountMinor: 100,
    });
    expect(notMine.statusCode).toBe(404);
    const toOwner = await w.owner.post('/api/v1/loans', {
      applicationId,
      bankId: w.ownerId,
      amountMinor: 100,
    });
    expect(toOwner.statusCode).toBe(400);
    expect(toOwner.json().fields[0].path).toBe('bankId');
    await t.deps.db
      .updateTable('applications')
      .set({ status: 'not_selected' })
      .where('id', '=', capped)
      .execute();
    expect(
      (await w.owner.post('/api/v1/loans', { applicationId: capped, bankId: w.hbl.id, amountMinor: 100 }))
        .statusCode,
    ).toBe(409);
  });

  it('disburses in tranches up to the sanction, with an Idempotency-Key; the schedule follows each tranche', async () => {
    const id = await sanctionedLoan(t, w);
    const url = `/api/v1/loans/${id}/disbursements`;
    const body = { amountMinor: 250_000_000, disbursedOn: '2026-11-28', bankReference: nextRef() };
    const noKey = await w.hbl.officer.post(url, body);
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().fields[0].path).toBe('headers.idempotency-key');

    const key = idem();
    const first = await w.hbl.officer.post(url, body, key);
    expect(first.statusCode).toBe(201);
    const replay = await w.hbl.officer.post(url, body, key);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    let loan = first.json();
    expect(loan.status).toBe('active');
    expect(loan.disbursedMinor).toBe(250_000_000);
    expect(loan.disbursements).toHaveLength(1);
    // 24 months with 4 of grace: 20 instalments of Rs 125,000 from 10 April 2027.
    expect(loan.instalments).toHaveLength(20);
    expect(loan.instalments[0]).toMatchObject({ dueDate: '2027-04-10', principalMinor: 12_500_000 });

    const above = await w.hbl.officer.post(
      url,
      { ...body, amountMinor: 150_000_001, bankReference: nextRef() },
      idem(),
    );
    expect(above.statusCode).toBe(400);
    expect(above.json().fields[0].path).toBe('amountMinor');
    const future = await w.hbl.officer.post(
      url,
      { ...body, disbursedOn: '2026-11-29', bankReference: nextRef() },
      idem(),
    );
    expect(future.statusCode).toBe(400);
    expect(future.json().fields[0].path).toBe('disbursedOn');
    const nbp = await w.nbp.officer.post(url, { ...body, bankReference: nextRef() }, idem());
    expect(nbp.statusCode).toBe(404);

    const second = await bank(
      url,
      { amountMinor: 150_000_001 - 1, disbursedOn: '2026-11-28', bankReference: nextRef() },
      idem(),
    );
    expect(second.statusCode).toBe(201);
    loan = second.json();
    expect(loan.disbursedMinor).toBe(400_000_000);
    expect(loan.disbursements).toHaveLength(2);
    expect(
      loan.instalments.reduce((s: number, i: { principalMinor: number }) => s + i.principalMinor, 0),
    ).toBe(400_000_000);
    expect(loan.instalments[0].principalMinor).toBe(20_000_000);
    expect(await ledgerTotals(id)).toEqual({
      debits: 400_000_000,
      credits: 400_000_000,
      principal: 400_000_000,
    });
  });

  it('repayments: bad input names the field and posts nothing; allocation; full prepayment closes the loan', async () => {
    const id = await sanctionedLoan(t, w, {
      ...SANCTION,
      amountMinor: 125_000,
      tenorMonths: 4,
      graceMonths: 0,
      firstRepaymentDate: '2026-12-10',
    });
    const d = await bank(
      `/api/v1/loans/${id}/disbursements`,
      { amountMinor: 125_000, disbursedOn: '2026-11-28', bankReference: nextRef() },
      idem(),
    );
    expect(d.statusCode).toBe(201);
    const url = `/api/v1/loans/${id}/repayments`;
    const cases: [Record<string, unknown>, string][] = [
      [{ amountMinor: 0, paidOn: '2026-11-28' }, 'amountMinor'],
      [{ amountMinor: -100, paidOn: '2026-11-28' }, 'amountMinor'],
      // Above the outstanding Rs 1,250 plus the next instalment (Rs 312): the repayment limit.
      [{ amountMinor: 156_201, paidOn: '2026-11-28' }, 'amountMinor'],
      [{ amountMinor: 12.5, paidOn: '2026-11-28' }, 'amountMinor'],
      [{ amountMinor: 100, paidOn: '2026-11-29' }, 'paidOn'],
      [{ amountMinor: 100, paidOn: '2026-11-27' }, 'paidOn'],
      [{ amountMinor: 100, paidOn: '28/11/2026' }, 'paidOn'],
    ];
    for (const [body, field] of cases) {
      const res = await bank(url, { bankReference: nextRef(), ...body }, idem());
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(res.json().fields), JSON.stringify(body)).toContain(field);
    }
    expect(
      (await bank(url, { amountMinor: 100, paidOn: '2026-11-28', bankReference: nextRef() })).statusCode,
    ).toBe(400);
    expect(
      await t.deps.db.selectFrom('loan_repayments').select('id').where('loan_id', '=', id).execute(),
    ).toHaveLength(0);
    expect(await ledgerTotals(id)).toEqual({ debits: 125_000, credits: 125_000, principal: 125_000 });

    // Schedule 312, 312, 312, 314 (rupees). Paying Rs 412 on 28 Nov: instalment 1 (current), then Rs 100 off the last.
    const r1 = await bank(
      url,
      { amountMinor: 41_200, paidOn: '2026-11-28', bankReference: nextRef() },
      idem(),
    );
    expect(r1.statusCode).toBe(201);
    expect(r1.json().repayments[0].allocation).toEqual([
      { number: 1, amountMinor: 31_200 },
      { number: 4, amountMinor: 10_000 },
    ]);
    expect(r1.json().instalments.map((i: { paidMinor: number }) => i.paidMinor)).toEqual([
      31_200, 0, 0, 10_000,
    ]);
    expect(r1.json().outstandingMinor).toBe(83_800);
    expect(r1.json().nextDue).toEqual({ dueDate: '2027-01-10', amountMinor: 31_200 });

    const dupRef = await bank(
      url,
      { amountMinor: 100, paidOn: '2026-11-28', bankReference: r1.json().repayments[0].bankReference },
      idem(),
    );
    expect(dupRef.statusCode).toBe(400);
    expect(dupRef.json().fields[0].path).toBe('bankReference');

    const full = await bank(
      url,
      { amountMinor: 83_800, paidOn: '2026-11-28', bankReference: nextRef() },
      idem(),
    );
    expect(full.statusCode).toBe(201);
    expect(full.json()).toMatchObject({
      status: 'closed',
      outstandingMinor: 0,
      closedOn: '2026-11-28',
      nextDue: null,
    });
    expect(full.json().instalments.every((i: { status: string }) => i.status === 'paid')).toBe(true);
    expect(await ledgerTotals(id)).toEqual({ debits: 250_000, credits: 250_000, principal: 0 });
    const closed = await bank(
      url,
      { amountMinor: 100, paidOn: '2026-11-28', bankReference: nextRef() },
      idem(),
    );
    expect(closed.statusCode).toBe(409);
  });

  it('the database refuses an unbalanced ledger transaction and any change to an entry', async () => {
    const tx = await t.deps.db
      .insertInto('ledger_transactions')
      .values({ kind: 'repayment', loan_id: null, occurred_on: '2026-11-28', created_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await expect(
      t.deps.db
        .insertInto('ledger_entries')
        .values([
          { transaction_id: tx.id, account: 'bank_collections', debit_minor: 100 },
          { transaction_id: tx.id, account: 'loan_principal', credit_minor: 99 },
        ])
        .execute(),
    ).rejects.toThrow(/does not balance/);
    await expect(
      sql`UPDATE ledger_entries SET debit_minor = debit_minor + 1`.execute(t.deps.db),
    ).rejects.toThrow(/append-only/);
  });

  it('admin enters benchmark rates and spreads; banks read them; nobody else writes them', async () => {
    const rate = {
      benchmark: 'KIBOR_6M',
      effectiveFrom: '2026-07-01',
      rateBps: 1_150,
      source: 'SBP KIBOR page, 1 July 2026',
    };
    expect((await w.admin.post('/api/v1/loans/benchmark-rates', rate)).statusCode).toBe(201);
    expect((await w.admin.post('/api/v1/loans/benchmark-rates', rate)).statusCode).toBe(409);
    expect(
      (await w.hbl.officer.post('/api/v1/loans/benchmark-rates', { ...rate, effectiveFrom: '2026-08-01' }))
        .statusCode,
    ).toBe(403);
    const sp = await w.admin.post('/api/v1/loans/bank-spreads', {
      bankId: w.hbl.id,
      benchmark: 'KIBOR_6M',
      spreadBps: 500,
      effectiveFrom: '2026-07-01',
    });
    expect(sp.statusCode).toBe(201);
    const notBank = await w.admin.post('/api/v1/loans/bank-spreads', {
      bankId: w.ownerId,
      benchmark: 'KIBOR_6M',
      spreadBps: 500,
      effectiveFrom: '2026-07-01',
    });
    expect(notBank.statusCode).toBe(404);
    expect((await w.hbl.officer.get('/api/v1/loans/bank-spreads')).json()).toHaveLength(1);
    expect((await w.nbp.officer.get('/api/v1/loans/bank-spreads')).json()).toHaveLength(0);
    expect((await w.owner.get('/api/v1/loans/banks')).json().map((b: { id: string }) => b.id)).toContain(
      w.hbl.id,
    );
  });

  it('previews a schedule without storing anything', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/loans/schedule-preview',
      payload: { principalMinor: 125_000, tenorMonths: 6, graceMonths: 2, start: '2027-01-15' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ repaymentMonths: 4, unit: 'rupee' });
    expect(res.json().instalments).toEqual([
      { number: 1, dueDate: '2027-04-15', principalMinor: 31_200 },
      { number: 2, dueDate: '2027-05-15', principalMinor: 31_200 },
      { number: 3, dueDate: '2027-06-15', principalMinor: 31_200 },
      { number: 4, dueDate: '2027-07-15', principalMinor: 31_400 },
    ]);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/loans/schedule-preview',
      payload: { principalMinor: 125_000, tenorMonths: 6, graceMonths: 6 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('graceMonths');
  });
});

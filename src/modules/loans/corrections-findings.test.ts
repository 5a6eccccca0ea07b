import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import type { OrganizationId, UserId } from '../../shared/ids.ts';
import { addDays } from '../../shared/time.ts';
import { type Client, createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { createApiKey } from '../identity/index.ts';
import { fileClaimLines } from './claims.service.ts';
import { closeOfBusiness } from './cob.job.ts';
import { verifyLedger } from './ledger-verify.service.ts';
import { idem, type LoanWorld, makeLoanWorld, SANCTION, sanctionedLoan } from './loans.fixtures.ts';
import { postRepayment } from './repayment.service.ts';

/**
 * The review findings on issue 19's corrections (a–d), each on the case that showed it. Two loans
 * at HBL, KIBOR 8.50% + 5.00%, disbursed 1 Apr 2026, close of business run to 30 Jun:
 * A, Rs 5,000,000 in one tranche, repaid at the end; B, Rs 120,000 in twelve monthly instalments
 * of Rs 10,000 from 10 May.
 *
 * a. The 1 Mar KIBOR fixing is restated 8.50% → 9.00% on 5 Jul. Hand-worked (actual/365, one
 *    rounding per running total): A's Q2 was 5e8 × 1,350 × 91 / 3,650,000 = 16,828,767.12 →
 *    16,828,767 and is now × 1,400 = 17,452,054.79 → 17,452,055: +623,288. B's Q2 was 1.2e7 ×
 *    1,350 × 91 / 3.65e6 = 403,890.41 → 403,890, now 418,849.32 → 418,849: +14,959.
 */
const A_Q2 = 16_828_767;
const A_RESTATED = 623_288;
const B_RESTATED = 14_959;

let t: TestApp;
let w: LoanWorld;
let loanA: string;
let loanB: string;
let rateId: string;
let bankActor: Actor;

const key = () => ({ authorization: `Bearer ${w.hbl.apiKey}` });
const api = (method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({
    method,
    url,
    headers: { ...key(), ...headers },
    ...(payload ? { payload: payload as object } : {}),
  });
async function login(role: 'program_admin' | 'bank_officer', bankId?: string): Promise<Client> {
  const u = await makeUser(t.deps, role, bankId ? { organizationId: bankId } : {});
  return loginClient(t.app, u.email);
}
const cob = async (from: string, to: string) => {
  for (let d = from; d <= to; d = addDays(d, 1)) await closeOfBusiness(t.deps, d);
};
const adjustmentsOf = async (loanId: string) =>
  (await api('GET', `/api/v1/loans/${loanId}/subsidy-adjustments`)).json() as {
    quarter: string;
    amountMinor: number;
    sourceKind: string;
    appliedClaimId: string | null;
  }[];

beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  t.clock.set('2026-03-20T06:00:00Z');
  w = await makeLoanWorld(t);
  const rate = await w.admin.post('/api/v1/loans/benchmark-rates', {
    benchmark: 'KIBOR_6M',
    effectiveFrom: '2026-03-01',
    rateBps: 850,
    source: 'SBP',
  });
  rateId = rate.json().id;
  await w.admin.post('/api/v1/loans/bank-spreads', {
    bankId: w.hbl.id,
    benchmark: 'KIBOR_6M',
    spreadBps: 500,
    effectiveFrom: '2026-03-01',
  });
  loanA = await sanctionedLoan(t, w, { ...SANCTION, amountMinor: 500_000_000 });
  loanB = await sanctionedLoan(t, w, {
    amountMinor: 12_000_000,
    tenorMonths: 12,
    graceMonths: 0,
    repaymentDay: 10,
    firstRepaymentDate: '2026-05-10',
  });
  t.clock.set('2026-04-01T08:00:00Z');
  for (const [id, amountMinor] of [
    [loanA, 500_000_000],
    [loanB, 12_000_000],
  ] as const) {
    const d = await api(
      'POST',
      `/api/v1/loans/${id}/disbursements`,
      { amountMinor, disbursedOn: '2026-04-01', bankReference: `TR-${amountMinor}` },
      idem(),
    );
    expect(d.statusCode, d.body).toBe(201);
  }
  await cob('2026-04-01', '2026-06-30');
  t.clock.set('2026-07-05T06:00:00Z');
  const officer = await makeUser(t.deps, 'bank_officer', { organizationId: w.hbl.id });
  bankActor = {
    kind: 'user',
    userId: officer.id as UserId,
    role: 'bank_officer',
    organizationId: w.hbl.id as OrganizationId,
  };
}, 300_000);
afterAll(() => t.close());

describe('a. a restated benchmark fixing recomputes the subsidy of every loan priced on it', () => {
  it('posts per-quarter rate_correction adjustments from the fixing’s date, and the batch goes on at the new rate', async () => {
    const admin = await login('program_admin');
    const bad = await admin.post(`/api/v1/loans/benchmark-rates/${rateId}/restatements`, {
      rateBps: 850,
      reason: 'SBP republished the fixing',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('rateBps');
    const noReason = await admin.post(`/api/v1/loans/benchmark-rates/${rateId}/restatements`, {
      rateBps: 900,
      reason: '',
    });
    expect(noReason.json().fields[0].path).toBe('reason');
    const bankTries = await api('POST', `/api/v1/loans/benchmark-rates/${rateId}/restatements`, {
      rateBps: 900,
      reason: 'SBP republished the fixing',
    });
    expect(bankTries.statusCode).toBe(403);
    expect(await adjustmentsOf(loanA)).toEqual([]);

    const r = await admin.post(`/api/v1/loans/benchmark-rates/${rateId}/restatements`, {
      rateBps: 900,
      reason: 'SBP republished the fixing',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      fromBps: 850,
      toBps: 900,
      loansRecomputed: 2,
      adjustedMinor: A_RESTATED + B_RESTATED,
    });
    const a = await adjustmentsOf(loanA);
    expect(a.map((x) => [x.quarter, x.amountMinor, x.sourceKind])).toEqual([
      ['2026-Q2', A_RESTATED, 'rate_correction'],
    ]);
    expect((await adjustmentsOf(loanB)).map((x) => x.amountMinor)).toEqual([B_RESTATED]);
    const loan = (await api('GET', `/api/v1/loans/${loanA}`)).json();
    expect(loan.subsidyAccruedMinor).toBe(A_Q2 + A_RESTATED);
    const pending = (await admin.get('/api/v1/loans/subsidy-adjustments?pending=true')).json();
    expect(pending.length).toBe(2);
    const listed = (await admin.get('/api/v1/loans/benchmark-rate-restatements')).json();
    expect(listed.map((x: { toBps: number }) => x.toBps)).toEqual([900]);
    // The next day accrues at 14.00% on top of the corrected running total.
    await cob('2026-07-01', '2026-07-01');
    const day = await t.deps.db
      .selectFrom('subsidy_accruals')
      .select(['rate_bps', 'amount_minor'])
      .where('loan_id', '=', loanA)
      .where('day', '=', '2026-07-01')
      .executeTakeFirstOrThrow();
    expect(day.rate_bps).toBe(1400);
    // 5e8 × 1,400 × 92 / 3.65e6 = 17,643,835.62 → 17,643,836, less 17,452,055 = 191,781.
    expect(Number(day.amount_minor)).toBe(191_781);
    expect((await verifyLedger(t.deps)).problems).toEqual([]);
  });
});

describe('b. filing a claim settles exactly the adjustments it counted', () => {
  it('an adjustment made as the claim is filed is counted in its line or left for the next claim', async () => {
    // A deps whose first transaction is preceded by a back-dated repayment on loan A: the moment
    // between reading the quarter's adjustments and settling them.
    let fired = false;
    const raw = t.deps.db;
    const db = new Proxy(raw, {
      get(target, prop) {
        if (prop === 'transaction' && !fired)
          return () => ({
            execute: async (work: (trx: Kysely<Database>) => Promise<unknown>) => {
              fired = true;
              await postRepayment(t.deps, bankActor, loanA, {
                amountMinor: 100_000_000,
                paidOn: '2026-05-01',
                bankReference: 'RP-RACE',
              });
              return target.transaction().execute(work);
            },
          });
        const v = Reflect.get(target, prop, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    const deps: Deps = { ...t.deps, db };
    const claim = await fileClaimLines(deps, bankActor, {
      quarter: '2026-Q2',
      lines: [{ loanId: loanA, claimedMinor: A_Q2 + A_RESTATED }],
    });
    expect(fired).toBe(true);
    const settled = (await adjustmentsOf(loanA)).filter((x) => x.appliedClaimId === claim.id);
    // (5e8 × 1,400 × 30 + 4e8 × 1,400 × 61) / 3.65e6 = 15,112,328.77: the line counts what it settles.
    expect(claim.lines[0]!.computedMinor).toBe(A_Q2 + settled.reduce((s, x) => s + x.amountMinor, 0));
    expect(claim.lines[0]!.computedMinor).toBe(15_112_329);
    expect(settled.every((x) => x.quarter === '2026-Q2')).toBe(true);
    expect((await verifyLedger(t.deps)).problems).toEqual([]);
  });
});

describe('c. a reversal asked for with an API key', () => {
  it('cannot be approved by the person the key belongs to', async () => {
    const issuer = await makeUser(t.deps, 'program_admin');
    const issued = await createApiKey(
      t.deps,
      { kind: 'user', userId: issuer.id as UserId, role: 'program_admin', organizationId: null },
      { organizationId: w.hbl.id, name: 'branch system' },
    );
    const repayment = (await api('GET', `/api/v1/loans/${loanA}`))
      .json()
      .repayments.find((r: { bankReference: string }) => r.bankReference === 'RP-RACE');
    const asked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/loans/${loanA}/reversals`,
      headers: { authorization: `Bearer ${issued.secret}`, ...idem() },
      payload: { entryKind: 'repayment', entryId: repayment.id, reason: 'posted to the wrong loan' },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json().status).toBe('requested');
    const own = await loginClient(t.app, issuer.email);
    const self = await own.post(`/api/v1/loans/${loanA}/reversals/${asked.json().id}/decision`, {
      decision: 'approve',
    });
    expect(self.statusCode).toBe(403);
    const checker = await login('bank_officer', w.hbl.id);
    const ok = await checker.post(`/api/v1/loans/${loanA}/reversals/${asked.json().id}/decision`, {
      decision: 'approve',
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('d. reversals re-run later allocations and respect the back-dating limit', () => {
  const instalmentsPaid = async () =>
    (await api('GET', `/api/v1/loans/${loanB}`))
      .json()
      .instalments.slice(0, 3)
      .map((i: { paidMinor: number }) => i.paidMinor);
  const repay = async (paidOn: string, ref: string) => {
    const r = await api(
      'POST',
      `/api/v1/loans/${loanB}/repayments`,
      { amountMinor: 1_000_000, paidOn, bankReference: ref },
      idem(),
    );
    expect(r.statusCode, r.body).toBe(201);
    return (r.json().repayments as { id: string; bankReference: string }[]).find(
      (x) => x.bankReference === ref,
    )!.id;
  };
  const reverse = (entryId: string) =>
    api(
      'POST',
      `/api/v1/loans/${loanB}/reversals`,
      { entryKind: 'repayment', entryId, reason: 'keyed against the wrong account' },
      idem(),
    );

  it('reversing the May repayment moves the June one onto the May instalment, oldest first', async () => {
    const may = await repay('2026-05-05', 'RP-MAY');
    const june = await repay('2026-06-05', 'RP-JUN');
    expect(await instalmentsPaid()).toEqual([1_000_000, 1_000_000, 0]);
    const r = await reverse(may);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().status).toBe('approved');
    // Paid on 5 Jun, the June repayment goes first to the instalment overdue since 10 May.
    expect(await instalmentsPaid()).toEqual([1_000_000, 0, 0]);
    const loan = (await api('GET', `/api/v1/loans/${loanB}`)).json();
    expect(loan.repaidMinor).toBe(1_000_000);
    // Reversing the June one too takes it off where it now stands.
    expect((await reverse(june)).statusCode).toBe(201);
    expect(await instalmentsPaid()).toEqual([0, 0, 0]);
    expect((await verifyLedger(t.deps)).problems).toEqual([]);
  });

  it('refuses to reverse an entry dated further back than the rules allow, naming the entry', async () => {
    const entry = await repay('2026-06-20', 'RP-LATE');
    const admin = await login('program_admin');
    const rules = await admin.post('/api/v1/loans/rules', {
      effectiveFrom: '2026-07-05',
      graceDays: 0,
      reversalApprovalMinor: 10_000_000,
      backdateMaxDays: 10,
      dueDateRoll: 'none',
    });
    expect(rules.statusCode).toBe(201);
    const r = await reverse(entry);
    expect(r.statusCode).toBe(400);
    expect(r.json().fields[0]).toMatchObject({ path: 'entryId', rule: 'backdate_too_far' });
    expect(await instalmentsPaid()).toEqual([1_000_000, 0, 0]);
  });
});

describe('the statement’s arrears and the grace days', () => {
  it('an instalment still within its grace on the last day is not in arrears', async () => {
    t.clock.set('2026-07-06T06:00:00Z');
    const admin = await login('program_admin');
    const rules = await admin.post('/api/v1/loans/rules', {
      effectiveFrom: '2026-07-06',
      graceDays: 30,
      reversalApprovalMinor: 10_000_000,
      backdateMaxDays: 10,
      dueDateRoll: 'none',
    });
    expect(rules.statusCode, rules.body).toBe(201);
    t.clock.set('2026-07-07T06:00:00Z');
    // Due 10 May and 10 Jun, Rs 10,000 each; Rs 10,000 repaid. On 6 Jul the June one is 26 days
    // past its date, inside 30 days of grace: nothing is in arrears. With no grace, Rs 10,000 was.
    const s = await api('GET', `/api/v1/loans/${loanB}/statement?from=2026-04-01&to=2026-07-06`);
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json().arrearsMinor).toBe(0);
    const before = await api('GET', `/api/v1/loans/${loanB}/statement?from=2026-04-01&to=2026-07-05`);
    expect(before.json().arrearsMinor).toBe(1_000_000);
  });
});

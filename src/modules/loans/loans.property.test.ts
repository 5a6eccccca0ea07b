import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays, karachiDate } from '../../shared/time.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { contactsOf } from '../identity/index.ts';
import { closeOfBusiness } from './cob.job.ts';
import { verifyLedger } from './ledger-verify.service.ts';
import { idem, type LoanWorld, makeLoanWorld, SANCTION, sanctionedLoan } from './loans.fixtures.ts';
import { bankRates, batchDays, lastCloseOfBusiness } from './subsidy-adjust.service.ts';
import { recomputeSubsidy } from './subsidy-recompute.ts';

/**
 * Issue 19 review: random sequences of tranches, repayments (some back-dated), reversals (above
 * the threshold decided by a second person) and close-of-business runs, through the real services
 * on the database. After each sequence the ledger balances and the loan's posted subsidy
 * (accruals and adjustments) equals a fresh recomputation from its first day: the recompute
 * function finds nothing left to adjust.
 */
let t: TestApp;
let w: LoanWorld;
let officerEmail: string;
let today = '2026-01-05';
const key = () => ({ authorization: `Bearer ${w.hbl.apiKey}` });
const api = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: { ...key(), ...idem() },
    ...(payload ? { payload: payload as object } : {}),
  });
const setDay = (d: string) => {
  today = d;
  t.clock.set(`${d}T06:00:00Z`);
};
/** A refusal is fine (the sequence is random); a server error is not. */
const allowed = (status: number, body: string) => {
  expect(status < 500, body).toBe(true);
  return status < 300;
};

/** What the recompute function would still adjust, over the loan's whole history. */
async function leftToAdjust(loanId: string, from: string) {
  const db = t.deps.db;
  const last = await lastCloseOfBusiness(db, karachiDate(t.clock.now()));
  if (!last || last < from) return [];
  const loan = await db
    .selectFrom('loans')
    .select(['bank_id', 'closed_on', 'classified_loss_on'])
    .where('id', '=', loanId)
    .executeTakeFirstOrThrow();
  const movements = await sql<{ on: string; delta: string }>`
    SELECT t.occurred_on::text AS on, sum(e.debit_minor - e.credit_minor)::text AS delta
      FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
     WHERE e.loan_id = ${loanId} AND e.account = 'loan_principal' GROUP BY t.occurred_on`.execute(db);
  const recorded = await sql<{ day: string; numerator: string; amount: string }>`
    SELECT day::text AS day, numerator::text AS numerator, amount_minor::text AS amount
      FROM subsidy_accruals WHERE loan_id = ${loanId} ORDER BY day`.execute(db);
  const adjustments = await db
    .selectFrom('subsidy_adjustments')
    .select(['quarter', 'numerator_delta', 'amount_minor'])
    .where('loan_id', '=', loanId)
    .execute();
  return recomputeSubsidy({
    from,
    days: await batchDays(db, from, last),
    movements: movements.rows.map((m) => ({ on: m.on, deltaMinor: Number(m.delta) })),
    rateOn: await bankRates(db, loan.bank_id),
    liveOn: (d) =>
      !(loan.closed_on && d >= loan.closed_on) && !(loan.classified_loss_on && d >= loan.classified_loss_on),
    recorded: recorded.rows.map((r) => ({
      day: r.day,
      numerator: BigInt(r.numerator),
      amountMinor: Number(r.amount),
    })),
    adjustments: adjustments.map((a) => ({
      quarter: a.quarter,
      numeratorDelta: BigInt(a.numerator_delta),
      amountMinor: Number(a.amount_minor),
    })),
  });
}

type Step =
  | { k: 'cob'; days: number }
  | { k: 'tranche'; amount: number; back: number }
  | { k: 'repay'; amount: number; back: number }
  | { k: 'reverse'; pick: number; approve: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ k: fc.constant('cob' as const), days: fc.integer({ min: 1, max: 5 }) }),
  fc.record({
    k: fc.constant('tranche' as const),
    amount: fc.integer({ min: 1, max: 20 }).map((n) => n * 1_000_000),
    back: fc.integer({ min: 0, max: 4 }),
  }),
  fc.record({
    k: fc.constant('repay' as const),
    amount: fc.integer({ min: 1, max: 30 }).map((n) => n * 500_000),
    back: fc.integer({ min: 0, max: 6 }),
  }),
  fc.record({ k: fc.constant('reverse' as const), pick: fc.nat(), approve: fc.boolean() }),
);

async function runSequence(steps: Step[]) {
  // Each sequence is a fresh loan, later in time than the one before (the close of business is global).
  setDay(addDays(today, 1));
  const start = today;
  w.owner = await loginClient(t.app, (await contactsOf(t.deps, [w.ownerId])).get(w.ownerId)!.email);
  w.hbl.officer = await loginClient(t.app, officerEmail);
  const first = addDays(start, 40);
  const id = await sanctionedLoan(t, w, {
    ...SANCTION,
    amountMinor: 120_000_000,
    tenorMonths: 12,
    graceMonths: 0,
    firstRepaymentDate: `${first.slice(0, 8)}10`,
  });
  const d0 = await api('POST', `/api/v1/loans/${id}/disbursements`, {
    amountMinor: 50_000_000,
    disbursedOn: start,
    bankReference: 'T-0',
  });
  expect(d0.statusCode, d0.body).toBe(201);
  let lastTranche = start;
  let n = 0;
  for (const s of steps) {
    n++;
    if (s.k === 'cob') {
      for (let i = 0; i < s.days; i++) {
        await closeOfBusiness(t.deps, today);
        setDay(addDays(today, 1));
      }
    } else if (s.k === 'tranche') {
      const on = [addDays(today, -s.back), start].sort().at(-1)!;
      const r = await api('POST', `/api/v1/loans/${id}/disbursements`, {
        amountMinor: s.amount,
        disbursedOn: on,
        bankReference: `T-${n}`,
      });
      if (allowed(r.statusCode, r.body) && on > lastTranche) lastTranche = on;
    } else if (s.k === 'repay') {
      const on = [addDays(today, -s.back), lastTranche].sort().at(-1)!;
      const r = await api('POST', `/api/v1/loans/${id}/repayments`, {
        amountMinor: s.amount,
        paidOn: on,
        bankReference: `R-${n}`,
      });
      allowed(r.statusCode, r.body);
    } else {
      const loan = (await api('GET', `/api/v1/loans/${id}`)).json();
      const reversals = (await api('GET', `/api/v1/loans/${id}/reversals`)).json() as {
        id: string;
        entryId: string;
        status: string;
      }[];
      const pending = reversals.find((r) => r.status === 'requested');
      if (pending) {
        // Above the threshold: a second person, the bank's officer, decides.
        const officer = await loginClient(t.app, officerEmail);
        const r = await officer.post(`/api/v1/loans/${id}/reversals/${pending.id}/decision`, {
          decision: s.approve ? 'approve' : 'reject',
          note: 'checked against the bank statement',
        });
        allowed(r.statusCode, r.body);
        continue;
      }
      const taken = new Set(reversals.map((r) => r.entryId));
      const entries = [
        ...loan.repayments.map((e: { id: string }) => ({ kind: 'repayment', id: e.id })),
        ...loan.disbursements.map((e: { id: string }) => ({ kind: 'disbursement', id: e.id })),
      ].filter((e) => !taken.has(e.id));
      if (!entries.length) continue;
      const e = entries[s.pick % entries.length]!;
      const r = await api('POST', `/api/v1/loans/${id}/reversals`, {
        entryKind: e.kind,
        entryId: e.id,
        reason: 'posted in error, found on reconciliation',
      });
      allowed(r.statusCode, r.body);
    }
  }
  await closeOfBusiness(t.deps, today);
  setDay(addDays(today, 1));
  expect((await verifyLedger(t.deps)).problems).toEqual([]);
  expect(await leftToAdjust(id, start)).toEqual([]);
}

beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 1_000_000 });
  setDay(today);
  w = await makeLoanWorld(t);
  officerEmail = (await makeUser(t.deps, 'bank_officer', { organizationId: w.hbl.id })).email;
  await w.admin.post('/api/v1/loans/benchmark-rates', {
    benchmark: 'KIBOR_6M',
    effectiveFrom: '2026-01-01',
    rateBps: 1_000,
    source: 'SBP',
  });
  await w.admin.post('/api/v1/loans/bank-spreads', {
    bankId: w.hbl.id,
    benchmark: 'KIBOR_6M',
    spreadBps: 500,
    effectiveFrom: '2026-01-01',
  });
}, 180_000);
afterAll(() => t.close());

it('after any sequence the ledger balances and the subsidy equals a fresh recomputation', async () => {
  await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 8 }), runSequence), {
    numRuns: 15,
    endOnFailure: true,
  });
  // About 8 s on a quiet machine (CI); room for a loaded one.
}, 120_000);

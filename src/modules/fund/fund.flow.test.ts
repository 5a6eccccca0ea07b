import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { accountBalances, exampleRound, fundFounder, fundSetup } from './fund.fixtures.ts';
import { registerStartup } from './parties.service.ts';

// A matching grant from application to recovery through the HTTP API: each eligibility rule
// refusing with its reason, the committee's recusal, the envelope, tranches pro rata to the
// foreign money that arrived, the FX difference in the ledger, quarterly reports and a recovery.
let t: TestApp;
let s: Awaited<ReturnType<typeof fundSetup>>;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  s = await fundSetup(t);
});
afterAll(() => t.close());

const grantCount = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('fund_grants')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
/** A tranche as staff pay one: always with a fresh Idempotency-Key. */
const pay = (id: string, body: object) =>
  s.admin.request('POST', `/api/v1/fund/grants/${id}/tranches`, body, {
    'idempotency-key': crypto.randomUUID(),
  });
const rulesOf = (res: { json(): { fields?: { path: string; rule?: string }[] } }) =>
  (res.json().fields ?? []).map((f) => `${f.path}:${f.rule}`);

describe('applying for a matching grant', () => {
  it('refuses a round for each eligibility rule with its reason, and changes nothing', async () => {
    const f = await fundFounder(t);
    const abroad = await fundFounder(t, 'SG');
    const before = await grantCount();
    const cases: [object, string][] = [
      [exampleRound(abroad.startup.id, s.investors.foreign), 'startupId:incorporated_in_pakistan'],
      [exampleRound(f.startup.id, s.investors.pending), 'leadInvestorId:lead_investor_verified'],
      [exampleRound(f.startup.id, s.investors.local), 'leadInvestorId:lead_investor_foreign'],
      [
        { ...exampleRound(f.startup.id, s.investors.foreign), roundMinor: 100_000_100 },
        'roundMinor:round_adds_up',
      ],
      [
        {
          ...exampleRound(f.startup.id, s.investors.foreign),
          investors: [
            { investorId: s.investors.foreign, amountMinor: 60_000_000 },
            { investorId: s.investors.local, amountMinor: 10_000_000 },
          ],
        },
        'investors:foreign_share',
      ],
      [
        {
          ...exampleRound(f.startup.id, s.investors.foreign),
          roundMinor: 200_000_000,
          requestedMinor: 60_000_000,
          investors: [{ investorId: s.investors.foreign, amountMinor: 140_000_000 }],
        },
        'requestedMinor:grant_cap',
      ],
    ];
    for (const [body, rule] of cases) {
      const res = await (body === cases[0]![0] ? abroad.client : f.client).post('/api/v1/fund/grants', body);
      expect(res.statusCode, rule).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(rulesOf(res), rule).toContain(rule);
    }
    expect(await grantCount()).toBe(before);

    // Bad input names the field; a missing document too.
    const neg = await f.client.post('/api/v1/fund/grants', {
      ...exampleRound(f.startup.id, s.investors.foreign),
      requestedMinor: -5,
    });
    expect(neg.statusCode).toBe(400);
    expect(neg.json().fields[0].path).toBe('requestedMinor');
    const noSheet = await f.client.post('/api/v1/fund/grants', {
      ...exampleRound(f.startup.id, s.investors.foreign),
      documents: [{ kind: 'other', reference: 'x' }],
    });
    expect(rulesOf(noSheet)).toEqual(['documents:missing_term_sheet']);
    // Someone else's startup.
    const other = await fundFounder(t);
    expect(
      (await other.client.post('/api/v1/fund/grants', exampleRound(f.startup.id, s.investors.foreign)))
        .statusCode,
    ).toBe(403);
    expect(await grantCount()).toBe(before);

    // The published example passes at the boundary; a second application is an earlier grant.
    expect(
      (await f.client.post('/api/v1/fund/grants', exampleRound(f.startup.id, s.investors.foreign)))
        .statusCode,
    ).toBe(201);
    const again = await f.client.post('/api/v1/fund/grants', exampleRound(f.startup.id, s.investors.foreign));
    expect(rulesOf(again)).toEqual(['startupId:earlier_grants']);
  });
});

describe('from committee to recovery', () => {
  it('runs the whole way, and the ledger balances', async () => {
    const f = await fundFounder(t);
    t.clock.set('2026-11-15T05:00:00Z'); // the decision day's rate is 280
    const { id } = (
      await f.client.post('/api/v1/fund/grants', exampleRound(f.startup.id, s.investors.foreign))
    ).json();

    // Committee: nothing is seen before declaring; a conflict recuses.
    expect((await s.eval1.get(`/api/v1/fund/grants/${id}`)).statusCode).toBe(403);
    expect(
      (
        await s.eval1.post(`/api/v1/fund/grants/${id}/conflict-declaration`, {
          conflict: true,
          note: 'my cousin',
        })
      ).statusCode,
    ).toBe(204);
    expect((await s.eval1.get(`/api/v1/fund/grants/${id}`)).statusCode).toBe(403);
    expect((await s.eval1.post(`/api/v1/fund/grants/${id}/score`, { score: 90 })).statusCode).toBe(403);
    const queue = (await s.eval1.get('/api/v1/fund/committee/queue')).json();
    expect(queue.find((q: { id: string }) => q.id === id)).toMatchObject({ declared: true, conflict: true });
    // No decision before a member without a conflict scored.
    expect(
      (await s.admin.post(`/api/v1/fund/grants/${id}/decision`, { decision: 'approved', reason: 'ok' }))
        .statusCode,
    ).toBe(409);
    await s.eval2.post(`/api/v1/fund/grants/${id}/conflict-declaration`, { conflict: false });
    const badScore = await s.eval2.post(`/api/v1/fund/grants/${id}/score`, { score: 101 });
    expect(badScore.json().fields[0].path).toBe('score');
    const scored = await s.eval2.post(`/api/v1/fund/grants/${id}/score`, { score: 78 });
    expect(scored.json().review).toMatchObject({ declared: 2, recused: 1, scored: 1, averageScore: 78 });

    // Approval commits $300k at 280 = Rs 84m against the envelope, and posts it.
    const budgetBefore = (await s.admin.get('/api/v1/fund/budgets')).json()[0].committedPkrMinor;
    const tooMuch = await s.admin.post(`/api/v1/fund/grants/${id}/decision`, {
      decision: 'approved',
      reason: 'ok',
      approvedMinor: 30_000_001,
    });
    expect(rulesOf(tooMuch)).toEqual(['approvedMinor:above_requested']);
    const approved = (
      await s.admin.post(`/api/v1/fund/grants/${id}/decision`, {
        decision: 'approved',
        reason: 'Strong lead',
      })
    ).json();
    expect(approved).toMatchObject({
      stage: 'approved',
      approvedMinor: 30_000_000,
      committedPkrMinor: 8_400_000_000,
      commitRate: '280',
    });
    expect((await s.admin.get('/api/v1/fund/budgets')).json()[0].committedPkrMinor).toBe(
      budgetBefore + 8_400_000_000,
    );
    const events = await t.deps.db
      .selectFrom('domain_events')
      .select('name')
      .where('name', '=', 'fund.grant_decided')
      .execute();
    expect(events.length).toBeGreaterThan(0);

    // No tranche before the foreign money arrives.
    t.clock.set('2026-11-28T05:00:00Z'); // the payment day's rate is 282
    const early = await pay(id, { paidOn: '2026-11-28' });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('arrived');

    // Half the foreign money arrives: half the grant is due.
    const local = await f.client.post(`/api/v1/fund/grants/${id}/arrivals`, {
      investorId: s.investors.local,
      amountMinor: 100,
      arrivedOn: '2026-11-21',
      evidence: 'SWIFT 1',
    });
    expect(rulesOf(local)).toEqual(['investorId:not_in_round']);
    const arrived = (
      await f.client.post(`/api/v1/fund/grants/${id}/arrivals`, {
        investorId: s.investors.foreign,
        amountMinor: 35_000_000,
        arrivedOn: '2026-11-21',
        evidence: 'SWIFT 2',
      })
    ).json();
    expect(arrived.arrivals[0].status).toBe('pending');
    expect((await pay(id, { paidOn: '2026-11-28' })).statusCode).toBe(409);
    const accepted = (
      await s.admin.post(`/api/v1/fund/arrivals/${arrived.arrivals[0].id}/review`, { decision: 'accepted' })
    ).json();
    expect(accepted).toMatchObject({ arrivedForeignMinor: 35_000_000, entitledMinor: 15_000_000 });
    expect(accepted.arrivals[0].amountPkrMinor).toBe(35_000_000 * 282);
    const over = await pay(id, {
      paidOn: '2026-11-28',
      amountMinor: 15_000_001,
    });
    expect(rulesOf(over)).toEqual(['amountMinor:above_pro_rata']);
    expect(rulesOf(await pay(id, { paidOn: '2026-11-14' }))).toEqual(['paidOn:before_approval']);
    expect(rulesOf(await pay(id, { paidOn: '2026-11-20' }))).toEqual(['paidOn:before_arrival']);
    const paid = await s.admin.request(
      'POST',
      `/api/v1/fund/grants/${id}/tranches`,
      { paidOn: '2026-11-28' },
      { 'idempotency-key': `t-${id}` },
    );
    expect(paid.json()).toMatchObject({
      stage: 'part_paid',
      paidMinor: 15_000_000,
      paidPkrMinor: 15_000_000 * 282,
    });
    // The rupee weakened between commitment (280) and payment (282): Rs 300,000 more, posted.
    expect(paid.json().tranches[0]).toMatchObject({
      amountPkrMinor: 4_230_000_000,
      fxDifferencePkrMinor: 30_000_000,
      rate: '282',
    });
    const replay = await s.admin.request(
      'POST',
      `/api/v1/fund/grants/${id}/tranches`,
      { paidOn: '2026-11-28' },
      { 'idempotency-key': `t-${id}` },
    );
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().tranches).toHaveLength(1);
    const fxLines = await t.deps.db
      .selectFrom('ledger_entries as e')
      .innerJoin('ledger_transactions as x', 'x.id', 'e.transaction_id')
      .select(['e.account', 'e.debit_minor', 'e.credit_minor'])
      .where('x.kind', '=', 'fund_grant_payment')
      .where('e.account', '=', 'fund_fx_difference')
      .execute();
    expect(fxLines).toContainEqual({
      account: 'fund_fx_difference',
      debit_minor: 30_000_000,
      credit_minor: 0,
    });
    expect((await pay(id, { paidOn: '2026-11-28' })).json().code).toBe('invalid_state');

    // A quarter reported, saying the company left Pakistan: the condition is broken.
    const report = {
      quarter: '2026-Q4',
      jobs: 12,
      revenuePkrMinor: 100,
      exportsUsdMinor: 5,
      followOnUsdMinor: 0,
      stillInPakistan: false,
    };
    const badQuarter = await f.client.post(`/api/v1/fund/grants/${id}/reports`, {
      ...report,
      quarter: '2026-5',
    });
    expect(badQuarter.json().fields[0].path).toBe('quarter');
    // Only an ended quarter not before the approval's (2026-Q4): in January, with a fresh sign-in.
    const rep = async (body: object) =>
      (await f.client.post(`/api/v1/fund/grants/${id}/reports`, body)).json();
    expect((await rep(report)).fields[0].rule).toBe('quarter_not_ended');
    expect((await rep({ ...report, quarter: '2026-Q3' })).fields[0].rule).toBe('before_approval');
    t.clock.set('2027-01-04T05:00:00Z');
    const january = await loginClient(t.app, f.user.email);
    const reported = (await january.post(`/api/v1/fund/grants/${id}/reports`, report)).json();
    t.clock.set('2026-11-28T05:00:00Z');
    expect(reported).toMatchObject({ stage: 'reporting', conditionBroken: true });

    // Recovery: what was paid becomes receivable, the rest of the commitment is cancelled.
    const balancesBefore = await accountBalances(t.deps);
    const recovered = (
      await s.admin.post(`/api/v1/fund/grants/${id}/recovery`, {
        condition: 'moved_abroad',
        reason: 'Re-domiciled',
      })
    ).json();
    expect(recovered.stage).toBe('recovered');
    const b = await accountBalances(t.deps);
    expect(b.clawback_receivable! - (balancesBefore.clawback_receivable ?? 0)).toBe(4_230_000_000);
    expect(b.fund_grant_expense! - balancesBefore.fund_grant_expense!).toBe(-8_400_000_000);
    expect(b.fund_grant_payable! - balancesBefore.fund_grant_payable!).toBe(8_400_000_000 - 4_200_000_000);
    expect(b.fund_fx_difference! - balancesBefore.fund_fx_difference!).toBe(-30_000_000);
    // The envelope gets back what was committed and not paid (at the commitment's rate).
    expect((await s.admin.get('/api/v1/fund/budgets')).json()[0].committedPkrMinor).toBe(
      budgetBefore + 4_200_000_000,
    );
    const sums = await t.deps.db
      .selectFrom('ledger_entries')
      .select([
        (eb) => eb.fn.sum<number>('debit_minor').as('d'),
        (eb) => eb.fn.sum<number>('credit_minor').as('c'),
      ])
      .executeTakeFirstOrThrow();
    expect(Number(sums.d)).toBe(Number(sums.c));
  });

  it('refuses an approval past the year’s envelope, and a later rule leaves earlier decisions as they were', async () => {
    t.clock.set('2026-11-28T05:00:00Z');
    const f = await fundFounder(t);
    const { id } = (
      await f.client.post('/api/v1/fund/grants', exampleRound(f.startup.id, s.investors.foreign))
    ).json();
    await s.eval2.post(`/api/v1/fund/grants/${id}/conflict-declaration`, { conflict: false });
    await s.eval2.post(`/api/v1/fund/grants/${id}/score`, { score: 60 });
    const budget = (await s.admin.get('/api/v1/fund/budgets')).json()[0];
    // Shrink the envelope to what is committed plus Rs 1: $300k at 282 does not fit.
    await s.admin.request('PUT', '/api/v1/fund/budgets', {
      fiscalYear: 2026,
      envelopePkrMinor: budget.committedPkrMinor + 100,
    });
    const refused = await s.admin.post(`/api/v1/fund/grants/${id}/decision`, {
      decision: 'approved',
      reason: 'ok',
    });
    expect(rulesOf(refused)).toEqual(['approvedMinor:past_envelope']);
    expect((await f.client.get(`/api/v1/fund/grants/${id}`)).json().status).toBe('submitted');
    const below = await s.admin.request('PUT', '/api/v1/fund/budgets', {
      fiscalYear: 2026,
      envelopePkrMinor: budget.committedPkrMinor - 1,
    });
    expect(rulesOf(below)).toEqual(['envelopePkrMinor:below_committed']);
    await s.admin.request('PUT', '/api/v1/fund/budgets', {
      fiscalYear: 2026,
      envelopePkrMinor: budget.envelopePkrMinor,
    });
    expect(
      (await s.admin.post(`/api/v1/fund/grants/${id}/decision`, { decision: 'approved', reason: 'ok' }))
        .statusCode,
    ).toBe(200);

    // From 1 December the cap is $200k: this grant keeps the rules it was decided under.
    expect(
      (
        await s.admin.post('/api/v1/fund/rules', {
          effectiveFrom: '2026-12-01',
          maxGrantMinor: 20_000_000,
          maxGrantShareBps: 3000,
          minForeignShareBps: 7000,
          maxGrantsPerStartup: 1,
          quorum: 1,
          minScore: 50,
          maxRateAgeDays: 7,
        })
      ).statusCode,
    ).toBe(201);
    t.clock.set('2026-12-02T05:00:00Z');
    const kept = (await f.client.get(`/api/v1/fund/grants/${id}`)).json();
    expect(kept).toMatchObject({
      status: 'approved',
      approvedMinor: 30_000_000,
      rules: { maxGrantMinor: 30_000_000, effectiveFrom: '2024-01-01' },
    });
    const g = await fundFounder(t);
    const late = await g.client.post('/api/v1/fund/grants', exampleRound(g.startup.id, s.investors.foreign));
    expect(rulesOf(late)).toEqual(['requestedMinor:grant_cap']);
    t.clock.set('2026-11-28T05:00:00Z');
  });
});

describe('no one decides or pays their own grant', () => {
  it('a programme admin who founded a startup cannot decide its application; another admin can', async () => {
    const staffFounder = await makeUser(t.deps, 'program_admin');
    const city = await t.deps.db
      .selectFrom('cities')
      .select('id')
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const startup = await registerStartup(
      t.deps,
      { kind: 'user', userId: staffFounder.id as never, role: 'program_admin', organizationId: null },
      {
        name: 'Staff Own Startup',
        incorporationNo: `INC-OWN-${Date.now().toString(36)}`,
        incorporatedIn: 'PK',
        sector: 'fintech',
        cityId: city.id,
        stage: 'seed',
        founders: [{ name: 'Staff Founder', cnic: '35202-7654321-1' }],
      },
    );
    const own = await loginClient(t.app, staffFounder.email);
    t.clock.set('2026-11-15T05:00:00Z');
    const submitted = await own.post('/api/v1/fund/grants', exampleRound(startup.id, s.investors.foreign));
    expect(submitted.statusCode).toBe(201);
    const { id } = submitted.json();
    await s.eval2.post(`/api/v1/fund/grants/${id}/conflict-declaration`, { conflict: false });
    expect((await s.eval2.post(`/api/v1/fund/grants/${id}/score`, { score: 70 })).statusCode).toBe(200);
    const self = await own.post(`/api/v1/fund/grants/${id}/decision`, {
      decision: 'approved',
      reason: 'mine',
    });
    expect(self.statusCode).toBe(403);
    expect((await s.admin.get(`/api/v1/fund/grants/${id}`)).json()).toMatchObject({ stage: 'applied' });
    const other = await s.admin.post(`/api/v1/fund/grants/${id}/decision`, {
      decision: 'rejected',
      reason: 'no',
    });
    expect(other.statusCode).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeUser, type TestApp } from '../../testing/test-app.ts';
import { verifyLedger } from '../loans/index.ts';
import { seedFundDemo } from './fund.demo.ts';
import { accountBalances, fundSetup } from './fund.fixtures.ts';

// Joint-venture commitments (calls never past the commitment, distributions reducing the net
// position), the public page and open data (both currencies, no founder's personal data), bad
// input on the parties, and the demo: every stage, a balanced ledger.
let t: TestApp;
let s: Awaited<ReturnType<typeof fundSetup>>;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  s = await fundSetup(t);
});
afterAll(() => t.close());

describe('joint-venture commitments', () => {
  it('refuses a call past the commitment, and distributions reduce the net position', async () => {
    const body = {
      name: 'JV One',
      managerId: s.investors.local,
      commitmentMinor: 100_000_000,
      foreignRaisedMinor: 300_000_000,
      committedOn: '2026-11-20',
    };
    const local = await s.admin.post('/api/v1/fund/joint-ventures', body);
    expect(local.json().fields[0]).toMatchObject({ path: 'managerId', rule: 'lead_investor_foreign' });
    const jv = (
      await s.admin.post('/api/v1/fund/joint-ventures', { ...body, managerId: s.investors.foreign })
    ).json();
    expect(jv).toMatchObject({
      commitmentPkrMinor: 100_000_000 * 282,
      uncalledMinor: 100_000_000,
      netPositionMinor: 0,
    });

    const call = (amountMinor: number, kind = 'call', onDate = '2026-11-21') =>
      s.admin.request(
        'POST',
        `/api/v1/fund/joint-ventures/${jv.id}/movements`,
        { kind, onDate, amountMinor },
        { 'idempotency-key': crypto.randomUUID() },
      );
    expect((await call(60_000_000)).json()).toMatchObject({
      calledMinor: 60_000_000,
      uncalledMinor: 40_000_000,
    });
    const past = await call(40_000_001);
    expect(past.statusCode).toBe(400);
    expect(past.json().fields[0]).toMatchObject({ path: 'amountMinor', rule: 'past_commitment' });
    expect((await call(40_000_000)).json()).toMatchObject({ calledMinor: 100_000_000, uncalledMinor: 0 });
    const dist = (await call(10_000_000, 'distribution')).json();
    expect(dist).toMatchObject({
      distributedMinor: 10_000_000,
      netPositionMinor: 90_000_000,
      netPositionPkrMinor: 90_000_000 * 282,
    });
    const valued = (await call(95_000_000, 'valuation')).json();
    expect(valued).toMatchObject({ latestValueMinor: 95_000_000, netPositionMinor: 90_000_000 });
    expect((await call(1, 'call', '2099-01-01')).json().fields[0].path).toBe('onDate');
    expect((await accountBalances(t.deps)).fund_jv_investment).toBe(90_000_000 * 282);
    // A founder cannot record movements.
    const outsider = await s.eval1.post(
      `/api/v1/fund/joint-ventures/${jv.id}/movements`,
      { kind: 'call', onDate: '2026-11-21', amountMinor: 1 },
      { 'idempotency-key': 'outsider-1' },
    );
    expect(outsider.statusCode).toBe(403);
  });
});

describe('parties and settings', () => {
  it('answer bad input with problem+json naming the field, and verify investors once', async () => {
    const bad = await s.admin.post('/api/v1/fund/startups', {
      name: 'X Co',
      incorporationNo: 'INC-9',
      incorporatedIn: 'PK',
      sector: 'fintech',
      cityId: 1,
      stage: 'seed',
      founders: [{ name: 'A', cnic: '123' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('founders.0.cnic');
    const rate = await s.admin.post('/api/v1/fund/fx-rates', {
      onDate: '2026-11-25',
      rate: '27a',
      source: 'SBP',
    });
    expect(rate.json().fields[0].path).toBe('rate');
    const dupRate = await s.admin.post('/api/v1/fund/fx-rates', {
      onDate: '2026-11-20',
      rate: '283',
      source: 'SBP',
    });
    expect(dupRate.json().fields[0]).toMatchObject({ path: 'onDate', rule: 'taken' });
    const inv = await s.admin.post('/api/v1/fund/investors', {
      name: 'Z',
      jurisdiction: 'usa',
      registrationNo: 'R',
      evidence: 'reg',
      contactEmail: 'z@z.z',
    });
    expect(inv.json().fields.map((f: { path: string }) => f.path)).toEqual([
      'name',
      'jurisdiction',
      'registrationNo',
      'contactEmail',
    ]);
    const ok = (
      await s.eval1.post('/api/v1/fund/investors', {
        name: 'Zed Capital',
        jurisdiction: 'US',
        registrationNo: 'R-77',
        evidence: 'Delaware 77',
        contactEmail: 'deals@zed.example',
      })
    ).json();
    expect(ok.status).toBe('pending');
    expect(
      (await s.eval1.post(`/api/v1/fund/investors/${ok.id}/verification`, { decision: 'verified' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await s.admin.post(`/api/v1/fund/investors/${ok.id}/verification`, { decision: 'verified' })).json()
        .status,
    ).toBe('verified');
    expect(
      (await s.admin.post(`/api/v1/fund/investors/${ok.id}/verification`, { decision: 'rejected' }))
        .statusCode,
    ).toBe(409);
  });
});

describe('the demo and the public', () => {
  it('has grants at every stage, shows them in both currencies without founders’ data, and keeps the ledger balanced', async () => {
    for (const email of ['evaluator1@markaz.pk', 'evaluator2@markaz.pk'])
      await makeUser(t.deps, 'evaluator', { email });
    await seedFundDemo(t.deps);
    const pub = await t.app.inject({ method: 'GET', url: '/api/v1/public/fund' });
    expect(pub.statusCode).toBe(200);
    const fund = pub.json();
    const stages = new Set(fund.grants.map((g: { stage: string }) => g.stage));
    for (const stage of ['approved', 'part_paid', 'reporting', 'recovered'])
      expect(stages, stage).toContain(stage);
    expect(fund.paidPkrMinor).toBeGreaterThan(0);
    expect(fund.foreignArrivedPkrMinor).toBeGreaterThan(fund.paidPkrMinor);
    expect(fund.leverageBps).toBeGreaterThan(10000);
    expect(fund.jointVentures[0].movements.length).toBeGreaterThanOrEqual(3);
    expect(pub.body).not.toMatch(/\d{5}-\d{7}-\d/); // no CNIC
    expect(pub.body).not.toContain('founder1@markaz.pk');
    const applied = await t.deps.db
      .selectFrom('fund_grants')
      .select('id')
      .where('status', '=', 'submitted')
      .execute();
    expect(applied.length).toBeGreaterThan(0);

    const csv = (await t.app.inject({ method: 'GET', url: '/api/v1/open-data/fund-grants.csv' })).body.split(
      '\r\n',
    );
    expect(csv[0]).toContain('approved_usd_cents,committed_pkr_paisa');
    expect(csv.some((l) => l.includes('Tabdeel Pay'))).toBe(true);
    const jvCsv = (await t.app.inject({ method: 'GET', url: '/api/v1/open-data/fund-joint-ventures.csv' }))
      .body;
    expect(jvCsv).toContain('Pakistan Digital Growth Fund I,Gulf Horizon Partners,commitment');
    const figures = (await t.app.inject({ method: 'GET', url: '/api/v1/public/figures' })).json() as {
      key: string;
    }[];
    expect(figures.map((f) => f.key)).toContain('startup.leverage_bps');

    const verify = await verifyLedger({ ...t.deps });
    expect(verify.problems).toEqual([]);
    expect(verify.ok).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeUser, type TestApp } from '../../testing/test-app.ts';
import { verifyLedger } from '../loans/index.ts';
import { seedFundDemo } from './fund.demo.ts';
import { accountBalances, fundSetup } from './fund.fixtures.ts';

// Joint-venture commitments (calls never past the commitment, distributions reducing the net
// position), the open data of a fund not in dollars (its currency, its amounts, the rupees at the
// dated rate used), the public page (no founder's personal data), bad input on the parties, and
// the demo: every stage, a fund in euros, a balanced ledger.
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
      // A dollar fund's line is its own USD equivalent, at its own rate.
      commitmentUsd: { usdMinor: 100_000_000, usdRate: '282', usdRateOn: '2026-11-20' },
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

describe('the open data of a joint venture in riyals', () => {
  it('names the currency, keeps the amounts in riyals and gives the rupees with the dated rate used', async () => {
    for (const [onDate, rate] of [
      ['2026-11-18', '75.25'],
      ['2026-11-24', '75.5'],
    ])
      await s.admin.post('/api/v1/fund/fx-rates', { currency: 'SAR', onDate, rate, source: 'SBP' });
    const jv = (
      await s.admin.post('/api/v1/fund/joint-ventures', {
        name: 'Riyadh Indus Ventures',
        managerId: s.investors.foreign,
        currency: 'SAR',
        commitmentMinor: 100_000_000,
        foreignRaisedMinor: 400_000_000,
        committedOn: '2026-11-20',
      })
    ).json();
    const move = (kind: string, onDate: string, amountMinor: number) =>
      s.admin.request(
        'POST',
        `/api/v1/fund/joint-ventures/${jv.id}/movements`,
        { kind, onDate, amountMinor },
        { 'idempotency-key': crypto.randomUUID() },
      );
    await move('call', '2026-11-21', 40_000_000);
    await move('distribution', '2026-11-25', 5_000_000);
    expect((await move('exit', '2026-11-26', 30_000_000)).statusCode).toBe(200);

    const json = (
      await t.app.inject({ method: 'GET', url: '/api/v1/open-data/fund-joint-ventures.json' })
    ).json() as Record<string, unknown>[];
    const mine = json.filter((r) => r.jv_id === jv.id);
    expect(mine.map((r) => r.kind)).toEqual(['commitment', 'call', 'distribution', 'exit']);
    // Each line's US-dollar equivalent: its rupees at the USD rate of its day (the 20th's 282 for
    // all four), with that rate and its day, in columns that say so.
    const usdCents = (riyalCents: number, rate: number) => Math.round((riyalCents * rate) / 282);
    expect(mine.map((r) => [r.usd_cents, r.usd_rate_pkr_per_usd, r.usd_rate_on])).toEqual([
      [usdCents(100_000_000, 75.25), 282, '2026-11-20'],
      [usdCents(40_000_000, 75.25), 282, '2026-11-20'],
      [usdCents(5_000_000, 75.5), 282, '2026-11-20'],
      [usdCents(30_000_000, 75.5), 282, '2026-11-20'],
    ]);
    expect(mine[1]!.usd_cents).toBe(10_673_759);
    const common = { fund: 'Riyadh Indus Ventures', currency: 'SAR' };
    // The commitment and the call at the rate of the 18th (the latest on or before their days).
    expect(mine[0]).toMatchObject({
      ...common,
      on_date: '2026-11-20',
      amount_minor: 100_000_000,
      amount_pkr_paisa: 100_000_000 * 75.25,
      rate_pkr_per_unit: 75.25,
      rate_on: '2026-11-18',
      capital_minor: null,
      loss_pkr_paisa: null,
    });
    expect(mine[1]).toMatchObject({
      ...common,
      amount_minor: 40_000_000,
      amount_pkr_paisa: 40_000_000 * 75.25,
      rate_on: '2026-11-18',
    });
    // Capital first, at cost; the quarter-rupee rise on it is an exchange gain.
    expect(mine[2]).toMatchObject({
      amount_minor: 5_000_000,
      amount_pkr_paisa: 5_000_000 * 75.5,
      rate_pkr_per_unit: 75.5,
      rate_on: '2026-11-24',
      capital_minor: 5_000_000,
      gain_pkr_paisa: 0,
      fx_pkr_paisa: 5_000_000 / 4,
      loss_pkr_paisa: null,
    });
    // The exit closes the 35m riyal cents still out; 5m of them never came back.
    expect(mine[3]).toMatchObject({
      amount_minor: 30_000_000,
      capital_minor: 35_000_000,
      fx_pkr_paisa: 35_000_000 / 4,
      loss_pkr_paisa: 5_000_000 * 75.5,
    });

    const csv = (
      await t.app.inject({ method: 'GET', url: '/api/v1/open-data/fund-joint-ventures.csv' })
    ).body.split('\r\n');
    const header = csv[0]!.split(',');
    expect(header).toEqual([
      'movement_id',
      'jv_id',
      'fund',
      'manager',
      'kind',
      'on_date',
      'currency',
      'amount_minor',
      'amount_pkr_paisa',
      'rate_pkr_per_unit',
      'rate_on',
      'capital_minor',
      'gain_pkr_paisa',
      'fx_pkr_paisa',
      'loss_pkr_paisa',
      'usd_cents',
      'usd_rate_pkr_per_usd',
      'usd_rate_on',
    ]);
    const exitLine = csv.find((l) => l.startsWith(`${mine[3]!.movement_id},`))!.split(',');
    expect(exitLine.slice(4)).toEqual([
      'exit',
      '2026-11-26',
      'SAR',
      '30000000',
      String(30_000_000 * 75.5),
      '75.5',
      '2026-11-24',
      '35000000',
      '0',
      String(35_000_000 / 4),
      String(5_000_000 * 75.5),
      String(usdCents(30_000_000, 75.5)),
      '282',
      '2026-11-20',
    ]);
    // The package declares the same columns, the amounts in the line's currency, not in dollars.
    const pkg = (await t.app.inject({ method: 'GET', url: '/api/v1/open-data/datapackage.json' })).json();
    const res = pkg.resources.find((r: { name: string }) => r.name === 'fund-joint-ventures');
    const fields = res.schema.fields as {
      name: string;
      description: string;
      unit?: string;
      constraints?: { enum?: string[] };
    }[];
    expect(fields.map((f) => f.name)).toEqual(header);
    const field = (name: string) => fields.find((f) => f.name === name)!;
    expect(field('currency').constraints?.enum).toEqual(['USD', 'EUR', 'GBP', 'AED', 'SAR']);
    expect(field('kind').constraints?.enum).toContain('exit');
    for (const name of ['amount_minor', 'capital_minor']) {
      expect(field(name).unit).toBe('currency_minor');
      expect(field(name).description).not.toMatch(/US|dollar/);
    }
    expect(field('usd_cents').unit).toBe('usd_cents');
    expect(field('usd_cents').description).toMatch(/US-dollar equivalent/);

    // Staff's and the public's pages: each line in US dollars at the USD rate of its day (the 20th's
    // 282 for all four), labelled with that rate and its day, beside the riyal rate used.
    const usdOf = (riyalCents: number, rate: number) => ({
      usdMinor: Math.round((riyalCents * rate) / 282),
      usdRate: '282',
      usdRateOn: '2026-11-20',
    });
    const staffJv = (await s.admin.get('/api/v1/fund/joint-ventures'))
      .json()
      .find((j: { id: string }) => j.id === jv.id);
    const publicJv = (await t.app.inject({ method: 'GET', url: '/api/v1/public/fund' }))
      .json()
      .jointVentures.find((j: { id: string }) => j.id === jv.id);
    for (const seen of [staffJv, publicJv]) {
      expect(seen).toMatchObject({
        commitmentRate: '75.25',
        commitmentRateOn: '2026-11-18',
        commitmentUsd: usdOf(100_000_000, 75.25),
      });
      expect(
        seen.movements.map((m: { kind: string; rate: string; rateOn: string; usd: unknown }) => [
          m.kind,
          m.rate,
          m.rateOn,
          m.usd,
        ]),
      ).toEqual([
        ['call', '75.25', '2026-11-18', usdOf(40_000_000, 75.25)],
        ['distribution', '75.5', '2026-11-24', usdOf(5_000_000, 75.5)],
        ['exit', '75.5', '2026-11-24', usdOf(30_000_000, 75.5)],
      ]);
    }
    expect(staffJv.movements[0].usd.usdMinor).toBe(10_673_759);
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
    // The demo's fund in euros: its lines in euros, the rupees at the euro's dated rates.
    const euroLines = jvCsv.split('\r\n').filter((l) => l.includes('Nordic–Indus Seed Fund'));
    expect(euroLines.map((l) => l.split(',')[4])).toEqual([
      'commitment',
      'call',
      'valuation',
      'distribution',
    ]);
    for (const l of euroLines) {
      const [, , , , , , currency, amount, pkr, rate] = l.split(',');
      expect(currency).toBe('EUR');
      expect(Number(pkr)).toBe(Math.round(Number(amount) * Number(rate)));
      expect(Number(rate)).toBeGreaterThan(320);
    }
    expect(fund.jointVentures.map((j: { currency: string }) => j.currency)).toContain('EUR');
    const figures = (await t.app.inject({ method: 'GET', url: '/api/v1/public/figures' })).json() as {
      key: string;
    }[];
    expect(figures.map((f) => f.key)).toContain('startup.leverage_bps');

    const verify = await verifyLedger({ ...t.deps });
    expect(verify.problems).toEqual([]);
    expect(verify.ok).toBe(true);
  });
});

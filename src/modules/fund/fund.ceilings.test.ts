import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { ceilingIssues } from './ceilings.ts';
import { exampleRound, fundFounder, fundSetup } from './fund.fixtures.ts';
import { CEILINGS, ceilingMinor } from './fund.schema.ts';
import { FUND_CURRENCIES } from './fund.table.ts';

// Each currency has its own ceilings (decision 0075): an amount one minor unit above its currency's
// ceiling is refused naming the field and the ceiling in that currency, wherever an amount in a
// round's or a joint venture's currency is accepted, and nothing is stored.
let t: TestApp;
let s: Awaited<ReturnType<typeof fundSetup>>;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  s = await fundSetup(t);
});
afterAll(() => t.close());

type Field = { path: string; rule?: string; params?: Record<string, unknown> };
const fieldsOf = (res: { json(): { fields?: Field[] } }) => res.json().fields ?? [];
const key = () => ({ 'idempotency-key': crypto.randomUUID() });
const count = async (table: 'fund_grants' | 'fund_arrivals' | 'fund_jv_funds' | 'fund_jv_movements') =>
  Number(
    (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.deps.db)).rows[0]!
      .n,
  );

describe('the ceilings, per currency', () => {
  it('let each currency’s ceiling through and refuse one minor unit more, naming it in that currency', () => {
    for (const currency of FUND_CURRENCIES)
      for (const kind of ['round', 'grant', 'jv', 'jvForeign'] as const) {
        const ceiling = CEILINGS[currency][kind] * 100;
        expect(ceilingIssues(currency, [['amountMinor', ceiling, kind]])).toEqual([]);
        const [issue] = ceilingIssues(currency, [['amountMinor', ceiling + 1, kind]]);
        expect(issue).toMatchObject({
          path: 'amountMinor',
          rule: 'currency_ceiling',
          params: { currency, ceilingMinor: ceiling, kind },
        });
        expect(issue!.message).toContain(`at most ${currency} `);
      }
    expect(ceilingIssues('AED', [['amountMinor', undefined, 'grant']])).toEqual([]);
    // Dirhams and riyals are worth about a quarter of a dollar: their ceilings are four times as many units.
    expect(ceilingMinor('round', 'AED')).toBe(4 * ceilingMinor('round', 'USD'));
    expect(ceilingIssues('GBP', [['x', 400_000_000_00, 'round']])).toEqual([]);
    expect(ceilingIssues('GBP', [['x', 500_000_000_00, 'round']])[0]!.message).toBe(
      'must be at most GBP 400,000,000.00 (40000000000 minor units of GBP)',
    );
  });

  it('refuse a round, an investor’s part and the grant asked above their currency’s ceilings, storing nothing', async () => {
    t.clock.set('2026-11-28T05:00:00Z');
    const f = await fundFounder(t);
    const before = await count('fund_grants');
    for (const currency of FUND_CURRENCIES) {
      const res = await f.client.post('/api/v1/fund/grants', {
        ...exampleRound(f.startup.id, s.investors.foreign),
        currency,
        roundMinor: ceilingMinor('round', currency) + 1,
        requestedMinor: ceilingMinor('grant', currency) + 1,
        investors: [{ investorId: s.investors.foreign, amountMinor: ceilingMinor('round', currency) + 1 }],
      });
      expect(res.statusCode, currency).toBe(400);
      expect(fieldsOf(res).map((x) => [x.path, x.rule, x.params?.currency, x.params?.ceilingMinor])).toEqual([
        ['roundMinor', 'currency_ceiling', currency, ceilingMinor('round', currency)],
        ['requestedMinor', 'currency_ceiling', currency, ceilingMinor('grant', currency)],
        ['investors.0.amountMinor', 'currency_ceiling', currency, ceilingMinor('round', currency)],
      ]);
    }
    // A dirham round above the dollar ceiling's number of units is within the dirham's: no ceiling
    // refuses it (here the missing dirham rate does).
    const aed = await f.client.post('/api/v1/fund/grants', {
      ...exampleRound(f.startup.id, s.investors.foreign),
      currency: 'AED',
      roundMinor: 1_000_000_000_00,
      requestedMinor: 10_000_000_00,
      investors: [{ investorId: s.investors.foreign, amountMinor: 990_000_000_00 }],
    });
    expect(fieldsOf(aed).map((x) => `${x.path}:${x.rule}`)).toEqual(['currency:no_exchange_rate']);
    expect(await count('fund_grants')).toBe(before);
  });

  it('refuse an approval, a proof of arrival and a tranche above the ceilings of the grant’s currency (pounds)', async () => {
    t.clock.set('2026-11-28T05:00:00Z');
    await s.admin.post('/api/v1/fund/fx-rates', {
      currency: 'GBP',
      onDate: '2026-11-27',
      rate: '350',
      source: 'SBP',
    });
    const f = await fundFounder(t);
    // £200k on a £1m round, £800k from the foreign lead ($248k at the day's rates).
    const applied = await f.client.post('/api/v1/fund/grants', {
      ...exampleRound(f.startup.id, s.investors.foreign),
      currency: 'GBP',
      requestedMinor: 20_000_000,
      investors: [{ investorId: s.investors.foreign, amountMinor: 80_000_000 }],
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const { id } = applied.json();
    for (const e of [s.eval1, s.eval2]) {
      await e.post(`/api/v1/fund/grants/${id}/conflict-declaration`, { conflict: false });
      await e.post(`/api/v1/fund/grants/${id}/score`, { score: 80 });
    }
    const tooMuch = await s.admin.post(`/api/v1/fund/grants/${id}/decision`, {
      decision: 'approved',
      reason: 'Strong lead',
      approvedMinor: ceilingMinor('grant', 'GBP') + 1,
    });
    expect(fieldsOf(tooMuch)).toEqual([
      expect.objectContaining({
        path: 'approvedMinor',
        rule: 'currency_ceiling',
        params: expect.objectContaining({ currency: 'GBP', ceilingMinor: 400_000_000 }),
      }),
    ]);
    expect((await f.client.get(`/api/v1/fund/grants/${id}`)).json().status).toBe('submitted');
    const approved = await s.admin.post(`/api/v1/fund/grants/${id}/decision`, {
      decision: 'approved',
      reason: 'Strong lead',
    });
    expect(approved.statusCode, approved.body).toBe(200);

    // $500m is within the dollar's ceiling on an arrival, not the pound's (£400m).
    const arrivals = await count('fund_arrivals');
    const arrival = await f.client.post(`/api/v1/fund/grants/${id}/arrivals`, {
      investorId: s.investors.foreign,
      amountMinor: ceilingMinor('round', 'USD'),
      arrivedOn: '2026-11-27',
      evidence: 'SWIFT 1',
    });
    expect(arrival.statusCode).toBe(400);
    expect(fieldsOf(arrival)[0]).toMatchObject({
      path: 'amountMinor',
      rule: 'currency_ceiling',
      params: { currency: 'GBP', ceiling: '400,000,000.00' },
    });
    expect(await count('fund_arrivals')).toBe(arrivals);

    const tranche = await s.admin.post(
      `/api/v1/fund/grants/${id}/tranches`,
      { paidOn: '2026-11-28', amountMinor: ceilingMinor('grant', 'GBP') + 1 },
      key(),
    );
    expect(tranche.statusCode).toBe(400);
    expect(fieldsOf(tranche)[0]).toMatchObject({ path: 'amountMinor', rule: 'currency_ceiling' });
  });

  it('refuse a joint venture’s commitment, foreign capital, call and distribution above its currency’s ceilings', async () => {
    t.clock.set('2026-11-28T05:00:00Z');
    const funds = await count('fund_jv_funds');
    const euros = await s.admin.post('/api/v1/fund/joint-ventures', {
      name: 'Too Big Euro Fund',
      managerId: s.investors.foreign,
      currency: 'EUR',
      commitmentMinor: ceilingMinor('jv', 'EUR') + 1,
      foreignRaisedMinor: ceilingMinor('jvForeign', 'EUR') + 1,
      committedOn: '2026-11-27',
    });
    expect(euros.statusCode).toBe(400);
    expect(fieldsOf(euros).map((x) => [x.path, x.rule, x.params?.currency])).toEqual([
      ['commitmentMinor', 'currency_ceiling', 'EUR'],
      ['foreignRaisedMinor', 'currency_ceiling', 'EUR'],
    ]);
    expect(await count('fund_jv_funds')).toBe(funds);

    await s.admin.post('/api/v1/fund/fx-rates', {
      currency: 'SAR',
      onDate: '2026-11-27',
      rate: '75',
      source: 'SBP',
    });
    const jv = await s.admin.post('/api/v1/fund/joint-ventures', {
      name: 'Riyal Ceiling Fund',
      managerId: s.investors.foreign,
      currency: 'SAR',
      commitmentMinor: 1_000_000,
      foreignRaisedMinor: 0,
      committedOn: '2026-11-27',
    });
    expect(jv.statusCode, jv.body).toBe(201);
    const moves = await count('fund_jv_movements');
    for (const kind of ['call', 'distribution', 'valuation']) {
      const res = await s.admin.request(
        'POST',
        `/api/v1/fund/joint-ventures/${jv.json().id}/movements`,
        { kind, onDate: '2026-11-28', amountMinor: ceilingMinor('jv', 'SAR') + 1 },
        key(),
      );
      expect(res.statusCode, kind).toBe(400);
      expect(fieldsOf(res)[0]).toMatchObject({
        path: 'amountMinor',
        rule: 'currency_ceiling',
        params: { currency: 'SAR', ceilingMinor: ceilingMinor('jv', 'SAR') },
      });
    }
    expect(await count('fund_jv_movements')).toBe(moves);
  });
});

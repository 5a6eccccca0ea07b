import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchEvents } from '../../platform/events/index.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { verifyLedger } from '../loans/index.ts';
import { accountBalances, exampleRound, fundFounder, fundSetup } from './fund.fixtures.ts';

// Rounds and joint ventures in EUR, GBP, AED and SAR (minor units per ISO 4217, converted to PKR
// at the dated rates, stale rates refused, the portal in USD and PKR), and an exit from a joint
// venture below its cost: a realised loss and the exchange difference, the ledger balanced.
let t: TestApp;
let s: Awaited<ReturnType<typeof fundSetup>>;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  s = await fundSetup(t);
});
afterAll(() => t.close());

const key = () => ({ 'idempotency-key': crypto.randomUUID() });
const rulesOf = (res: { json(): { fields?: { path: string; rule?: string }[] } }) =>
  (res.json().fields ?? []).map((f) => `${f.path}:${f.rule}`);

describe('a round in euros', () => {
  it('is refused without a fresh EUR rate, checked against the USD cap, and paid in PKR at the EUR rate', async () => {
    const f = await fundFounder(t);
    // €250k on a €1m round: 25%, foreign 75%.
    const round = {
      ...exampleRound(f.startup.id, s.investors.foreign),
      currency: 'EUR',
      requestedMinor: 25_000_000,
      investors: [{ investorId: s.investors.foreign, amountMinor: 75_000_000 }],
    };
    const noRate = await f.client.post('/api/v1/fund/grants', round);
    expect(noRate.statusCode).toBe(400);
    expect(rulesOf(noRate)).toEqual(['currency:no_exchange_rate']);
    expect(noRate.json().fields[0].params.currency).toBe('EUR');

    const stale = await s.admin.post('/api/v1/fund/fx-rates', {
      currency: 'EUR',
      onDate: '2026-11-01',
      rate: '300',
      source: 'SBP',
    });
    expect(stale.statusCode).toBe(201);
    expect(stale.json().currency).toBe('EUR');
    expect(rulesOf(await f.client.post('/api/v1/fund/grants', round))).toEqual([
      'currency:stale_exchange_rate',
    ]);
    const bad = await s.admin.post('/api/v1/fund/fx-rates', {
      currency: 'JPY',
      onDate: '2026-11-27',
      rate: '2',
      source: 'SBP',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('currency');
    await s.admin.post('/api/v1/fund/fx-rates', {
      currency: 'EUR',
      onDate: '2026-11-27',
      rate: '300',
      source: 'SBP',
    });

    // €300k is $319,149 at 300/282: past the $300,000 cap, though a USD round of 300k passes.
    const capped = await f.client.post('/api/v1/fund/grants', {
      ...round,
      roundMinor: 120_000_000,
      requestedMinor: 30_000_000,
      investors: [{ investorId: s.investors.foreign, amountMinor: 90_000_000 }],
    });
    expect(rulesOf(capped)).toEqual(['requestedMinor:grant_cap']);
    expect(capped.json().fields[0].params.requestedUsdMinor).toBe(31_914_894);
    expect(capped.json().fields[0].message).toContain('EUR 300,000');

    const { id } = (await f.client.post('/api/v1/fund/grants', round)).json();
    const queued = (await s.eval1.get('/api/v1/fund/committee/queue')).json();
    expect(queued.find((q: { id: string }) => q.id === id).currency).toBe('EUR');
    for (const e of [s.eval1, s.eval2]) {
      await e.post(`/api/v1/fund/grants/${id}/conflict-declaration`, { conflict: false });
      await e.post(`/api/v1/fund/grants/${id}/score`, { score: 80 });
    }
    const decided = await s.admin.post(`/api/v1/fund/grants/${id}/decision`, {
      decision: 'approved',
      reason: 'ok',
    });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({
      currency: 'EUR',
      approvedMinor: 25_000_000,
      committedPkrMinor: 25_000_000 * 300,
      approvedUsdMinor: Math.round((25_000_000 * 300) / 282),
    });
    // The committee's queue and the founder's notices give the round's currency, never "$".
    await dispatchEvents(t.deps, t.deps.areas.handlers, { limit: 1000 });
    const notices = await t.deps.db
      .selectFrom('notices')
      .select(['subject', 'body_text'])
      .where('user_id', '=', f.user.id)
      .where('channel', '=', 'inbox')
      .execute();
    const texts = notices.map((n) => n.body_text).join('\n');
    expect(texts).toContain('EUR 250,000');
    expect(texts).not.toContain('$');

    const arrived = (
      await f.client.post(`/api/v1/fund/grants/${id}/arrivals`, {
        investorId: s.investors.foreign,
        amountMinor: 75_000_000,
        arrivedOn: '2026-11-27',
        evidence: 'SWIFT EUR 1',
      })
    ).json();
    const accepted = (
      await s.admin.post(`/api/v1/fund/arrivals/${arrived.arrivals[0].id}/review`, { decision: 'accepted' })
    ).json();
    expect(accepted.arrivals[0].amountPkrMinor).toBe(75_000_000 * 300);
    expect(accepted.arrivedForeignUsdMinor).toBe(Math.round((75_000_000 * 300) / 282));

    // A new EUR rate on the payment day: the difference from the commitment goes to the ledger.
    await s.admin.post('/api/v1/fund/fx-rates', {
      currency: 'EUR',
      onDate: '2026-11-28',
      rate: '305',
      source: 'SBP',
    });
    const before = await accountBalances(t.deps);
    const paid = await s.admin.request(
      'POST',
      `/api/v1/fund/grants/${id}/tranches`,
      { paidOn: '2026-11-28' },
      key(),
    );
    expect(paid.statusCode).toBe(200);
    expect(paid.json()).toMatchObject({ paidMinor: 25_000_000, paidPkrMinor: 25_000_000 * 305 });
    const after = await accountBalances(t.deps);
    expect((after.fund_fx_difference ?? 0) - (before.fund_fx_difference ?? 0)).toBe(25_000_000 * 5);

    // The public page totals in USD and PKR, each round in its own currency beside them.
    const pub = (await t.app.inject({ method: 'GET', url: '/api/v1/public/fund' })).json();
    const g = pub.grants.find((x: { id: string }) => x.id === id);
    expect(g).toMatchObject({ currency: 'EUR', approvedMinor: 25_000_000, paidPkrMinor: 25_000_000 * 305 });
    expect(g.paidUsdMinor).toBe(Math.round((25_000_000 * 305) / 282));
    expect(pub.paidMinor).toBeGreaterThanOrEqual(g.paidUsdMinor);
    expect((await verifyLedger({ ...t.deps })).ok).toBe(true);
  });
});

describe('an exit from a joint venture below cost', () => {
  it('posts the realised loss and the exchange difference, balanced, and closes the investment', async () => {
    await s.admin.post('/api/v1/fund/fx-rates', {
      currency: 'GBP',
      onDate: '2026-11-21',
      rate: '350',
      source: 'SBP',
    });
    await s.admin.post('/api/v1/fund/fx-rates', {
      currency: 'GBP',
      onDate: '2026-11-27',
      rate: '360',
      source: 'SBP',
    });
    const jv = (
      await s.admin.post('/api/v1/fund/joint-ventures', {
        name: 'Sterling JV',
        managerId: s.investors.foreign,
        currency: 'GBP',
        commitmentMinor: 100_000_000,
        foreignRaisedMinor: 300_000_000,
        committedOn: '2026-11-21',
      })
    ).json();
    expect(jv).toMatchObject({ currency: 'GBP', commitmentPkrMinor: 100_000_000 * 350 });
    const move = (body: object) =>
      s.admin.request('POST', `/api/v1/fund/joint-ventures/${jv.id}/movements`, body, key());
    expect((await move({ kind: 'call', onDate: '2026-11-21', amountMinor: 40_000_000 })).statusCode).toBe(
      200,
    );
    // An exit is never dated before the commitment, nor before the fund's last movement.
    const early = await move({ kind: 'exit', onDate: '2026-11-20', amountMinor: 0 });
    expect(rulesOf(early)).toEqual(['onDate:before_commitment']);
    await move({ kind: 'valuation', onDate: '2026-11-27', amountMinor: 30_000_000 });
    const backdated = await move({ kind: 'exit', onDate: '2026-11-21', amountMinor: 0 });
    expect(rulesOf(backdated)).toEqual(['onDate:before_last_movement']);
    const before = await accountBalances(t.deps);
    // £10m called at 350 (Rs 14bn); the exit brings back £6m at 360 (Rs 2.16bn).
    const exit = await move({
      kind: 'exit',
      onDate: '2026-11-27',
      amountMinor: 24_000_000,
      note: 'Wound up',
    });
    expect(exit.statusCode).toBe(200);
    const after = await accountBalances(t.deps);
    const delta = (a: string) => (after[a] ?? 0) - (before[a] ?? 0);
    expect(delta('programme_cash')).toBe(24_000_000 * 360);
    expect(delta('fund_jv_investment')).toBe(-40_000_000 * 350);
    expect(delta('fund_jv_realised_loss')).toBe(16_000_000 * 360);
    expect(delta('fund_fx_difference')).toBe(-40_000_000 * 10); // credit: the pound rose
    expect(exit.json()).toMatchObject({
      closedOn: '2026-11-27',
      netPositionMinor: 0,
      netPositionPkrMinor: 0,
      realisedLossPkrMinor: 16_000_000 * 360,
    });
    const later = await move({ kind: 'call', onDate: '2026-11-27', amountMinor: 1_000_000 });
    expect(later.statusCode).toBe(409);
    expect(later.json().detail).toContain('closed');
    const verify = await verifyLedger({ ...t.deps });
    expect(verify.problems).toEqual([]);
  });
});

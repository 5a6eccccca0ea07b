import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchEvents } from '../../platform/events/index.ts';
import { createTestApp, loginClient, type TestApp } from '../../testing/test-app.ts';
import { queueDailyNotices } from '../notifications/index.ts';
import { exampleRound, fundFounder, fundSetup } from './fund.fixtures.ts';

// The founder hears of each step of their grant through the notifications area: application
// received, decided, proof of arrival accepted or not, tranche paid, and the quarterly report due.
let t: TestApp;
let s: Awaited<ReturnType<typeof fundSetup>>;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  s = await fundSetup(t);
});
afterAll(() => t.close());

const dispatch = () => dispatchEvents(t.deps, t.deps.areas.handlers, { limit: 1000 });
async function inbox(userId: string) {
  const rows = await t.deps.db
    .selectFrom('notices')
    .select(['kind', 'subject', 'body_text'])
    .where('user_id', '=', userId)
    .where('channel', '=', 'inbox')
    .execute();
  return rows.map((r) => `${r.kind}: ${r.subject}`).sort();
}

describe('notices of the fund', () => {
  it('tells the founder of each step, in order, and reminds them of the quarter’s report once', async () => {
    t.clock.set('2026-11-15T05:00:00Z');
    const f = await fundFounder(t);
    const { id } = (
      await f.client.post('/api/v1/fund/grants', exampleRound(f.startup.id, s.investors.foreign))
    ).json();
    await s.eval1.post(`/api/v1/fund/grants/${id}/conflict-declaration`, { conflict: false });
    await s.eval1.post(`/api/v1/fund/grants/${id}/score`, { score: 80 });
    await s.admin.post(`/api/v1/fund/grants/${id}/decision`, { decision: 'approved', reason: 'Strong lead' });
    t.clock.set('2026-11-28T05:00:00Z');
    const founder = await loginClient(t.app, f.user.email);
    const send = (amountMinor: number, evidence: string) =>
      founder.post(`/api/v1/fund/grants/${id}/arrivals`, {
        investorId: s.investors.foreign,
        amountMinor,
        arrivedOn: '2026-11-21',
        evidence,
      });
    const arrivals = (await send(1_000, 'SWIFT bad')).json().arrivals;
    await s.admin.post(`/api/v1/fund/arrivals/${arrivals[0].id}/review`, {
      decision: 'rejected',
      note: 'Not our account',
    });
    const good = (await send(35_000_000, 'SWIFT good'))
      .json()
      .arrivals.find((a: { evidence: string }) => a.evidence === 'SWIFT good');
    await s.admin.post(`/api/v1/fund/arrivals/${good.id}/review`, { decision: 'accepted' });
    await s.admin.post(
      `/api/v1/fund/grants/${id}/tranches`,
      { paidOn: '2026-11-28' },
      { 'idempotency-key': `n-${id}` },
    );
    await dispatch();
    const name = f.startup.name;
    expect(await inbox(f.user.id)).toEqual([
      `fund.application_received: Matching grant application received: ${name}`,
      'fund.arrival_reviewed: Proof of $10 arriving not accepted',
      'fund.arrival_reviewed: Proof of $350,000 arriving accepted',
      `fund.grant_decided: Matching grant approved: ${name}`,
      'fund.tranche_paid: Grant tranche 1 paid: Rs 42,300,000.00',
    ]);
    const rejected = await t.deps.db
      .selectFrom('notices')
      .select('body_text')
      .where('user_id', '=', f.user.id)
      .where('subject', 'like', '%not accepted')
      .where('channel', '=', 'inbox')
      .executeTakeFirstOrThrow();
    expect(rejected.body_text).toContain('Note: Not our account');

    // The first quarter after a tranche: the report is due, once however often the job runs.
    t.clock.set('2027-01-02T05:00:00Z');
    await queueDailyNotices(t.deps, '2027-01-02');
    t.clock.set('2027-01-03T05:00:00Z');
    await queueDailyNotices(t.deps, '2027-01-03');
    const due = (await inbox(f.user.id)).filter((n) => n.startsWith('fund.report_due'));
    expect(due).toEqual([`fund.report_due: Quarterly report for 2026-Q4 is due: ${name}`]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAreaCli } from '../../testing/area-cli.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { fundCli } from './fund.cli.ts';
import { exampleRound, fundFounder, fundSetup } from './fund.fixtures.ts';

// `markaz fund` on a test database: applications (by stage), the envelope, the open data export.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  const s = await fundSetup(t);
  t.clock.set('2026-11-15T05:00:00Z');
  const f = await fundFounder(t);
  const { id } = (
    await f.client.post('/api/v1/fund/grants', exampleRound(f.startup.id, s.investors.foreign))
  ).json();
  await s.eval1.post(`/api/v1/fund/grants/${id}/conflict-declaration`, { conflict: false });
  await s.eval1.post(`/api/v1/fund/grants/${id}/score`, { score: 80 });
  // A second application stays applied.
  const g = await fundFounder(t);
  await g.client.post('/api/v1/fund/grants', exampleRound(g.startup.id, s.investors.foreign));
  expect(
    (await s.admin.post(`/api/v1/fund/grants/${id}/decision`, { decision: 'approved', reason: 'ok' }))
      .statusCode,
  ).toBe(200);
});
afterAll(() => t.close());

function run(...args: string[]) {
  return runAreaCli(t.deps, fundCli, ['fund', ...args]);
}

describe('markaz fund', () => {
  it('lists applications, filtered by stage, and the envelope', async () => {
    const all = await run('applications');
    expect(all.lines).toHaveLength(2);
    expect(all.lines[0]).toMatch(/applied .*Startup \d+ \(lead Foreign VC \d+\): asked \$300,000; 0 scored/);
    const approved = await run('applications', '--stage', 'approved');
    expect(approved.lines).toEqual([expect.stringMatching(/approved .*approved \$300,000, paid \$0$/)]);
    expect((await run('applications', '--stage', 'recovered')).lines).toEqual(['No applications.']);
    await expect(run('applications', '--stage', 'nonsense')).rejects.toThrow(/must be one of/);
    const env = await run('envelope', '--json');
    expect(env.data).toEqual([
      expect.objectContaining({ fiscalYear: 2026, envelopePkrMinor: 1_000_000_000_00 }),
    ]);
    expect(env.lines[0]).toContain('2026–27: envelope Rs 1,00,00,00,000, committed Rs 8,40,00,000');
  });

  it('exports the open data as CSV or JSON', async () => {
    const csv = (await run('export', '--dataset', 'grants')).lines.join('\n').split('\r\n');
    expect(csv[0]).toContain('id,stage,startup_name,sector,city,decided_on');
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain(',approved,');
    const json = (await run('export', '--dataset', 'grants', '--json')).data as Record<string, unknown>[];
    expect(json[0]).toMatchObject({ stage: 'approved', roundUsdCents: 100_000_000 });
    const jv = (await run('export', '--dataset', 'joint-ventures')).lines.join('\n');
    expect(jv).toBe(
      'movement_id,jv_id,fund,manager,kind,on_date,currency,amount_minor,amount_pkr_paisa,rate_pkr_per_unit,rate_on,capital_minor,gain_pkr_paisa,fx_pkr_paisa,loss_pkr_paisa,usd_cents,usd_rate_pkr_per_usd,usd_rate_on',
    );
    await expect(run('export', '--dataset', 'loans')).rejects.toThrow(/grants or joint-ventures/);
  });
});

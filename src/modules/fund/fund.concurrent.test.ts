import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { exampleRound, fundFounder, fundSetup } from './fund.fixtures.ts';

// The earlier-grants rule (one grant a startup) must hold when a founder's two applications arrive
// at the same moment: on PostgreSQL both transactions would otherwise count no earlier grant.
let t: TestApp;
let s: Awaited<ReturnType<typeof fundSetup>>;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  s = await fundSetup(t);
});
afterAll(() => t.close());

describe('two applications for one startup at once', () => {
  it('accepts one and refuses the other as an earlier grant', async () => {
    for (let round = 0; round < 3; round++) {
      const f = await fundFounder(t);
      const body = exampleRound(f.startup.id, s.investors.foreign);
      const answers = await Promise.all([
        f.client.post('/api/v1/fund/grants', body),
        f.client.post('/api/v1/fund/grants', body),
      ]);
      const codes = answers.map((a) => a.statusCode).sort();
      expect(codes).toEqual([201, 400]);
      const refused = answers.find((a) => a.statusCode === 400)!;
      expect(refused.json().fields.map((x: { rule?: string }) => x.rule)).toContain('earlier_grants');
      const grants = await t.deps.db
        .selectFrom('fund_grants')
        .select('id')
        .where('startup_id', '=', f.startup.id)
        .execute();
      expect(grants).toHaveLength(1);
    }
  });
});

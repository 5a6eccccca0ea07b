import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const now = new Date();
  const bank = await t.deps.db
    .insertInto('organizations')
    .values({ kind: 'bank', code: 'CALC', name: 'Calculator Bank', created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.deps.db
    .insertInto('benchmark_rates')
    .values({
      benchmark: 'KIBOR_6M',
      effective_from: '2026-01-01',
      rate_bps: 1100,
      source: 'test',
      created_at: now,
    })
    .execute();
  await t.deps.db
    .insertInto('bank_spreads')
    .values({
      bank_id: bank.id,
      benchmark: 'KIBOR_6M',
      spread_bps: 500,
      effective_from: '2026-01-01',
      created_at: now,
    })
    .execute();
});
afterAll(() => t.close());

const calc = (body: object) =>
  t.app.inject({ method: 'POST', url: '/api/v1/loans/calculator', payload: body });

describe('the public loan calculator', () => {
  it('gives the schedule the loans area would and the markup the programme pays each bank', async () => {
    const res = await calc({ principalMinor: 2_400_000_00, tenorMonths: 24 });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.ownerRepaysMinor).toBe(2_400_000_00);
    expect(body.schedule.instalments).toHaveLength(24);
    const sum = body.schedule.instalments.reduce(
      (s: number, i: { principalMinor: number }) => s + i.principalMinor,
      0,
    );
    expect(sum).toBe(2_400_000_00);
    const [bank] = body.banks;
    expect(bank).toMatchObject({ code: 'CALC', benchmark: 'KIBOR_6M', rateBps: 1600 });
    // 16% on a balance falling evenly from 24 lakh over two years: about 16% × 12.5 lakh × 2.
    expect(bank.programmePaysMinor).toBeGreaterThan(380_000_00);
    expect(bank.programmePaysMinor).toBeLessThan(420_000_00);
    // Grace on principal keeps the balance up longer, so the programme pays more.
    const grace = (await calc({ principalMinor: 2_400_000_00, tenorMonths: 24, graceMonths: 6 })).json();
    expect(grace.schedule.instalments).toHaveLength(18);
    expect(grace.banks[0].programmePaysMinor).toBeGreaterThan(bank.programmePaysMinor);
  });

  it('refuses a loan over the programme’s limit and grace as long as the tenor, naming the field', async () => {
    const big = await calc({ principalMinor: 1_000_000_001, tenorMonths: 24 });
    expect(big.statusCode).toBe(400);
    expect(big.json().fields[0].path).toBe('principalMinor');
    const grace = await calc({ principalMinor: 100_000_00, tenorMonths: 12, graceMonths: 12 });
    expect(grace.statusCode).toBe(400);
    expect(grace.json().fields[0].path).toBe('graceMonths');
  });
});

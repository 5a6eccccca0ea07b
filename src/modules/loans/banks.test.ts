import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { type LoanWorld, makeLoanWorld } from './loans.fixtures.ts';

let t: TestApp;
let w: LoanWorld;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  w = await makeLoanWorld(t);
});
afterAll(() => t.close());

const MEEZAN = {
  name: 'Meezan Test Bank',
  code: 'MZNT',
  benchmark: 'KIBOR_12M',
  spreadBps: 450,
  effectiveFrom: '2026-07-01',
};

describe('partner banks in the web app’s terms', () => {
  it('the admin registers a bank with its benchmark and spread; the bank appears with its terms', async () => {
    expect((await w.hbl.officer.post('/api/v1/loans/banks', MEEZAN)).statusCode).toBe(403);
    const r = await w.admin.post('/api/v1/loans/banks', MEEZAN);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ code: 'MZNT', benchmark: 'KIBOR_12M', spreadBps: 450 });
    const banks = (await w.owner.get('/api/v1/loans/banks')).json();
    expect(banks.find((b: { code: string }) => b.code === 'MZNT')).toMatchObject({ spreadBps: 450 });
    // A later spread is history: today's terms change only from its date.
    const later = await w.admin.post('/api/v1/loans/bank-spreads', {
      bankId: r.json().id,
      benchmark: 'KIBOR_12M',
      spreadBps: 400,
      effectiveFrom: '2027-01-01',
    });
    expect(later.statusCode).toBe(201);
    const spreads = (await w.admin.get('/api/v1/loans/bank-spreads')).json();
    expect(spreads.filter((s: { bankCode: string }) => s.bankCode === 'MZNT')).toHaveLength(2);
    const again = (await w.owner.get('/api/v1/loans/banks')).json();
    expect(again.find((b: { code: string }) => b.code === 'MZNT')).toMatchObject({ spreadBps: 450 });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['organization.created', 'bank_spread.created'])
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
  });

  it('bad input names the field and registers nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.deps.db
            .selectFrom('organizations')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const cases: [Record<string, unknown>, string, number][] = [
      [{ ...MEEZAN, code: 'mz' }, 'code', 400],
      [{ ...MEEZAN, code: 'NEWB', benchmark: 'kibor' }, 'benchmark', 400],
      [{ ...MEEZAN, code: 'NEWB', spreadBps: -1 }, 'spreadBps', 400],
      [{ ...MEEZAN, code: 'NEWB', effectiveFrom: '1/7/2026' }, 'effectiveFrom', 400],
      [{ ...MEEZAN, code: 'NEWB', name: '' }, 'name', 400],
      [MEEZAN, 'code', 409],
    ];
    for (const [body, field, status] of cases) {
      const r = await w.admin.post('/api/v1/loans/banks', body);
      expect(r.statusCode, JSON.stringify(body)).toBe(status);
      expect(r.json().fields.map((f: { path: string }) => f.path)).toContain(field);
    }
    expect(await count()).toBe(before);
  });
});

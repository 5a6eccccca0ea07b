import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areas } from '../../areas.ts';
import { buildApp } from '../../server/app.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { secondConnection } from '../../testing/test-db.ts';
import { idem, type LoanWorld, makeLoanWorld, nextRef, SANCTION, sanctionedLoan } from './loans.fixtures.ts';

// On PostgreSQL the repayments run truly in parallel, half through a second app on its own pool.
let t: TestApp;
let w: LoanWorld;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  w = await makeLoanWorld(t);
});
afterAll(() => t.close());

describe('concurrent repayments on one loan', () => {
  it('20 repayments of Rs 30,000 at once on Rs 250,000 outstanding: exactly 8 post, the balance is right', async () => {
    const id = await sanctionedLoan(t, w, { ...SANCTION, amountMinor: 25_000_000 });
    const auth = { authorization: `Bearer ${w.hbl.apiKey}` };
    const d = await t.app.inject({
      method: 'POST',
      url: `/api/v1/loans/${id}/disbursements`,
      headers: { ...auth, ...idem() },
      payload: { amountMinor: 25_000_000, disbursedOn: '2026-11-28', bankReference: nextRef() },
    });
    expect(d.statusCode).toBe(201);
    const second = secondConnection(t.conn);
    const app2 = second
      ? await buildApp({ areas, config: t.deps.config, db: second.db, clock: t.clock, serveWeb: false })
      : null;
    try {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 && app2 ? app2 : t.app).inject({
            method: 'POST',
            url: `/api/v1/loans/${id}/repayments`,
            headers: { ...auth, ...idem() },
            payload: { amountMinor: 3_000_000, paidOn: '2026-11-28', bankReference: `C-${i}` },
          }),
        ),
      );
      expect(results.filter((r) => r.statusCode === 201)).toHaveLength(8);
      const refused = results.filter((r) => r.statusCode !== 201);
      expect(refused).toHaveLength(12);
      // After eight, Rs 10,000 is left: the others ask for more than is outstanding.
      for (const r of refused) expect(r.json().fields[0].path).toBe('amountMinor');
      const loan = t.deps.db.selectFrom('loans').selectAll().where('id', '=', id);
      const row = await loan.executeTakeFirstOrThrow();
      expect(row).toMatchObject({ repaid_minor: 24_000_000, status: 'active' });
      const inst = await t.deps.db
        .selectFrom('loan_instalments')
        .selectAll()
        .where('loan_id', '=', id)
        .execute();
      expect(inst.reduce((s, i) => s + i.paid_minor, 0)).toBe(24_000_000);
      const reps = await t.deps.db
        .selectFrom('loan_repayments')
        .select('amount_minor')
        .where('loan_id', '=', id)
        .execute();
      expect(reps.reduce((s, r) => s + r.amount_minor, 0)).toBe(24_000_000);
    } finally {
      await app2?.close();
      await second?.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/actor.ts';
import { karachiDate } from '../../shared/time.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { seedCallsDemo } from '../calls/index.ts';
import { seedIdentityDemo } from '../identity/index.ts';
import { quarterOf, shiftQuarter } from './claim-csv.ts';
import { listClaimQuarters } from './claim-quarters.service.ts';
import { seedClaimsDemo } from './claims.demo.ts';
import { listClaims } from './claims.service.ts';
import { verifyLedger } from './ledger-verify.service.ts';
import { seedLoansDemo } from './loans.demo.ts';

let t: TestApp;
let seconds = 0;
beforeAll(async () => {
  t = await createTestApp();
  await seedIdentityDemo(t.deps);
  await seedCallsDemo(t.deps);
  await seedLoansDemo(t.deps);
  const started = Date.now();
  await seedClaimsDemo(t.deps);
  seconds = (Date.now() - started) / 1000;
}, 600_000);
afterAll(() => t.close());

describe('the claims demo', () => {
  it('has a paid claim from the quarter before last and a reconciled one with a differing line', async () => {
    console.info(`claims demo seeded in ${seconds.toFixed(1)} s`);
    const today = karachiDate(t.deps.clock.now());
    const claims = await listClaims(t.deps, systemActor('test'));
    const byQuarter = new Map(claims.map((c) => [c.quarter, c]));
    const paid = byQuarter.get(shiftQuarter(quarterOf(today), -2))!;
    expect(paid).toMatchObject({ bankCode: 'HBL', status: 'paid', filedLate: false });
    expect(paid.paidMinor).toBe(paid.claimedMinor);
    expect(paid.counts).toEqual({ matched: 2, differing: 0, ineligible: 0 });
    const waiting = byQuarter.get(shiftQuarter(quarterOf(today), -1))!;
    expect(waiting).toMatchObject({ bankCode: 'HBL', status: 'reconciled' });
    expect(waiting.counts).toEqual({ matched: 1, differing: 1, ineligible: 0 });
    expect(waiting.lines.find((l) => l.outcome === 'differing')!.differenceMinor).toBe(123_456);
    // NBP accrued in the last quarter and has not filed: the quarter shows with its deadline.
    const quarters = await listClaimQuarters(t.deps, systemActor('test'));
    const nbp = quarters.find((q) => q.bankCode === 'NBP' && q.quarter === waiting.quarter)!;
    expect(nbp).toMatchObject({ claimId: null });
    expect(nbp.computedMinor).toBeGreaterThan(0);
    expect((await verifyLedger(t.deps)).problems).toEqual([]);
  });
});

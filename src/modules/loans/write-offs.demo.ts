import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { fixedClock, karachiDate, karachiMidnight } from '../../shared/time.ts';
import { decideLoanAction, requestLoanAction } from './loan-actions.service.ts';
import { restateBenchmarkRate } from './rate-restatement.service.ts';
import { recordRecovery, requestWriteOffReversal } from './write-off-reversal.service.ts';

/**
 * Issue 19 in the demo, after the close of business has run to yesterday: HBL's loan in its grace
 * period was written off by mistake and the write-off undone (both on the loan's history), then
 * written off for good with Rs 50,000 recovered since; and the benchmark fixing in force was
 * restated by 10 bps, so HBL's loans carry rate-correction adjustments for its next claim.
 */
export async function seedWriteOffsDemo(
  deps: Deps,
  actors: { admin: Actor; hbl: Actor },
  loanId: string | undefined,
): Promise<void> {
  const today = karachiDate(deps.clock.now());
  const clock = fixedClock(new Date(karachiMidnight(today).getTime() + 11 * 3_600_000));
  const at = { ...deps, clock };
  const rate = await deps.db
    .selectFrom('benchmark_rates')
    .select(['id', 'rate_bps'])
    .where('effective_from', '<', today)
    .orderBy('effective_from', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (rate)
    await restateBenchmarkRate(at, actors.admin, rate.id, {
      rateBps: rate.rate_bps + 10,
      reason: 'SBP republished the fixing: the first publication carried a typing error',
    });
  if (!loanId) return;
  clock.advance(30 * 60_000);
  const first = await requestLoanAction(at, actors.hbl, loanId, {
    kind: 'write_off',
    reason: 'Branch reported the business closed and the owner unreachable',
  });
  clock.advance(30 * 60_000);
  await decideLoanAction(at, actors.admin, first.id, {
    approve: true,
    note: 'Approved on the branch report',
  });
  clock.advance(60 * 60_000);
  const undo = await requestWriteOffReversal(at, actors.hbl, loanId, {
    reason: 'Owner found: the business moved premises; the write-off was a mistake',
  });
  clock.advance(30 * 60_000);
  await decideLoanAction(at, actors.admin, undo.id, {
    approve: true,
    note: 'Undone: the owner is trading again',
  });
  clock.advance(60 * 60_000);
  const again = await requestLoanAction(at, actors.hbl, loanId, {
    kind: 'write_off',
    reason: 'Owner defaulted again after the move; recovery through the guarantor',
  });
  clock.advance(30 * 60_000);
  await decideLoanAction(at, actors.admin, again.id, { approve: true, note: 'Approved: guarantor pursued' });
  clock.advance(30 * 60_000);
  await recordRecovery(at, actors.hbl, loanId, {
    amountMinor: 5_000_000,
    recoveredOn: today,
    bankReference: 'HBL-REC-0001',
  });
}

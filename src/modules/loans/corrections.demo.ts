import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { addDays, fixedClock, karachiDate, karachiMidnight } from '../../shared/time.ts';
import { requestReversal } from './corrections.service.ts';
import { addLoanNote } from './loan-notes.service.ts';
import { addLoanRules } from './loan-rules.service.ts';
import { postRepayment } from './repayment.service.ts';

/**
 * Issue 19 in the demo, on the loan repaid on time at HBL, after the close of business has run to
 * yesterday: a repayment the bank found late and posted back-dated to yesterday (the subsidy is
 * recomputed and a small adjustment waits for HBL's next claim), a repayment keyed twice and
 * reversed with its reason (the correction history on the loan page), a note on the loan, and
 * from tomorrow three grace days before an unpaid instalment ages.
 */
export async function seedCorrectionsDemo(
  deps: Deps,
  actors: { admin: Actor; hbl: Actor },
  loanId: string | undefined,
): Promise<void> {
  if (!loanId) return;
  const today = karachiDate(deps.clock.now());
  const clock = fixedClock(new Date(karachiMidnight(today).getTime() + 9 * 3_600_000));
  const at = { ...deps, clock };
  const yesterday = addDays(today, -1);
  await postRepayment(at, actors.hbl, loanId, {
    amountMinor: 1_000_000,
    paidOn: yesterday,
    bankReference: 'HBL-RCP-5502',
  });
  clock.advance(20 * 60_000);
  const twice = await postRepayment(at, actors.hbl, loanId, {
    amountMinor: 500_000,
    paidOn: yesterday,
    bankReference: 'HBL-RCP-5502-DUP',
  });
  clock.advance(20 * 60_000);
  const duplicate = twice.repayments.find((r) => r.bankReference === 'HBL-RCP-5502-DUP')!;
  await requestReversal(at, actors.hbl, loanId, {
    entryKind: 'repayment',
    entryId: duplicate.id,
    reason: 'Keyed twice at the branch; the owner paid once',
  });
  clock.advance(5 * 60_000);
  await addLoanNote(at, actors.hbl, loanId, {
    body: 'Owner’s payment of yesterday reached us this morning; posted with yesterday’s value date. The duplicate entry was reversed.',
  });
  await addLoanRules(at, actors.admin, {
    effectiveFrom: addDays(today, 1),
    graceDays: 3,
    reversalApprovalMinor: 10_000_000,
    backdateMaxDays: 365,
    dueDateRoll: 'none',
  });
}

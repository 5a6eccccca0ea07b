import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { addDays, fixedClock, karachiDate } from '../../shared/time.ts';
import { decideLoanAction, requestLoanAction } from './loan-actions.service.ts';

/**
 * Reschedules in the demo, so the admin's queue and a loan's schedule history are not empty:
 * HBL's loan that is being repaid was rescheduled with the programme's approval this morning;
 * NBP asks to reschedule its loan in arrears, and the request waits for the admin.
 */
export async function seedLoanActionsDemo(
  deps: Deps,
  actors: { admin: Actor; hbl: Actor; nbp: Actor },
  loans: { repaidAtHbl?: string | undefined; arrearsAtNbp?: string | undefined },
): Promise<void> {
  const now = deps.clock.now();
  const today = karachiDate(now);
  const clock = fixedClock(new Date(now.getTime() - 3 * 3_600_000));
  const at = { ...deps, clock };
  const dayOf = (d: string) => Number(d.slice(8, 10));
  if (loans.repaidAtHbl) {
    const first = addDays(today, 40);
    const asked = await requestLoanAction(at, actors.hbl, loans.repaidAtHbl, {
      kind: 'reschedule',
      tenorMonths: 30,
      firstRepaymentDate: first,
      repaymentDay: dayOf(first),
      reason:
        'The owner’s anchor tenant moved out; smaller instalments over a longer term agreed with the bank',
    });
    clock.advance(60 * 60_000);
    await decideLoanAction(at, actors.admin, asked.id, {
      approve: true,
      note: 'Approved: occupancy report seen; the term stays within the programme’s limits',
    });
  }
  if (loans.arrearsAtNbp) {
    clock.advance(30 * 60_000);
    const first = addDays(today, 30);
    await requestLoanAction(at, actors.nbp, loans.arrearsAtNbp, {
      kind: 'reschedule',
      tenorMonths: 40,
      firstRepaymentDate: first,
      repaymentDay: dayOf(first),
      reason:
        'First instalment missed after the building’s power connection was delayed; new dates from next month',
    });
  }
}

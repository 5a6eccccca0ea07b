import { type EventHandler, on } from '../../../platform/events/index.ts';
import { karachiDate } from '../../../shared/time.ts';
import { evaluationAssigned, scoringDeadline } from '../../calls/index.ts';
import { claimDecided, loanRequested } from '../../loans/index.ts';
import { bankOfficers, loanReference, rupees } from '../audience.repository.ts';
import { queueNotices } from '../queue.service.ts';
import { eventSource } from './source.ts';

/** Evaluators and bank officers. */
export const staffHandlers: readonly EventHandler[] = [
  on(evaluationAssigned, 'notifications.evaluation-assigned', async (deps, e, trx) => {
    const p = e.payload;
    await queueNotices(trx, deps, [
      {
        sourceKey: eventSource(e.id),
        kind: 'evaluation.assigned',
        userId: p.evaluatorId,
        params: { reference: p.reference, deadline: karachiDate(scoringDeadline(e.occurredAt)) },
        link: `/evaluations/${p.assignmentId}`,
      },
    ]);
  }),
  on(loanRequested, 'notifications.sanction-requested', async (deps, e, trx) => {
    const p = e.payload;
    const ref = await loanReference(trx, p.loanId);
    if (!ref) throw new Error(`loan ${p.loanId} not found`);
    await queueNotices(
      trx,
      deps,
      (await bankOfficers(trx, p.bankId)).map((userId) => ({
        sourceKey: eventSource(e.id),
        kind: 'loan.sanction_requested' as const,
        userId,
        params: { reference: ref.reference, amount: rupees(p.amountMinor) },
        link: `/loans/${p.loanId}`,
      })),
    );
  }),
  on(claimDecided, 'notifications.claim-decided', async (deps, e, trx) => {
    const p = e.payload;
    await queueNotices(
      trx,
      deps,
      (await bankOfficers(trx, p.bankId)).map((userId) => ({
        sourceKey: eventSource(e.id),
        kind: 'claim.decided' as const,
        userId,
        params: {
          quarter: p.quarter,
          status: p.status,
          claimed: rupees(p.claimedMinor),
          approved: p.approvedMinor === null ? '' : rupees(p.approvedMinor),
        },
        link: `/loans/claims/${p.claimId}`,
      })),
    );
  }),
];

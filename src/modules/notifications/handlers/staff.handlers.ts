import type { EventHandler } from '../../../platform/events/index.ts';
import { karachiDate } from '../../../shared/time.ts';
import { evaluationAssigned, scoringDeadline } from '../../calls/index.ts';
import { claimDecided, loanRequested } from '../../loans/index.ts';
import { bankOfficers, loanReference, rupees } from '../audience.repository.ts';
import { found, notify } from './notify.ts';

/** Evaluators and bank officers (every active officer of the bank concerned). */
export const staffHandlers: readonly EventHandler[] = [
  notify(evaluationAssigned, 'notifications.evaluation-assigned', 'evaluation.assigned', (p, _trx, at) => [
    {
      userId: p.evaluatorId,
      params: { reference: p.reference, deadline: karachiDate(scoringDeadline(at)) },
      link: `/evaluations/${p.assignmentId}`,
    },
  ]),
  notify(loanRequested, 'notifications.sanction-requested', 'loan.sanction_requested', async (p, trx) => {
    const ref = found(await loanReference(trx, p.loanId), `loan ${p.loanId}`);
    const params = { reference: ref.reference, amount: rupees(p.amountMinor) };
    return (await bankOfficers(trx, p.bankId)).map((userId) => ({
      userId,
      params,
      link: `/loans/${p.loanId}`,
    }));
  }),
  notify(claimDecided, 'notifications.claim-decided', 'claim.decided', async (p, trx) => {
    const params = {
      quarter: p.quarter,
      status: p.status,
      claimed: rupees(p.claimedMinor),
      approved: p.approvedMinor === null ? '' : rupees(p.approvedMinor),
    };
    const link = `/loans/claims/${p.claimId}`;
    return (await bankOfficers(trx, p.bankId)).map((userId) => ({ userId, params, link }));
  }),
];

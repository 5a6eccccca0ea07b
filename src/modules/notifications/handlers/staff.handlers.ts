import type { EventHandler } from '../../../platform/events/index.ts';
import { karachiDate } from '../../../shared/time.ts';
import { evaluationAssigned, scoringDeadline } from '../../calls/index.ts';
import { inspectionVisitAssigned } from '../../centers/index.ts';
import { claimDecided, loanRequested } from '../../loans/index.ts';
import { bankOfficers, centreNames, loanReference, rupees, when } from '../audience.repository.ts';
import { found, notify } from './notify.ts';

/** Evaluators, inspectors and bank officers (every active officer of the bank concerned). */
export const staffHandlers: readonly EventHandler[] = [
  notify(evaluationAssigned, 'notifications.evaluation-assigned', 'evaluation.assigned', (p, _trx, at) => [
    {
      userId: p.evaluatorId,
      params: { reference: p.reference, deadline: karachiDate(scoringDeadline(at)) },
      link: `/evaluations/${p.assignmentId}`,
    },
  ]),
  notify(
    inspectionVisitAssigned,
    'notifications.inspection-assigned',
    'inspection.assigned',
    async (p, trx) => {
      const c = found(await centreNames(trx, p.centerId), `centre ${p.centerId}`);
      return [
        {
          userId: p.inspectorId,
          params: {
            centre: c.name_en,
            centre_ur: c.name_ur ?? '',
            change: p.change,
            from: when(new Date(p.startsAt)),
            until: when(new Date(p.endsAt)).slice(-5),
          },
          link: '/inspections',
        },
      ];
    },
  ),
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

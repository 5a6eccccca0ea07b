import type { EventHandler } from '../../../platform/events/index.ts';
import { applicationDecided, applicationSubmitted } from '../../calls/index.ts';
import { centreInspected, inspectionVisitChanged } from '../../centers/index.ts';
import { instalmentOverdue, loanDisbursed, loanSanctioned } from '../../loans/index.ts';
import { centreNames, loanOwner, rupees, when } from '../audience.repository.ts';
import { found, notify } from './notify.ts';

/** Owners: their application, their loan, their centre's inspection. */
export const ownerHandlers: readonly EventHandler[] = [
  notify(applicationSubmitted, 'notifications.application-received', 'application.received', (p) => [
    { userId: p.ownerId, params: { reference: p.reference }, link: `/applications/${p.applicationId}` },
  ]),
  notify(applicationDecided, 'notifications.application-decided', 'application.decided', (p) => [
    {
      userId: p.ownerId,
      params: { reference: p.reference, outcome: p.outcome },
      link: `/applications/${p.applicationId}`,
    },
  ]),
  notify(loanSanctioned, 'notifications.loan-sanctioned', 'loan.sanctioned', (p) => [
    {
      userId: p.ownerId,
      params: {
        amount: rupees(p.amountMinor),
        tenor: String(p.tenorMonths),
        firstDate: p.firstRepaymentDate,
      },
      link: `/loans/${p.loanId}`,
    },
  ]),
  notify(loanDisbursed, 'notifications.loan-disbursed', 'loan.disbursed', (p) => [
    {
      userId: p.ownerId,
      params: { amount: rupees(p.amountMinor), total: rupees(p.disbursedMinor), date: p.disbursedOn },
      link: `/loans/${p.loanId}`,
    },
  ]),
  notify(instalmentOverdue, 'notifications.instalment-overdue', 'loan.instalment_overdue', async (p, trx) => {
    const days = Math.max(1, Math.round((Date.parse(p.asOf) - Date.parse(p.dueDate)) / 86400_000));
    return [
      {
        userId: found(await loanOwner(trx, p.loanId), `loan ${p.loanId}`),
        // The same key as the daily job's reminders, so the two never both send.
        sourceKey: `overdue:${p.loanId}:${p.instalmentNumber}:${days}`,
        params: {
          number: String(p.instalmentNumber),
          dueDate: p.dueDate,
          amount: rupees(p.unpaidMinor),
          days: String(days),
        },
        link: `/loans/${p.loanId}`,
      },
    ];
  }),
  notify(
    inspectionVisitChanged,
    'notifications.inspection-booked',
    'centre.inspection_booked',
    async (p, trx) => {
      const c = found(await centreNames(trx, p.centerId), `centre ${p.centerId}`);
      const until = when(new Date(p.endsAt));
      return [
        {
          userId: p.ownerId,
          params: {
            centre: c.name_en,
            centre_ur: c.name_ur ?? '',
            change: p.change,
            from: when(new Date(p.startsAt)),
            until,
            untilTime: until.slice(-5),
            ...(p.reason ? { reason: p.reason } : {}),
          },
          link: `/owner/centres/${p.centerId}/setup`,
        },
      ];
    },
  ),
  notify(centreInspected, 'notifications.inspection-result', 'centre.inspection_result', async (p, trx) => {
    const c = found(await centreNames(trx, p.centerId), `centre ${p.centerId}`);
    return [
      {
        userId: p.ownerId,
        params: {
          centre: c.name_en,
          centre_ur: c.name_ur ?? '',
          passed: p.passed ? 'yes' : 'no',
          mbps: String(p.internetMbpsMeasured),
          seats: String(p.seatsCounted),
        },
        link: `/owner/centres/${p.centerId}/setup`,
      },
    ];
  }),
];

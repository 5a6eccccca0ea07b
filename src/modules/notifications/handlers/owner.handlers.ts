import { type EventHandler, on } from '../../../platform/events/index.ts';
import { applicationDecided, applicationSubmitted } from '../../calls/index.ts';
import { centreInspected } from '../../centers/index.ts';
import { instalmentOverdue, loanDisbursed, loanSanctioned } from '../../loans/index.ts';
import { centreNames, loanOwner, rupees } from '../audience.repository.ts';
import { queueNotices } from '../queue.service.ts';
import { eventSource } from './source.ts';

/** Owners: their application, their loan, their centre's inspection. */
export const ownerHandlers: readonly EventHandler[] = [
  on(applicationSubmitted, 'notifications.application-received', async (deps, e, trx) => {
    const p = e.payload;
    await queueNotices(trx, deps, [
      {
        sourceKey: eventSource(e.id),
        kind: 'application.received',
        userId: p.ownerId,
        params: { reference: p.reference },
        link: `/applications/${p.applicationId}`,
      },
    ]);
  }),
  on(applicationDecided, 'notifications.application-decided', async (deps, e, trx) => {
    const p = e.payload;
    await queueNotices(trx, deps, [
      {
        sourceKey: eventSource(e.id),
        kind: 'application.decided',
        userId: p.ownerId,
        params: { reference: p.reference, outcome: p.outcome },
        link: `/applications/${p.applicationId}`,
      },
    ]);
  }),
  on(loanSanctioned, 'notifications.loan-sanctioned', async (deps, e, trx) => {
    const p = e.payload;
    await queueNotices(trx, deps, [
      {
        sourceKey: eventSource(e.id),
        kind: 'loan.sanctioned',
        userId: p.ownerId,
        params: {
          amount: rupees(p.amountMinor),
          tenor: String(p.tenorMonths),
          firstDate: p.firstRepaymentDate,
        },
        link: `/loans/${p.loanId}`,
      },
    ]);
  }),
  on(loanDisbursed, 'notifications.loan-disbursed', async (deps, e, trx) => {
    const p = e.payload;
    await queueNotices(trx, deps, [
      {
        sourceKey: eventSource(e.id),
        kind: 'loan.disbursed',
        userId: p.ownerId,
        params: { amount: rupees(p.amountMinor), total: rupees(p.disbursedMinor), date: p.disbursedOn },
        link: `/loans/${p.loanId}`,
      },
    ]);
  }),
  on(instalmentOverdue, 'notifications.instalment-overdue', async (deps, e, trx) => {
    const p = e.payload;
    const owner = await loanOwner(trx, p.loanId);
    if (!owner) throw new Error(`loan ${p.loanId} not found`);
    const days = Math.max(1, Math.round((Date.parse(p.asOf) - Date.parse(p.dueDate)) / 86400_000));
    await queueNotices(trx, deps, [
      {
        // The same key as the daily job's reminders, so the two never both send.
        sourceKey: `overdue:${p.loanId}:${p.instalmentNumber}:${days}`,
        kind: 'loan.instalment_overdue',
        userId: owner,
        params: {
          number: String(p.instalmentNumber),
          dueDate: p.dueDate,
          amount: rupees(p.unpaidMinor),
          days: String(days),
        },
        link: `/loans/${p.loanId}`,
      },
    ]);
  }),
  on(centreInspected, 'notifications.inspection-result', async (deps, e, trx) => {
    const p = e.payload;
    const c = await centreNames(trx, p.centerId);
    if (!c) throw new Error(`centre ${p.centerId} not found`);
    await queueNotices(trx, deps, [
      {
        sourceKey: eventSource(e.id),
        kind: 'centre.inspection_result',
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
    ]);
  }),
];

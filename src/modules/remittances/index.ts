// The remittances area's public face: banks attest freelancers' IT-export remittances, with their
// consent, beside what freelancers declare (docs/decisions/0034-bank-attested-earnings.md).
import type { AreaManifest } from '../../platform/area.ts';
import { inOrder } from '../../platform/figures.ts';
import { accountsPersonalData } from './accounts.ts';
import { disputeRemindersJob } from './dispute-reminders.job.ts';
import { seedRemittancesDemo } from './remittances.demo.ts';
import {
  consentGiven,
  consentRevoked,
  disputeAnswered,
  disputeEscalated,
  disputeOpened,
  disputeReminded,
  disputeResolved,
  remittancesAttested,
} from './remittances.events.ts';
import { remittancesFigures } from './remittances.figures.ts';
import { remittancesPersonalRecords } from './remittances.records.ts';
import { remittancesRoutes } from './remittances.routes.ts';

export { openIban } from './accounts.ts';
export { maskIban } from './consent.service.ts';
export { remindUnansweredDisputes } from './dispute-reminders.job.ts';
export { earningsEvidenceOpenData } from './evidence.service.ts';
export {
  consentGiven,
  consentRevoked,
  disputeAnswered,
  disputeEscalated,
  disputeOpened,
  disputeReminded,
  disputeResolved,
  remittancesAttested,
} from './remittances.events.ts';
export type { RemittancesTables } from './remittances.table.ts';

export const remittancesArea: AreaManifest = {
  personalRecords: remittancesPersonalRecords,
  name: 'remittances',
  routes: (deps) => remittancesRoutes(deps),
  // Right after the declared figure (freelancers, 80), so the portal shows the two side by side.
  figures: inOrder(80, remittancesFigures),
  events: [
    consentGiven,
    consentRevoked,
    remittancesAttested,
    disputeOpened,
    disputeAnswered,
    disputeResolved,
    disputeReminded,
    disputeEscalated,
  ],
  // Reminders to banks that leave a dispute unanswered (the period staff set, else MARKAZ_DISPUTE_REMINDER_DAYS).
  jobs: () => [disputeRemindersJob],
  // IBANs sealed at rest, found by blind index (decision 0060).
  personalData: [accountsPersonalData],
  demo: {
    step: 'remittances: two banks attest freelancers’ IT-export earnings, with consent',
    seed: seedRemittancesDemo,
  },
};

import type { EventHandler } from '../../platform/events/index.ts';
import { complaintHandlers } from './handlers/complaints.handlers.ts';
import { freelancerHandlers } from './handlers/freelancer.handlers.ts';
import { fundHandlers } from './handlers/fund.handlers.ts';
import { ownerHandlers } from './handlers/owner.handlers.ts';
import { privacyHandlers } from './handlers/privacy.handlers.ts';
import { remittancesHandlers } from './handlers/remittances.handlers.ts';
import { staffHandlers } from './handlers/staff.handlers.ts';

// Domain events → notices. Each runs in the dispatcher's transaction, so the queued notices commit
// with the delivery's done mark; the source key is the event id, so a re-delivery adds nothing.
export const notificationHandlers: readonly EventHandler[] = [
  ...ownerHandlers,
  ...freelancerHandlers,
  ...staffHandlers,
  ...fundHandlers,
  ...remittancesHandlers,
  ...privacyHandlers,
  ...complaintHandlers,
];

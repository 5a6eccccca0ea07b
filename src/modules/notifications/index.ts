// The notifications area's public face: other areas import only from here.
import type { AreaManifest } from '../../platform/area.ts';
import { directMessage } from '../../platform/direct-message.ts';
import { subscribe } from '../../platform/hooks.ts';
import { deliverNoticesJob } from './deliver.service.ts';
import { queueDirectMessage } from './direct-message.handler.ts';
import { notificationHandlers } from './event-handlers.ts';
import { seedNotificationsDemo } from './notifications.demo.ts';
import { notificationsPersonalRecords } from './notifications.records.ts';
import { notificationsRoutes } from './notifications.routes.ts';
import { notificationJobs } from './scheduled.job.ts';

export const notificationsArea: AreaManifest = {
  personalRecords: notificationsPersonalRecords,
  name: 'notifications',
  // Addresses sealed at rest (decision 0038), opened by the sender at send time.
  personalData: [
    { table: 'notices', id: 'id', purpose: 'contacts', columns: [{ name: 'address' }] },
    {
      table: 'notice_local_outbox',
      id: 'message_id',
      purpose: 'contacts',
      columns: [{ name: 'recipient' }, { name: 'raw' }],
    },
  ],
  routes: (deps) => notificationsRoutes(deps),
  jobs: () => [{ ...deliverNoticesJob, order: 45 }, ...notificationJobs()],
  handlers: notificationHandlers,
  // Codes, reset links and security notices, queued in the sign-in change's own transaction.
  hooks: [subscribe(directMessage, queueDirectMessage)],
  demo: { step: 'notices in inboxes and the outbox', seed: seedNotificationsDemo },
};

export { deliverNotices } from './deliver.service.ts';
export type { NotificationsTables } from './notifications.table.ts';
export { queueNotices } from './queue.service.ts';
export { queueDailyNotices } from './scheduled.job.ts';
export { readSealed } from './sealed-secrets.ts';
export { smsSegments } from './sms-segments.ts';

import type { EventHandler } from '../../../platform/events/index.ts';
import { closureDecided, correctionDecided } from '../../privacy/index.ts';
import { notify } from './notify.ts';

// People's rights: the answer to a correction request; a closure staff turned down (a closed
// account has no contacts left to tell).

export const privacyHandlers: readonly EventHandler[] = [
  notify(correctionDecided, 'notifications.privacy-correction-decided', 'privacy.correction_decided', (p) => [
    {
      userId: p.userId,
      params: {
        decision: p.decision,
        reason: p.reason,
        fieldEn: p.label.en.toLowerCase(),
        fieldUr: p.label.ur,
      },
      link: '/me/corrections',
    },
  ]),
  notify(closureDecided, 'notifications.privacy-closure-rejected', 'privacy.closure_rejected', (p) =>
    p.decision === 'rejected' ? [{ userId: p.userId, params: { note: p.note }, link: '/me/data' }] : [],
  ),
];

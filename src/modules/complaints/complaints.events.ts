import { z } from 'zod';
import { defineEvent } from '../../platform/events/index.ts';

// The complaints area's domain events (docs/events.md lists them). No contact and no text travel
// in them (domain_events is kept and shown to staff): the notice reads what it needs.

export const complaintChanged = defineEvent(
  'complaints.changed',
  1,
  z.object({
    complaintId: z.guid(),
    reference: z.string(),
    status: z.enum(['received', 'in_progress', 'resolved', 'rejected']),
    userId: z.guid().nullable().describe('The person who complained, when signed in'),
  }),
  'A complaint was filed, taken up, or answered; the person who filed it is told.',
);

import { z } from 'zod';
import { defineEvent } from '../../platform/events/index.ts';

// The privacy area's domain events (docs/events.md lists them with their payloads).

export const correctionDecided = defineEvent(
  'privacy.correction_decided',
  1,
  z.object({
    requestId: z.guid(),
    userId: z.guid(),
    field: z.string(),
    label: z.object({ en: z.string(), ur: z.string() }),
    decision: z.enum(['approved', 'rejected']),
    reason: z.string(),
  }),
  'Staff approved (the field is changed) or rejected a person’s request to correct their data.',
);

export const closureDecided = defineEvent(
  'privacy.closure_decided',
  1,
  z.object({
    closureId: z.guid(),
    userId: z.guid(),
    decision: z.enum(['closed', 'rejected', 'refused']),
    note: z.string(),
  }),
  'A request to close an account was refused (an obligation), rejected by staff, or carried out.',
);

export const privacyEvents = [correctionDecided, closureDecided] as const;

import { z } from 'zod';
import { defineEvent } from '../../platform/events/index.ts';

export const certificateIssued = defineEvent(
  'credentials.certificate_issued',
  1,
  z.object({ certificateId: z.guid(), code: z.string(), userId: z.guid(), enrolmentId: z.string() }),
  'A certificate (an Open Badges 3.0 credential) was issued for a completed enrolment.',
);

export const certificateRevoked = defineEvent(
  'credentials.certificate_revoked',
  1,
  z.object({ certificateId: z.guid(), code: z.string(), userId: z.guid() }),
  'Staff revoked a certificate; the status list now says so.',
);

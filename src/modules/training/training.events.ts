import { z } from 'zod';
import { defineEvent } from '../../platform/events/index.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * An enrolment met its course's completion rule when its cohort finished: what a certificate
 * needs (the credentials area subscribes), and what the portal counts as completed.
 */
export const enrolmentCompleted = defineEvent(
  'training.enrolment_completed',
  1,
  z.object({
    enrolmentId: z.guid(),
    userId: z.guid(),
    name: z.string().describe('The person’s display name'),
    courseId: z.guid(),
    courseCode: z.string(),
    courseTitleEn: z.string(),
    courseTitleUr: z.string(),
    hours: z.number().int(),
    skills: z.array(z.string()),
    centerId: z.guid(),
    centerName: z.string(),
    centerNameUr: z.string().nullable(),
    cohortId: z.guid(),
    cohortStartsOn: isoDate,
    cohortEndsOn: isoDate,
    completedOn: isoDate,
    attendancePercent: z.number().int().min(0).max(100),
    assessmentScore: z.number().int().min(0).max(100),
    passMark: z.number().int().min(0).max(100),
  }),
  "A trainee completed a course: attendance and assessment met the course's rule when the cohort finished.",
);

/**
 * Staff annulled a completion after a finding that its data was false (attendance invented, an
 * assessment not sat): the portal stops counting it and the credentials area revokes its certificate.
 */
export const completionAnnulled = defineEvent(
  'training.completion_annulled',
  1,
  z.object({
    enrolmentId: z.guid(),
    userId: z.guid(),
    reason: z.string(),
  }),
  'Staff annulled a completed enrolment with a reason: it no longer counts as trained, and its certificate is revoked.',
);

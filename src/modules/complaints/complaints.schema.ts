import { z } from 'zod';

/** Shapes of complaints: what a citizen files, what they see by reference, what staff work on. */
export const COMPLAINT_CATEGORIES = [
  'service',
  'booking',
  'payment',
  'conduct',
  'access',
  'personal_data',
  'other',
] as const;
export const COMPLAINT_STATUSES = ['received', 'in_progress', 'resolved', 'rejected'] as const;

export const ComplaintInputSchema = z
  .object({
    about: z.enum(['centre', 'programme']).describe('A centre, or the programme itself'),
    centerId: z.guid('must be a centre id').optional().describe('Required when about is centre'),
    category: z.enum(COMPLAINT_CATEGORIES),
    body: z
      .string()
      .trim()
      .min(10, 'is required (10 characters at least)')
      .max(2000)
      .describe('What happened, in the person’s own words'),
    email: z
      .string()
      .trim()
      .max(254)
      .optional()
      .describe('Where to send the answer (not needed when signed in)'),
    mobile: z.string().trim().max(20).optional().describe('Pakistani mobile for the answer by SMS'),
    locale: z.enum(['en', 'ur']).default('en').describe('The language of the answer'),
  })
  .meta({ id: 'ComplaintInput' });
export type ComplaintInput = z.output<typeof ComplaintInputSchema>;

/** What the person sees by reference: no contact, no name. */
export const ComplaintStatusSchema = z
  .object({
    reference: z.string(),
    about: z.enum(['centre', 'programme']),
    centreName: z.string().nullable(),
    centreNameUr: z.string().nullable(),
    category: z.enum(COMPLAINT_CATEGORIES),
    body: z.string(),
    status: z.enum(COMPLAINT_STATUSES),
    receivedAt: z.string(),
    dueAt: z.string().describe('The service standard: answered within 7 days'),
    overdue: z.boolean(),
    answer: z.string().nullable(),
    answeredAt: z.string().nullable(),
  })
  .meta({ id: 'ComplaintStatus' });
export type ComplaintStatusView = z.output<typeof ComplaintStatusSchema>;

export const StaffComplaintSchema = ComplaintStatusSchema.extend({
  id: z.string(),
  centerId: z.string().nullable(),
  provinceCode: z.string().nullable(),
  signedIn: z.boolean().describe('Filed by a signed-in person (answered through their account)'),
  contact: z.string().nullable().describe('Masked'),
  contactKind: z.enum(['email', 'mobile']).nullable(),
  locale: z.enum(['en', 'ur']),
}).meta({ id: 'StaffComplaint' });
export type StaffComplaint = z.output<typeof StaffComplaintSchema>;

export const ComplaintListQuerySchema = z.object({
  status: z.enum([...COMPLAINT_STATUSES, 'open']).default('open'),
  overdue: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ComplaintAnswerSchema = z
  .object({
    status: z.enum(['in_progress', 'resolved', 'rejected']),
    answer: z
      .string()
      .trim()
      .min(10, 'is required (10 characters at least)')
      .max(2000)
      .optional()
      .describe('Required to resolve or reject: what was done, or why nothing can be'),
  })
  .meta({ id: 'ComplaintAnswer' });
export type ComplaintAnswer = z.output<typeof ComplaintAnswerSchema>;

export const ReferenceParamSchema = z.object({
  reference: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .pipe(z.string().regex(/^C-[0-9A-HJKMNP-TV-Z]{8}$/, 'must be a reference like C-7K2Q9XMB')),
});

export const ComplaintStatsSchema = z
  .object({
    received: z.number().int(),
    open: z.number().int(),
    overdue: z.number().int(),
    resolved: z.number().int(),
    rejected: z.number().int(),
    medianDaysToAnswer: z
      .number()
      .int()
      .nullable()
      .describe('In whole days (as the portal’s figure), over complaints answered in the last 365 days'),
    answeredWithinStandard: z.number().int(),
    standardDays: z.number().int(),
  })
  .meta({ id: 'ComplaintStats' });

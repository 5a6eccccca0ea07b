import { z } from 'zod';
import { int4IdParam } from '../../shared/int4.ts';

/** Shapes of inspection visits: a date and time window booked for a centre under set-up. */
const instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'must be a date and time with its offset, like 2026-12-10T10:00:00+05:00',
    abort: true,
  })
  .refine((v) => !Number.isNaN(Date.parse(v)), 'is not a real date and time');

export const InspectionVisitInputSchema = z
  .object({
    startsAt: instant.describe('When the inspector arrives at the earliest'),
    endsAt: instant.describe('When the visit window ends (at most 10 hours after the start)'),
    note: z.string().trim().max(500).optional().describe('What the owner should have ready'),
    inspectorId: z
      .guid('must be a user id')
      .nullable()
      .optional()
      .describe('The programme admin who goes (told by notice); null for nobody yet, left out to keep'),
  })
  .meta({ id: 'InspectionVisitWindow' });

export const InspectorAssignmentSchema = z
  .object({
    inspectorId: z
      .guid('must be a user id')
      .nullable()
      .describe('The programme admin who goes, or null to take the visit off whoever had it'),
  })
  .meta({ id: 'InspectorAssignment' });

export const InspectionVisitCancelSchema = z
  .object({ reason: z.string().trim().min(3, 'is required (3 characters at least)').max(500) })
  .meta({ id: 'InspectionVisitCancellation' });

export const InspectionVisitSchema = z
  .object({
    id: z.string(),
    centerId: z.string(),
    centreName: z.string(),
    centreNameUr: z.string().nullable(),
    districtId: z.number().int().nullable(),
    districtName: z.string().nullable(),
    districtNameUr: z.string().nullable(),
    startsAt: z.string(),
    endsAt: z.string(),
    status: z.enum(['booked', 'cancelled', 'done']),
    note: z.string().nullable(),
    reschedules: z.number().int(),
    cancelReason: z.string().nullable(),
    inspectorId: z.string().nullable(),
    inspectorName: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'InspectionVisit' });

export const INSPECTION_PAGE_MAX = 500;

export const InspectionVisitPageSchema = z
  .object({
    items: z.array(InspectionVisitSchema),
    limit: z.number().int().describe('The most visits one page holds'),
    nextAfter: z.string().nullable().describe('Pass as `after` for the next page; null on the last'),
    next: z.string().nullable().describe('The next page of the same query, or null on the last'),
  })
  .meta({ id: 'InspectionVisitPage' });

const day = z.iso.date('must be a date like 2026-12-10');

export const InspectionVisitListQuerySchema = z.object({
  status: z.enum(['booked', 'cancelled', 'done']).optional(),
  from: day.optional().describe('First day shown (Pakistan time), e.g. the Monday of a week'),
  to: day.optional().describe('Last day shown (Pakistan time), at most 62 days after from'),
  districtId: int4IdParam().optional().describe('Only centres in this district'),
  inspectorId: z.guid('must be a user id').optional().describe('Only visits this inspector goes on'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(INSPECTION_PAGE_MAX)
    .default(200)
    .describe(`Visits a page (at most ${INSPECTION_PAGE_MAX})`),
  after: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'must be the nextAfter of the page before')
    .optional()
    .describe("The page before's nextAfter"),
});

export const VisitIdParamSchema = z.object({ visitId: z.guid('must be a visit id') });

export type InspectionVisit = z.infer<typeof InspectionVisitSchema>;
export type InspectionVisitInput = z.infer<typeof InspectionVisitInputSchema>;
export type InspectionVisitListQuery = z.infer<typeof InspectionVisitListQuerySchema>;

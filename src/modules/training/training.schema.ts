import { z } from 'zod';
import { int4Id } from '../../shared/int4.ts';
import { IsoDateSchema } from '../centers/index.ts';

const percent = z.number().int().min(0).max(100);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM');

export const CourseLevelSchema = z.enum(['beginner', 'intermediate', 'advanced']).meta({ id: 'CourseLevel' });

const courseFields = {
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9-]{2,20}$/, 'must be 2–20 capital letters, digits or hyphens'),
  titleEn: z.string().trim().min(1).max(200),
  titleUr: z.string().trim().min(1).max(200),
  descriptionEn: z.string().trim().max(4000),
  descriptionUr: z.string().trim().max(4000),
  hours: z.number().int().min(1).max(2000),
  skills: z.array(z.string().trim().min(1).max(50)).max(20),
  level: CourseLevelSchema,
  providerKind: z.enum(['programme', 'partner']),
  providerName: z.string().trim().min(1).max(200),
  minAttendancePercent: percent.describe('Completion needs at least this share of sessions attended'),
  passMark: percent.describe('Completion needs an assessment score at least this'),
};
export const CourseInputSchema = z.object(courseFields).meta({ id: 'SubmitCourseInput' });
export type CourseInput = z.infer<typeof CourseInputSchema>;

export const CourseSchema = z
  .object({ ...courseFields, id: z.string().uuid(), active: z.boolean() })
  .meta({ id: 'Course' });
export type Course = z.infer<typeof CourseSchema>;

export const RuleKindSchema = z
  .enum(['domicile_province', 'min_age', 'max_age', 'min_education_years'])
  .meta({ id: 'EligibilityRuleKind' });

const ruleFields = {
  courseId: z.string().uuid().nullable().describe('null: every course'),
  kind: RuleKindSchema,
  valueText: z
    .string()
    .trim()
    .regex(/^[A-Z]{2,3}(,[A-Z]{2,3})*$/, 'must be province codes separated by commas')
    .nullable()
    .describe('domicile_province: province codes, e.g. "PB" or "PB,IS"'),
  valueInt: z.number().int().min(0).max(120).nullable().describe('age in years, or years of education'),
  effectiveFrom: IsoDateSchema,
  effectiveTo: IsoDateSchema.nullable(),
};
export const EligibilityRuleInputSchema = z.object(ruleFields).meta({ id: 'PublishEligibilityRuleInput' });
export type EligibilityRuleInput = z.infer<typeof EligibilityRuleInputSchema>;

export const EligibilityRuleSchema = z
  .object({ ...ruleFields, id: z.string().uuid() })
  .meta({ id: 'EligibilityRule' });

const SessionInputSchema = z.object({ date: IsoDateSchema, from: hhmm, to: hhmm });

export const CohortInputSchema = z
  .object({
    centerId: z.string().uuid(),
    courseId: z.string().uuid(),
    roomSpaceId: z.string().uuid().describe('The training room each session reserves whole'),
    trainerId: z.string().uuid().nullable(),
    capacity: z.number().int().min(1).max(1000),
    startsOn: IsoDateSchema,
    endsOn: IsoDateSchema,
    admissionOrder: z.enum(['merit', 'first_come']),
    seatRule: z.enum(['population', 'equal']).describe('How seats are shared between the districts listed'),
    districts: z
      .array(z.object({ districtId: int4Id(), weight: z.number().int().min(1).max(1_000_000_000) }))
      .min(1)
      .max(50)
      .describe('Districts sharing the seats; weight = population for "population", ignored for "equal"'),
    sessions: z.array(SessionInputSchema).min(1).max(200).describe('The timetable, Asia/Karachi'),
  })
  .meta({ id: 'OpenCohortInput' });
export type CohortInput = z.infer<typeof CohortInputSchema>;

export const SessionSchema = z
  .object({
    id: z.string().uuid(),
    start: z.string(),
    end: z.string(),
    status: z.enum(['scheduled', 'held', 'cancelled']),
    attendanceClosed: z.boolean(),
  })
  .meta({ id: 'TrainingSession' });

export const CohortSchema = z
  .object({
    id: z.string().uuid(),
    centerId: z.string().uuid(),
    centerName: z.string(),
    centerNameUr: z.string().nullable(),
    cityName: z.string(),
    cityNameUr: z.string().nullable(),
    provinceCode: z.string(),
    course: z.object({ id: z.string().uuid(), code: z.string(), titleEn: z.string(), titleUr: z.string() }),
    trainerId: z.string().uuid().nullable(),
    roomSpaceId: z.string().uuid(),
    capacity: z.number().int(),
    startsOn: z.string(),
    endsOn: z.string(),
    admissionOrder: z.enum(['merit', 'first_come']),
    seatRule: z.enum(['population', 'equal']),
    status: z.enum(['open', 'admitted', 'finished', 'cancelled']),
    districts: z.array(
      z.object({
        districtId: z.number().int(),
        name: z.string(),
        weight: z.number(),
        seats: z.number().int(),
      }),
    ),
    sessions: z.array(SessionSchema),
    distanceKm: z.number().nullable(),
  })
  .meta({ id: 'Cohort' });
export type Cohort = z.infer<typeof CohortSchema>;

export const ApplyInputSchema = z
  .object({
    domicileDistrictId: int4Id(),
    birthDate: IsoDateSchema,
    educationYears: z.number().int().min(0).max(30),
    meritScore: percent.describe('Marks in the last qualifying exam, percent'),
  })
  .meta({ id: 'TrainingApplyInput' });
export type ApplyInput = z.infer<typeof ApplyInputSchema>;

export const RuleReasonSchema = z
  .object({
    rule: z.string(),
    passed: z.boolean(),
    reason: z.string().describe('In English'),
    code: z.string().optional().describe('A stable code for the reason, e.g. max_age.failed'),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  })
  .meta({ id: 'AdmissionReason' });

export const EnrolmentStatusSchema = z
  .enum([
    'ineligible',
    'applied',
    'admitted',
    'waitlisted',
    'not_admitted',
    'withdrawn',
    'completed',
    'not_completed',
  ])
  .meta({ id: 'EnrolmentStatus' });

export const EnrolmentSchema = z
  .object({
    id: z.string().uuid(),
    cohortId: z.string().uuid(),
    centerId: z.string().uuid(),
    userId: z.string().uuid(),
    name: z.string(),
    courseTitleEn: z.string(),
    courseTitleUr: z.string(),
    status: EnrolmentStatusSchema,
    reasons: z.array(RuleReasonSchema),
    domicileDistrictId: z.number().int(),
    seatDistrictId: z.number().int().nullable(),
    waitlistPosition: z.number().int().nullable(),
    meritScore: z.number().int(),
    documentsChecked: z.boolean(),
    assessmentScore: z.number().int().nullable(),
    appliedAt: z.string(),
    completedAt: z.string().nullable(),
  })
  .meta({ id: 'Enrolment' });
export type Enrolment = z.infer<typeof EnrolmentSchema>;

export const CompletionSchema = z
  .object({
    enrolmentId: z.string().uuid(),
    completed: z.boolean(),
    attendancePercent: z.number().int(),
    minAttendancePercent: z.number().int(),
    assessmentScore: z.number().int().nullable(),
    passMark: z.number().int(),
    completedOn: z.string().nullable(),
  })
  .meta({ id: 'EnrolmentCompletion' });
export type Completion = z.infer<typeof CompletionSchema>;

export const AttendanceCorrectionSchema = z
  .object({
    enrolmentId: z.string().uuid(),
    present: z.boolean(),
    reason: z.string().trim().min(3).max(500),
  })
  .meta({ id: 'AttendanceCorrection' });

export const StipendSchema = z
  .object({
    centerId: z.string().uuid(),
    centerName: z.string(),
    month: z.string(),
    trainerId: z.string().uuid().nullable(),
    trainerName: z.string().nullable(),
    amountMinor: z.number().int(),
    status: z.enum(['payable', 'withheld', 'clawed_back']),
    withheldReasons: z.array(z.string()),
    clawbackReason: z.string().nullable(),
    paymentHeld: z
      .enum(['no_bank_account', 'no_trainer'])
      .nullable()
      .describe('Why a payable stipend is kept out of the bank payment file (the trainer has no IBAN)'),
  })
  .meta({ id: 'TrainerStipend' });
export type Stipend = z.infer<typeof StipendSchema>;

import { z } from 'zod';

export const ReportMonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
  .describe('Calendar month, YYYY-MM');

const percent = z
  .number()
  .min(0)
  .max(100)
  .refine(
    (n) => Number.isInteger(Math.round(n * 10)) && Math.abs(n * 10 - Math.round(n * 10)) < 1e-9,
    'at most one decimal',
  )
  .describe('Percent of opening hours, one decimal');

export const MonthlyReportInputSchema = z
  .object({
    internetUptimePercent: percent,
    powerUptimePercent: percent,
    trainerName: z.string().trim().max(120).nullable(),
    trainingSessions: z.number().int().min(0).max(1000),
    peopleTrained: z.number().int().min(0).max(100_000),
    notes: z.string().trim().max(4000).nullable(),
  })
  .meta({ id: 'SubmitMonthlyReportInput' });
export type MonthlyReportInput = z.infer<typeof MonthlyReportInputSchema>;

export const MonthlyReportSchema = z
  .object({
    centerId: z.string().uuid(),
    month: z.string(),
    internetUptimePercent: z.number(),
    powerUptimePercent: z.number(),
    trainerName: z.string().nullable(),
    trainingSessions: z.number().int(),
    peopleTrained: z.number().int(),
    notes: z.string().nullable(),
    submittedBy: z.string().uuid(),
    submittedAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'MonthlyReport' });
export type MonthlyReport = z.infer<typeof MonthlyReportSchema>;

export const MissingReportSchema = z
  .object({
    centerId: z.string().uuid(),
    nameEn: z.string(),
    nameUr: z.string().nullable().describe('The centre’s name in Urdu, when it has one'),
    ownerId: z.string().uuid(),
    cityName: z.string(),
    cityNameUr: z.string().nullable().describe('The city in Urdu, where the geography data has it'),
    provinceCode: z.string(),
  })
  .meta({ id: 'MissingMonthlyReport' });

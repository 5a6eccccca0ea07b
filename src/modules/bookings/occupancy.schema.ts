import { z } from 'zod';
import { int4IdParam } from '../../shared/int4.ts';
import { IsoDateSchema } from '../centers/index.ts';

export const OccupancyQuerySchema = z
  .object({
    from: IsoDateSchema.describe('First Karachi day, inclusive'),
    to: IsoDateSchema.describe('Last Karachi day, inclusive'),
    groupBy: z.enum(['day', 'hour', 'center', 'city', 'province']).default('day'),
    centerId: z.string().uuid().optional(),
    cityId: int4IdParam().optional(),
    provinceCode: z.string().max(8).optional(),
  })
  .refine((q) => q.to >= q.from, { message: 'must not be before from', path: ['to'] });
export type OccupancyQuery = z.infer<typeof OccupancyQuerySchema>;

const FiguresSchema = z.object({
  bookedSeatHours: z.number().describe('Seat-hours booked (hourly, day-pass and meeting-room plans)'),
  usedSeatHours: z.number().describe('Seat-hours of bookings that were checked in'),
  bookings: z.number().int(),
  checkedIn: z.number().int(),
  noShows: z.number().int(),
  noShowRate: z.number().nullable().describe('No-shows ÷ (checked in + no-shows); null when neither'),
  lateCancellations: z.number().int(),
});

export const OccupancyReportSchema = z
  .object({
    groupBy: z.enum(['day', 'hour', 'center', 'city', 'province']),
    rows: z.array(
      FiguresSchema.extend({ key: z.string().describe('Day, hour (00–23), centre id, city or province') }),
    ),
    totals: FiguresSchema,
  })
  .meta({ id: 'OccupancyReport' });
export type OccupancyReport = z.infer<typeof OccupancyReportSchema>;

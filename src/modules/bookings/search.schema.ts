import { z } from 'zod';
import { int4IdParam } from '../../shared/int4.ts';
import { CenterSummarySchema, IsoDateSchema, SeatKindSchema } from '../centers/index.ts';
import { BookingPlanSchema } from './bookings.schema.ts';

const flag = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM');

export const CenterSearchQuerySchema = z
  .object({
    lat: z.coerce.number().min(-90).max(90).optional(),
    lng: z.coerce.number().min(-180).max(180).optional(),
    cityId: int4IdParam().optional().describe('Search around this city instead of a point'),
    radiusKm: z.coerce.number().min(0.1).max(1500).default(25),
    kind: SeatKindSchema.default('hot_desk').describe('The kind of seat that must be free'),
    date: IsoDateSchema.optional().describe('With from and to: only centres open with a free seat then'),
    from: hhmm.optional(),
    to: hhmm
      .optional()
      .describe('At or before from: the next morning (only centres open across midnight then match)'),
    minInternetMbps: z.coerce.number().int().min(0).max(100_000).optional(),
    backupPower: flag.describe('Has a UPS or backup power'),
    womenOnlyArea: flag,
    prayerArea: flag,
    parking: flag,
    accessible: flag,
    plan: BookingPlanSchema.default('hourly').describe('The plan whose price maxPriceMinor limits'),
    maxPriceMinor: z.coerce.number().int().min(0).optional().describe('Paisa'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine((q) => (q.lat === undefined) === (q.lng === undefined), {
    message: 'give both lat and lng',
    path: ['lng'],
  })
  .refine((q) => q.lat !== undefined || q.cityId !== undefined, {
    message: 'give lat and lng, or cityId',
    path: ['lat'],
  })
  .refine(
    (q) =>
      (q.date === undefined) === (q.from === undefined) && (q.from === undefined) === (q.to === undefined),
    {
      message: 'give date, from and to together',
      path: ['date'],
    },
  )
  .refine((q) => q.from === undefined || q.to === undefined || q.to !== q.from, {
    message: 'must differ from from (an earlier time is the next morning)',
    path: ['to'],
  });
export type CenterSearchQuery = z.infer<typeof CenterSearchQuerySchema>;

export const CenterSearchResultSchema = z
  .object({
    center: CenterSummarySchema,
    distanceKm: z.number(),
    freeSeats: z
      .number()
      .int()
      .nullable()
      .describe('Free seats of the kind in the window; null without a window'),
  })
  .meta({ id: 'CenterSearchResult' });

export const CenterSearchResponseSchema = z
  .object({
    origin: z.object({ latitude: z.number(), longitude: z.number() }),
    items: z.array(CenterSearchResultSchema),
  })
  .meta({ id: 'CenterSearchResponse' });
export type CenterSearchResponse = z.infer<typeof CenterSearchResponseSchema>;

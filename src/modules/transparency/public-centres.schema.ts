import { z } from 'zod';

/**
 * A centre as the public sees it: the building, not the people. No owner, no application, no
 * freelancer; only what a visitor needs to choose a centre and to judge it.
 */
export const OccupancyBandSchema = z
  .enum(['under_25', '25_50', '50_75', 'over_75'])
  .meta({ id: 'OccupancyBand' })
  .describe('Checked-in seat-hours ÷ open seat-hours over the last 30 days, in four bands');

const amenities = z.object({
  internetMbps: z.number().int().nullable(),
  backupPowerHours: z.number().int().nullable(),
  hasUps: z.boolean(),
  womenOnlyArea: z.boolean(),
  prayerArea: z.boolean(),
  parking: z.boolean(),
  accessible: z.boolean(),
});

const prices = z.object({
  hourlyMinor: z.number().int().nullable(),
  dayPassMinor: z.number().int().nullable(),
  monthlyDeskMinor: z.number().int().nullable(),
  meetingRoomHourlyMinor: z.number().int().nullable(),
});

export const PublicCentreSchema = z
  .object({
    id: z.string().uuid(),
    nameEn: z.string(),
    nameUr: z.string().nullable(),
    address: z.string().describe("The building's address"),
    cityId: z.number().int().describe('See /api/v1/geo/cities/{id}'),
    cityName: z.string(),
    cityNameUr: z.string().nullable(),
    provinceCode: z.string(),
    latitude: z.number(),
    longitude: z.number(),
    seatCount: z.number().int(),
    amenities,
    prices: prices.describe('Paisa; null = not offered'),
    occupancyBand: OccupancyBandSchema.nullable().describe('Null while the centre has no opening hours yet'),
    uptime: z
      .object({
        month: z.string().describe('YYYY-MM of the latest monthly report'),
        internetPercent: z.number(),
        powerPercent: z.number(),
      })
      .nullable()
      .describe("As reported in the centre's latest monthly report; null before the first report"),
    statsAsOf: z.string().nullable(),
  })
  .meta({ id: 'PublicCentre' });
export type PublicCentre = z.infer<typeof PublicCentreSchema>;

export const PublicCentreDetailSchema = PublicCentreSchema.extend({
  openingHours: z.array(
    z.object({
      weekday: z.number().int().describe('1 = Monday … 7 = Sunday'),
      opens: z.string(),
      closes: z.string(),
    }),
  ),
  seatsByKind: z.record(z.string(), z.number().int()).describe('Active seats by kind'),
}).meta({ id: 'PublicCentreDetail' });
export type PublicCentreDetail = z.infer<typeof PublicCentreDetailSchema>;

export const PublicCentreListSchema = z
  .object({ items: z.array(PublicCentreSchema), total: z.number().int() })
  .meta({ id: 'PublicCentreList' });

export const PublicCentreQuerySchema = z.object({
  province: z.string().max(8).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

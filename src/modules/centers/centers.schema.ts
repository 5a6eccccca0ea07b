import { z } from 'zod';
import { int4Id, int4IdParam } from '../../shared/int4.ts';

export const CENTER_STATUSES = [
  'approved',
  'under_setup',
  'inspected',
  'operational',
  'suspended',
  'closed',
] as const;
export const CenterStatusSchema = z.enum(CENTER_STATUSES).meta({ id: 'CenterStatus' });
export const SpaceKindSchema = z
  .enum(['hot_desk_area', 'cabin', 'meeting_room', 'training_room'])
  .meta({ id: 'SpaceKind' });
export const SeatKindSchema = z
  .enum(['hot_desk', 'dedicated_desk', 'cabin', 'meeting_room', 'training_room'])
  .meta({ id: 'SeatKind' });

const latitude = z.number().min(-90).max(90).describe('WGS84 degrees; must lie inside Pakistan');
const longitude = z.number().min(-180).max(180).describe('WGS84 degrees; must lie inside Pakistan');
const text = (max: number) => z.string().trim().min(1, 'is required').max(max);
const minor = z.number().int().min(0).max(100_000_000_00).describe('Amount in paisa (1 rupee = 100 paisa)');
const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM')
  .describe('Asia/Karachi local time, HH:MM');
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'is not a real date',
  );

export const AmenitiesSchema = z
  .object({
    internetMbps: z.number().int().min(0).max(100_000).nullable().describe('Measured download speed'),
    backupPowerHours: z.number().int().min(0).max(240).nullable(),
    hasUps: z.boolean(),
    womenOnlyArea: z.boolean(),
    prayerArea: z.boolean(),
    parking: z.boolean(),
    accessible: z.boolean().describe('Step-free access for wheelchair users'),
  })
  .meta({ id: 'CenterAmenities' });
export type Amenities = z.infer<typeof AmenitiesSchema>;

export const PricesSchema = z
  .object({
    hourlyMinor: minor.nullable().describe('Hot desk per hour, paisa; null = not offered'),
    dayPassMinor: minor.nullable().describe('Day pass, paisa; null = not offered'),
    monthlyDeskMinor: minor.nullable().describe('Monthly dedicated desk, paisa; null = not offered'),
    meetingRoomHourlyMinor: minor.nullable().describe('Meeting or training room per hour, paisa'),
  })
  .meta({ id: 'CenterPrices' });
export type Prices = z.infer<typeof PricesSchema>;

export const BookingRulesSchema = z
  .object({
    maxDaysAhead: z.number().int().min(1).max(366),
    minNoticeMinutes: z.number().int().min(0).max(10_080),
    cancellationWindowHours: z
      .number()
      .int()
      .min(0)
      .max(720)
      .describe('Cancelling less than this many hours before the start counts as late'),
    noShowGraceMinutes: z.number().int().min(5).max(1440),
    meetingBufferMinutes: z.number().int().min(0).max(240),
    maxBookingHours: z.number().int().min(1).max(24),
    maxConcurrentPerFreelancer: z
      .number()
      .int()
      .min(1)
      .max(20)
      .describe(
        'Bookings one freelancer may hold at once, counting their bookings at every centre (1: one person, one seat at a time)',
      ),
  })
  .meta({ id: 'CenterBookingRules' });
export type BookingRules = z.infer<typeof BookingRulesSchema>;

export const OpeningHoursSchema = z
  .object({
    weekday: z.number().int().min(1).max(7).describe('1 = Monday … 7 = Sunday'),
    opens: hhmm,
    closes: hhmm,
  })
  .meta({ id: 'OpeningHours' });
export type OpeningHours = z.infer<typeof OpeningHoursSchema>;

export const ClosureSchema = z
  .object({
    id: z.string().uuid(),
    startsOn: z.string(),
    endsOn: z.string(),
    reason: z.string(),
    reasonUr: z.string().nullable().describe('The reason in Urdu, where the owner gave one'),
  })
  .meta({ id: 'CenterClosure' });
export type Closure = z.infer<typeof ClosureSchema>;

export const SeatSchema = z
  .object({
    id: z.string().uuid(),
    spaceId: z.string().uuid(),
    label: z.string(),
    kind: SeatKindSchema,
    active: z.boolean(),
  })
  .meta({ id: 'Seat' });
export type Seat = z.infer<typeof SeatSchema>;

export const SpaceSchema = z
  .object({
    id: z.string().uuid(),
    kind: SpaceKindSchema,
    name: z.string(),
    nameUr: z.string().nullable().describe('The name in Urdu, where the owner gave one'),
    capacity: z.number().int(),
    seats: z.array(SeatSchema),
  })
  .meta({ id: 'Space' });
export type Space = z.infer<typeof SpaceSchema>;

export const CenterSummarySchema = z
  .object({
    id: z.string().uuid(),
    ownerId: z
      .string()
      .uuid()
      .optional()
      .describe("Staff and the centre's owner only: never in public answers"),
    applicationId: z.string().nullable().optional().describe("Staff and the centre's owner only"),
    nameEn: z.string(),
    nameUr: z.string().nullable(),
    address: z.string(),
    cityId: z.number().int(),
    cityName: z.string(),
    cityNameUr: z.string().nullable().describe('The city in Urdu, where the geography data has it'),
    provinceCode: z.string(),
    latitude: z.number(),
    longitude: z.number(),
    phone: z.string().nullable().describe('The centre’s public phone, +92…, when its owner has given one'),
    status: CenterStatusSchema,
    statusReason: z.string().nullable().optional().describe("Staff and the centre's owner only"),
    statusChangedAt: z.string(),
    amenities: AmenitiesSchema,
    prices: PricesSchema,
    seatCount: z.number().int(),
  })
  .meta({ id: 'CenterSummary' });
/** Fields that staff and the centre's owner see, and the public never (see toPublicView). */
type StaffFields = { ownerId: string; applicationId: string | null; statusReason: string | null };
export type CenterSummary = z.infer<typeof CenterSummarySchema> & StaffFields;
export type PublicView<T> = Omit<T, keyof StaffFields>;

export const CenterSchema = CenterSummarySchema.extend({
  rules: BookingRulesSchema,
  openingHours: z.array(OpeningHoursSchema),
  closures: z.array(ClosureSchema),
  spaces: z.array(SpaceSchema),
  createdAt: z.string(),
}).meta({ id: 'Center' });
export type Center = z.infer<typeof CenterSchema> & StaffFields;

export const CenterListSchema = z
  .object({ items: z.array(CenterSummarySchema), total: z.number().int() })
  .meta({ id: 'CenterList' });

export const CreateCenterInputSchema = z
  .object({
    ownerId: z.string().uuid().describe('The owner account that runs the centre'),
    applicationId: z.string().trim().max(100).optional().describe('The selection application, when known'),
    nameEn: text(200),
    nameUr: text(200).optional(),
    address: text(500),
    cityId: int4Id(),
    latitude,
    longitude,
    status: z
      .enum(['approved', 'operational'])
      .default('approved')
      .describe('Register an already running centre directly as operational'),
  })
  .meta({ id: 'CreateCenterInput' });
export type CreateCenterInput = z.infer<typeof CreateCenterInputSchema>;

export const UpdateCenterInputSchema = z
  .object({
    nameEn: text(200).optional(),
    nameUr: text(200).nullable().optional(),
    address: text(500).optional(),
    cityId: int4Id().optional(),
    latitude: latitude.optional(),
    longitude: longitude.optional(),
    phone: z
      .string()
      .trim()
      .transform((v) => v.replace(/[\s-]/g, '').replace(/^0/, '+92'))
      .pipe(z.string().regex(/^\+92[0-9]{9,10}$/, 'must be a Pakistani phone number, e.g. 042 3576 1234'))
      .nullable()
      .optional()
      .describe('The centre’s public phone (0… or +92…); null removes it'),
  })
  .meta({ id: 'UpdateCenterInput' });
export type UpdateCenterInput = z.infer<typeof UpdateCenterInputSchema>;

export const ChangeStatusInputSchema = z
  .object({ status: CenterStatusSchema, reason: text(1000) })
  .meta({ id: 'ChangeCenterStatusInput' });
export type ChangeStatusInput = z.infer<typeof ChangeStatusInputSchema>;

export const CenterListQuerySchema = z.object({
  cityId: int4IdParam().optional(),
  province: z.string().max(8).optional(),
  status: CenterStatusSchema.optional().describe(
    'Staff and owners only; the public sees operational centres',
  ),
  mine: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe("Only the calling owner's centres"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type CenterListQuery = z.infer<typeof CenterListQuerySchema>;

export const InspectionInputSchema = z
  .object({
    internetMbpsMeasured: z.number().int().min(0).max(100_000),
    backupPowerTested: z.boolean(),
    backupPowerMinutes: z.number().int().min(0).max(14_400).optional(),
    seatsCounted: z.number().int().min(0).max(10_000),
    passed: z.boolean().describe('A passed inspection moves an under-set-up centre to inspected'),
    notes: z.string().trim().max(4000).optional(),
  })
  .meta({ id: 'RecordInspectionInput' });
export type InspectionInput = z.infer<typeof InspectionInputSchema>;

export const InspectionPhotoSchema = z
  .object({
    id: z.string().uuid(),
    fileName: z.string(),
    contentType: z.enum(['image/jpeg', 'image/png']),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    uploadedAt: z.string(),
    publicAt: z
      .string()
      .nullable()
      .describe("When staff made it public on the centre's page (decision 0072); null when not public"),
    altEn: z.string().nullable().describe('Its description in English, when public'),
    altUr: z.string().nullable().describe('Its description in Urdu, when public'),
    ownerConsent: z
      .boolean()
      .describe("The centre's owner consents to its publication (decision 0078); staff publish only then"),
    ownerConsentAt: z.string().nullable().describe('When the owner last gave or withdrew consent'),
  })
  .meta({ id: 'InspectionPhoto' });
export type InspectionPhoto = z.infer<typeof InspectionPhotoSchema>;

const altText = z.string().trim().min(3).max(200);
export const PublishPhotoInputSchema = z
  .object({
    altEn: altText.describe('What the photo shows, for people who cannot see it (English)'),
    altUr: altText.describe('The same in Urdu'),
    noPeopleShown: z.literal(true).describe('Staff checked that no person can be recognised in it'),
  })
  .meta({ id: 'PublishPhotoInput' });
export type PublishPhotoInput = z.infer<typeof PublishPhotoInputSchema>;

export const PhotoConsentInputSchema = z
  .object({
    given: z
      .boolean()
      .describe(
        'true: the owner agrees to its publication; false: withdrawn, and it leaves the public page at once',
      ),
  })
  .meta({ id: 'PhotoConsentInput' });
export type PhotoConsentInput = z.infer<typeof PhotoConsentInputSchema>;

export const PhotoRenditionSchema = z
  .object({
    width: z.number().int().describe('Fetch it at /centers/{id}/photos/{photoId}/{width}'),
    height: z.number().int(),
    contentType: z.literal('image/webp'),
    sizeBytes: z.number().int(),
  })
  .meta({ id: 'PhotoRendition' });

/**
 * A photo on the public centre page: what it shows and its smaller copies (no metadata), nothing
 * about who took it or when; the original is never public.
 */
export const PublicCentrePhotoSchema = z
  .object({
    id: z.string().uuid(),
    altEn: z.string(),
    altUr: z.string(),
    renditions: z.array(PhotoRenditionSchema).describe('Narrowest first'),
  })
  .meta({ id: 'PublicCentrePhoto' });
export type PublicCentrePhoto = z.infer<typeof PublicCentrePhotoSchema>;

export const InspectionSchema = InspectionInputSchema.extend({
  id: z.string().uuid(),
  photos: z.array(InspectionPhotoSchema).describe('Download each at …/inspections/{id}/photos/{photoId}'),
  centerId: z.string().uuid(),
  inspectorId: z.string().uuid(),
  backupPowerMinutes: z.number().int().nullable(),
  notes: z.string().nullable(),
  inspectedAt: z.string(),
}).meta({ id: 'Inspection' });
export type Inspection = z.infer<typeof InspectionSchema>;

export const CreateSpaceInputSchema = z
  .object({
    kind: SpaceKindSchema,
    name: text(100),
    nameUr: text(100).optional().describe('The name in Urdu (optional)'),
    capacity: z.number().int().min(1).max(1000),
    seats: z
      .object({
        count: z.number().int().min(0).max(500),
        labelPrefix: z.string().trim().max(20).default(''),
        kind: SeatKindSchema.optional().describe('Defaults to the kind that fits the space'),
      })
      .optional()
      .describe('Create this many seats labelled prefix1, prefix2, …'),
  })
  .meta({ id: 'CreateSpaceInput' });
export type CreateSpaceInput = z.infer<typeof CreateSpaceInputSchema>;

export const OpeningHoursInputSchema = z
  .object({ days: z.array(OpeningHoursSchema).max(7).describe('Weekdays not listed are closed') })
  .meta({ id: 'SetOpeningHoursInput' });

export const ClosureInputSchema = z
  .object({
    startsOn: IsoDateSchema,
    endsOn: IsoDateSchema,
    reason: text(500),
    reasonUr: text(500).optional().describe('The reason in Urdu (optional)'),
  })
  .meta({ id: 'ClosureInput' });
export type ClosureInput = z.infer<typeof ClosureInputSchema>;

export const CancellationPreviewSchema = z
  .object({
    bookings: z.number().int().describe('Confirmed bookings it would cancel'),
    waitlist: z.number().int().describe('Waitlist places it would cancel'),
  })
  .meta({ id: 'CancellationPreview' });

export const StatusPreviewQuerySchema = z.object({ status: CenterStatusSchema });

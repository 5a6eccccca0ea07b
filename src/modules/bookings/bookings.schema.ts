import { z } from 'zod';
import { IsoDateSchema, SeatKindSchema } from '../centers/index.ts';
import { MAX_OCCURRENCES } from './booking-window.ts';

export const BookingPlanSchema = z
  .enum(['hourly', 'day_pass', 'monthly', 'meeting_room'])
  .meta({ id: 'BookingPlan' });
export const BookingStatusSchema = z
  .enum(['confirmed', 'cancelled', 'checked_in', 'no_show', 'released'])
  .meta({ id: 'BookingStatus' });

export const CancelReasonSchema = z
  .enum(['booker', 'centre_closed', 'centre_suspended'])
  .meta({ id: 'CancelReason' });

const slotTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):(00|15|30|45)$/, 'must be a time HH:MM on a quarter hour')
  .describe('Asia/Karachi local time, HH:MM, on a quarter hour');

const PkrSchema = z.object({ amountMinor: z.number().int(), currency: z.literal('PKR') });

export const BookingSchema = z
  .object({
    id: z.string().uuid(),
    centerId: z.string().uuid(),
    centerName: z.string(),
    centerNameUr: z.string().nullable().describe('The centre’s name in Urdu, when it has one'),
    cityName: z.string(),
    cityNameUr: z.string().nullable(),
    seatId: z.string().uuid(),
    seatLabel: z.string(),
    seatKind: SeatKindSchema,
    bookerId: z.string().uuid(),
    plan: BookingPlanSchema,
    start: z.string().describe('Instant, ISO 8601 UTC'),
    end: z.string().describe('Instant, ISO 8601 UTC (exclusive)'),
    status: BookingStatusSchema,
    price: PkrSchema.describe('What is owed for this booking, in paisa'),
    paid: z.boolean(),
    seriesId: z.string().uuid().nullable().describe('Shared by the occurrences of one recurring request'),
    createdAt: z.string(),
    cancelledAt: z.string().nullable(),
    lateCancellation: z.boolean(),
    cancelReason: CancelReasonSchema.nullable().describe(
      'Who or what cancelled it: its booker, or the centre closing (a closure or for good) or being suspended',
    ),
    cancelNote: z
      .string()
      .nullable()
      .describe('The closure’s or the status change’s reason, when the centre cancelled'),
    cancelNoteUr: z
      .string()
      .nullable()
      .describe('The same in Urdu, where the closure gave its reason in Urdu'),
    checkedInAt: z.string().nullable(),
    refundDue: z
      .boolean()
      .describe(
        'Paid, then cancelled by the centre or the programme, and not yet marked refunded: the centre owes the price back',
      ),
    refundedAt: z
      .string()
      .nullable()
      .describe('Instant, ISO 8601 UTC, when the centre’s owner marked the price returned'),
  })
  .meta({ id: 'Booking' });
export type Booking = z.infer<typeof BookingSchema>;

export const BookerSchema = z
  .object({
    name: z.string(),
    mobile: z
      .string()
      .nullable()
      .describe(
        'Masked, `+92 300 ***4567` (the full number: POST …/bookings/{bookingId}/booker-mobile); null when the account has none (staff-made accounts)',
      ),
  })
  .meta({ id: 'Booker' });

/**
 * A booking as its centre's front desk sees it: who booked it, so the owner can greet them or
 * reach them to pay a refund back. Only the centre-scoped lists (its owner, programme staff) answer
 * with it; the booker's own list, single bookings and public pages answer with `Booking`.
 */
export const CentreBookingSchema = BookingSchema.extend({
  booker: BookerSchema.describe('Who booked it: their name and masked mobile'),
}).meta({ id: 'CentreBooking' });
export type CentreBooking = z.infer<typeof CentreBookingSchema>;

export const CreateBookingInputSchema = z
  .object({
    centerId: z.string().uuid(),
    plan: BookingPlanSchema,
    seatId: z.string().uuid().optional().describe('A specific seat; omit to have a free one assigned'),
    seatKind: SeatKindSchema.optional().describe(
      'The kind of seat to assign when seatId is omitted; defaults to the plan’s usual kind',
    ),
    date: IsoDateSchema.describe('The (first) day, Asia/Karachi'),
    from: slotTime.optional().describe('Start time, for hourly and meeting-room plans'),
    to: slotTime.optional().describe('End time, for hourly and meeting-room plans'),
    recurrence: z
      .object({
        weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).describe('1 = Monday … 7 = Sunday'),
        count: z.number().int().min(1).max(MAX_OCCURRENCES).optional(),
        until: IsoDateSchema.optional(),
      })
      .refine((r) => (r.count === undefined) !== (r.until === undefined), 'give either count or until')
      .optional()
      .describe(`Repeat on these weekdays, at most ${MAX_OCCURRENCES} occurrences`),
    mode: z
      .enum(['all_or_nothing', 'free_ones'])
      .default('all_or_nothing')
      .describe('For recurring requests: book every occurrence or none, or book the free ones'),
  })
  .meta({ id: 'CreateBookingInput' });
export type CreateBookingInput = z.infer<typeof CreateBookingInputSchema>;

export const SkippedOccurrenceSchema = z
  .object({ date: z.string(), reason: z.string() })
  .meta({ id: 'SkippedOccurrence' });

export const CreatedBookingsSchema = z
  .object({
    bookings: z.array(BookingSchema),
    skipped: z.array(SkippedOccurrenceSchema).describe('Occurrences not booked (free_ones mode)'),
    total: PkrSchema,
  })
  .meta({ id: 'CreatedBookings' });
export type CreatedBookings = z.infer<typeof CreatedBookingsSchema>;

export const FreeSeatSchema = z
  .object({ seatId: z.string().uuid(), label: z.string(), kind: SeatKindSchema })
  .meta({ id: 'FreeSeat' });
export type FreeSeat = z.infer<typeof FreeSeatSchema>;

export const MyBookingsQuerySchema = z.object({
  scope: z.enum(['upcoming', 'past', 'all']).default('upcoming'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const CenterBookingsQuerySchema = z.object({
  date: IsoDateSchema.optional().describe('A Karachi day; default today'),
});

export const CheckInTokenSchema = z
  .object({
    token: z.string().describe('Show as a QR code; it rotates'),
    stepSeconds: z.number().int(),
    expiresAt: z.string(),
  })
  .meta({ id: 'CheckInToken' });

export const CheckInInputSchema = z
  .object({ token: z.string().trim().min(1, 'is required').max(200) })
  .meta({ id: 'CheckInInput' });

export const FreeSeatsQuerySchema = z.object({
  plan: BookingPlanSchema,
  date: IsoDateSchema,
  from: slotTime.optional(),
  to: slotTime.optional(),
  kind: SeatKindSchema.optional(),
});

import { z } from 'zod';
import { IsoDateSchema, SeatKindSchema } from '../centers/index.ts';

const slotTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):(00|15|30|45)$/, 'must be a time HH:MM on a quarter hour')
  .describe('Asia/Karachi local time, HH:MM');

export const JoinWaitlistInputSchema = z
  .object({
    centerId: z.string().uuid(),
    plan: z.enum(['hourly', 'day_pass', 'meeting_room']),
    seatKind: SeatKindSchema.optional(),
    date: IsoDateSchema,
    from: slotTime.optional(),
    to: slotTime.optional(),
  })
  .meta({ id: 'JoinWaitlistInput' });
export type JoinWaitlistInput = z.infer<typeof JoinWaitlistInputSchema>;

export const WaitlistEntrySchema = z
  .object({
    id: z.string().uuid(),
    centerId: z.string().uuid(),
    centerName: z.string(),
    centerNameUr: z.string().nullable(),
    plan: z.enum(['hourly', 'day_pass', 'meeting_room']),
    seatKind: SeatKindSchema,
    start: z.string(),
    end: z.string(),
    status: z.enum(['waiting', 'offered', 'accepted', 'expired', 'left', 'cancelled']),
    cancelReason: z
      .enum(['centre_closed', 'centre_suspended'])
      .nullable()
      .describe('Why the centre cancelled this place in the queue'),
    position: z.number().int().nullable().describe('Place in the queue while waiting (1 = next)'),
    offeredSeatId: z.string().uuid().nullable(),
    offeredSeatLabel: z.string().nullable(),
    offerExpiresAt: z
      .string()
      .nullable()
      .describe('Accept before this, or the seat goes to the next in line'),
    bookingId: z.string().uuid().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'WaitlistEntry' });
export type WaitlistEntry = z.infer<typeof WaitlistEntrySchema>;

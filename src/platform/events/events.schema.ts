import { z } from 'zod';
import { HANDLER_ID_PATTERN } from './define-event.ts';

// Querystring and path schemas stay unnamed: @fastify/swagger cannot resolve a $ref in parameters.
const statuses = ['pending', 'done', 'dead'] as const;
const statusHelp = 'pending: waiting for its (next) attempt; done: handled; dead: gave up, retry by hand';
export const EventDeliveryStatusSchema = z
  .enum(statuses)
  .describe(statusHelp)
  .meta({ id: 'EventDeliveryStatus' });
export type EventDeliveryStatus = z.infer<typeof EventDeliveryStatusSchema>;

export const EventDeliverySchema = z
  .object({
    eventId: z.string(),
    eventName: z.string().describe('e.g. booking.cancelled_by_centre'),
    eventVersion: z.number().int(),
    occurredAt: z.string(),
    requestId: z.string().nullable().describe('The request that recorded the event, to find it in the logs'),
    handlerId: z.string().describe('The subscriber, e.g. notifications.booking-cancelled'),
    status: EventDeliveryStatusSchema,
    attempts: z.number().int().describe('Attempts made so far'),
    nextAttemptAt: z.string().nullable().describe('When a pending delivery is tried next'),
    lastError: z.string().nullable().describe('The last failure, in English, as the handler raised it'),
    deliveredAt: z.string().nullable(),
  })
  .meta({ id: 'EventDelivery' });
export type EventDelivery = z.infer<typeof EventDeliverySchema>;

const CURSOR = /^[A-Za-z0-9_-]{1,400}$/;

export const EventDeliveryQuerySchema = z.object({
  status: z.enum(statuses).describe(statusHelp).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z
    .string()
    .regex(CURSOR, 'must be a nextBefore value from an earlier page')
    .optional()
    .describe('Page backwards: the nextBefore of the previous page'),
});
export type EventDeliveryQuery = z.infer<typeof EventDeliveryQuerySchema>;

export const EventDeliveryPageSchema = z
  .object({
    items: z.array(EventDeliverySchema),
    nextBefore: z.string().nullable().describe('Pass as `before` for the next (older) page; null at the end'),
  })
  .meta({ id: 'EventDeliveryPage' });
export type EventDeliveryPage = z.infer<typeof EventDeliveryPageSchema>;

export const EventDeliveryKeySchema = z.object({
  eventId: z.string().uuid('must be a UUID'),
  handlerId: z.string().max(100).regex(HANDLER_ID_PATTERN, 'must be a handler id such as area.what-it-does'),
});
export type EventDeliveryKey = z.infer<typeof EventDeliveryKeySchema>;

export const RetriedDeliveriesSchema = z
  .object({ retried: z.number().int().describe('Dead deliveries set pending again') })
  .meta({ id: 'RetriedDeliveries' });

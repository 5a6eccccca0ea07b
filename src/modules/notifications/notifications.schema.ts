import { z } from 'zod';

export const ChannelSchema = z.enum(['inbox', 'email', 'sms']).meta({ id: 'NoticeChannel' });

export const InboxItemSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    subject: z.string(),
    text: z.string(),
    link: z.string().nullable().describe('A page of the web app it is about'),
    createdAt: z.string().describe('ISO instant'),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'InboxItem' });

export const InboxPageSchema = z
  .object({
    items: z.array(InboxItemSchema),
    unread: z.number().int(),
    nextBefore: z.string().nullable().describe('Pass as `before` for older notices'),
  })
  .meta({ id: 'InboxPage' });

export const InboxQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(30),
  before: z.iso.datetime({ message: 'must be an ISO instant' }).optional(),
});

export const UnreadCountSchema = z.object({ unread: z.number().int() }).meta({ id: 'UnreadCount' });

export const NoticeIdParamSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{40}$/, 'must be a notice id'),
});

export const PreferenceSchema = z
  .object({
    kind: z.string(),
    category: z.enum(['money', 'security', 'progress', 'reminder', 'digest']),
    locked: z.boolean().describe('Money and security notices cannot be turned off'),
    channels: z.array(z.object({ channel: ChannelSchema, enabled: z.boolean() })),
  })
  .meta({ id: 'NoticePreference' });

export const PreferencesSchema = z
  .object({
    kinds: z.array(PreferenceSchema),
    nearby: z
      .object({
        km: z.number().int(),
        latitude: z.number(),
        longitude: z.number(),
      })
      .nullable()
      .describe('Freelancers: tell me of a centre opening within km of this point'),
  })
  .meta({ id: 'NoticePreferences' });

export const PreferencesInputSchema = z
  .object({
    changes: z
      .array(z.object({ kind: z.string().min(1).max(60), channel: ChannelSchema, enabled: z.boolean() }))
      .max(100)
      .optional(),
    nearby: z
      .object({
        km: z.number().int().min(1).max(200),
        latitude: z.number().min(23).max(37.5),
        longitude: z.number().min(60.5).max(78),
      })
      .nullable()
      .optional()
      .describe('Within Pakistan; null stops these notices'),
  })
  .meta({ id: 'NoticePreferenceChanges' });

export const NoticeLogItemSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    channel: ChannelSchema,
    recipient: z.string().describe('Masked: the last digits of a mobile, the domain of an email'),
    locale: z.enum(['en', 'ur']),
    status: z.enum(['pending', 'sending', 'sent', 'delivered', 'dead', 'withdrawn']),
    attempts: z.number().int(),
    mandatory: z.boolean(),
    smsSegments: z.number().int().nullable(),
    transport: z.string().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    nextAttemptAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .meta({ id: 'NoticeLogItem' });

export const NoticeLogQuerySchema = z.object({
  status: z.enum(['pending', 'sending', 'sent', 'delivered', 'dead', 'withdrawn']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.iso.datetime({ message: 'must be an ISO instant' }).optional(),
});

export const NoticeLogPageSchema = z
  .object({ items: z.array(NoticeLogItemSchema), nextBefore: z.string().nullable() })
  .meta({ id: 'NoticeLogPage' });

export const OutboxMessageSchema = z
  .object({
    messageId: z.string(),
    channel: z.enum(['email', 'sms']),
    recipient: z.string(),
    subject: z.string().nullable(),
    text: z.string(),
    html: z.string().nullable(),
    headers: z.record(z.string(), z.string()),
    receivedAt: z.string(),
  })
  .meta({ id: 'OutboxMessage' });

export const OutboxPageSchema = z
  .object({ items: z.array(OutboxMessageSchema), nextBefore: z.string().nullable() })
  .meta({ id: 'OutboxPage' });

export const RetriedNoticesSchema = z.object({ retried: z.number().int() }).meta({ id: 'RetriedNotices' });

export const UnsubscribeQuerySchema = z.object({
  u: z.guid('must be a UUID'),
  k: z.string().min(1).max(60),
  c: z.enum(['email', 'sms']),
  t: z.string().min(10).max(60),
});

export const UnsubscribedSchema = z
  .object({ kind: z.string(), channel: ChannelSchema, enabled: z.literal(false) })
  .meta({ id: 'Unsubscribed' });

export const DeliveryReportSchema = z
  .object({
    ref: z.string().min(1).max(100).describe('The client reference Markaz sent (the notice id)'),
    status: z.string().min(1).max(40).describe('delivered, failed, rejected, expired, undelivered…'),
    error: z.string().max(300).optional(),
  })
  .meta({ id: 'SmsDeliveryReport' });

import { z } from 'zod';

export const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    occurredAt: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string().nullable().describe('Who acted, for people reading the log'),
    actorKind: z.enum(['user', 'api_key', 'system', 'anonymous']),
    action: z.string(),
    entity: z.string(),
    entityId: z.string(),
    beforeDigest: z.string().nullable(),
    afterDigest: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    requestId: z.string().nullable(),
    chainSeq: z.number().int().nullable(),
    prevHash: z.string().nullable(),
    entryHash: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditQuerySchema = z.object({
  entity: z.string().max(64).optional(),
  entityId: z.string().max(100).optional(),
  actorId: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  beforeId: z.coerce
    .number()
    .int()
    .min(1)
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .describe('Page backwards: entries with a smaller id'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const AuditPageSchema = z
  .object({ items: z.array(AuditEntrySchema), nextBeforeId: z.number().int().nullable() })
  .meta({ id: 'AuditPage' });

export const VerifyResultSchema = z
  .object({
    ok: z.boolean(),
    checkedEntries: z.number().int(),
    unchainedEntries: z
      .number()
      .int()
      .describe('Entries written but not yet chained (the chainer runs every few seconds)'),
    checkpointsChecked: z.number().int(),
    lastSeq: z.number().int().nullable(),
    lastHash: z.string().nullable(),
    broken: z
      .object({
        id: z.number().int().nullable(),
        chainSeq: z.number().int(),
        reason: z.string(),
      })
      .nullable()
      .describe('The first broken link, when any'),
  })
  .meta({ id: 'AuditVerifyResult' });
export type VerifyResult = z.infer<typeof VerifyResultSchema>;

export const CheckpointSchema = z
  .object({
    chainSeq: z.number().int(),
    entryHash: z.string(),
    createdAt: z.string(),
    keyId: z.string(),
    signature: z.string(),
  })
  .meta({ id: 'AuditCheckpoint' });
export type Checkpoint = z.infer<typeof CheckpointSchema>;

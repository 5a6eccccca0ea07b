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
    entryHash: z
      .string()
      .nullable()
      .describe(
        'SHA-256(prevHash + "\\n" + canonical entry), hex; the canonical entry (RFC 8785 JSON of id, seq, occurredAt, actor, action, entity, digests, details, requestId) is defined in docs/canonical-json.md',
      ),
  })
  .meta({
    id: 'AuditEntry',
    description:
      'An audit log entry. Its leaf in the RFC 9162 tree is SHA-256(0x00 || canonical entry), the canonical form being exactly as docs/canonical-json.md describes.',
  });
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
    headsChecked: z.number().int().describe('Signed tree heads recomputed and their signatures checked'),
    ledgerTransactionsChecked: z
      .number()
      .int()
      .describe('Ledger transactions whose rows were hashed again and matched their seal in the log'),
    provenEntries: z
      .number()
      .int()
      .describe('Entries covered by the latest signed tree head checked (0: the log is unproven)'),
    moneyRowsChecked: z
      .number()
      .int()
      .describe(
        'Money rows (repayments, disbursements, stipends, tranches…) hashed again and matched their seal',
      ),
    lastSeq: z.number().int().nullable(),
    lastHash: z.string().nullable(),
    broken: z
      .object({
        id: z.number().int().nullable(),
        chainSeq: z.number().int(),
        reason: z.string(),
        ledgerTransactionId: z
          .string()
          .optional()
          .describe('When money is what no longer matches: the ledger transaction'),
        moneyRow: z
          .object({ table: z.string(), key: z.string() })
          .optional()
          .describe('When a money row no longer matches its seal: its table and key'),
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

const hex = (n: number) => z.string().regex(new RegExp(`^[0-9a-f]{${n}}$`), `${n} hex digits`);

export const SignedHeadSchema = z
  .object({
    treeSize: z.number().int(),
    rootHash: z.string().describe('RFC 9162 Merkle tree root, hex'),
    chainHash: z.string().describe('The hash chain at entry treeSize, hex'),
    timestamp: z.string(),
    keyId: z.string(),
    signature: z
      .string()
      .describe(
        'Ed25519 (base64) over "markaz-tree-head/v1\\n{treeSize}\\n{rootHash}\\n{chainHash}\\n{timestamp}\\n"',
      ),
  })
  .meta({
    id: 'AuditTreeHead',
    description: 'A signed tree head; the signed text and the tree are defined in docs/canonical-json.md',
  });

export const CosignatureSchema = z
  .object({
    witnessKeyId: z.string(),
    witnessName: z.string(),
    treeSize: z.number().int(),
    rootHash: z.string(),
    signature: z.string(),
    receivedAt: z.string(),
  })
  .meta({ id: 'AuditCosignature' });

export const HeadWithWitnessesSchema = z
  .object({ head: SignedHeadSchema.nullable(), cosignatures: z.array(CosignatureSchema) })
  .meta({ id: 'AuditCurrentHead' });

export const InclusionQuerySchema = z
  .object({
    seq: z.coerce
      .number()
      .int()
      .min(1)
      .max(Number.MAX_SAFE_INTEGER)
      .optional()
      .describe("The entry's sequence number"),
    leafHash: hex(64).optional().describe("Or the entry's leaf hash: SHA-256(0x00 || canonical entry)"),
    treeSize: z.coerce
      .number()
      .int()
      .min(1)
      .max(Number.MAX_SAFE_INTEGER)
      .optional()
      .describe("A signed head's size; the latest head when left out"),
  })
  .refine((q) => (q.seq === undefined) !== (q.leafHash === undefined), {
    message: 'give either seq or leafHash',
    path: ['seq'],
  });

export const InclusionProofSchema = z
  .object({
    leafIndex: z.number().int().describe('seq - 1'),
    treeSize: z.number().int(),
    leafHash: z.string(),
    auditPath: z.array(z.string()).describe('RFC 9162 inclusion proof, hex, leaf to root'),
    head: SignedHeadSchema,
    entry: z
      .object({
        seq: z.number().int(),
        occurredAt: z.string(),
        action: z.string(),
        entity: z.string(),
        afterDigest: z.string().nullable(),
      })
      .describe(
        'What the entry says, as the server states it (the leaf hash covers the whole entry; an auditor recomputes it)',
      ),
  })
  .meta({
    id: 'AuditInclusionProof',
    description:
      'RFC 9162 inclusion proof; leaf hash = SHA-256(0x00 || canonical entry), see docs/canonical-json.md',
  });

export const ConsistencyQuerySchema = z.object({
  from: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  to: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});

export const ConsistencyProofSchema = z
  .object({
    from: z.number().int(),
    to: z.number().int(),
    proof: z.array(z.string()).describe('RFC 9162 consistency proof, hex'),
  })
  .meta({ id: 'AuditConsistencyProof' });

export const WitnessSchema = z
  .object({
    keyId: z.string(),
    name: z.string(),
    publicKeyPem: z.string(),
    url: z.string().nullable(),
    addedAt: z.string(),
  })
  .meta({ id: 'AuditWitness' });

export const AddWitnessSchema = z
  .object({
    name: z.string().trim().min(2).max(120),
    publicKeyPem: z.string().min(40).max(1000),
    url: z.string().url().max(500).optional(),
  })
  .meta({ id: 'AddAuditWitness' });

export const CosignInputSchema = z
  .object({
    witnessKeyId: z.string().min(1).max(64),
    treeSize: z.number().int().min(1),
    rootHash: hex(64),
    signature: z.string().min(1).max(200),
  })
  .meta({ id: 'AuditCosignInput' });

export const PublicKeySchema = z
  .object({
    name: z.string(),
    keyId: z.string(),
    publicKeyPem: z.string(),
    createdAt: z.string(),
    retiredAt: z.string().nullable(),
    handover: z.object({ previousKeyId: z.string(), signature: z.string() }).nullable(),
  })
  .meta({ id: 'PublishedKey' });

export const ReceiptQuerySchema = z.object({
  entity: z.enum([
    'application',
    'loan',
    'booking',
    'training_enrolment',
    'certificate',
    'remittance_consent',
  ]),
  entityId: z.uuid(),
});

export const ReceiptSchema = z
  .object({
    seq: z.number().int(),
    leafHash: z.string(),
    action: z.string(),
    occurredAt: z.string(),
    underSignedHead: z.boolean().describe('A proof can be checked now (else after the next tree head)'),
    entry: z
      .record(z.string(), z.unknown())
      .describe(
        'The whole entry as its leaf covers it: SHA-256 of 0x00 and its canonical JSON (docs/canonical-json.md) is leafHash',
      ),
  })
  .meta({
    id: 'AuditReceipt',
    description: 'Keep it: check it at /log?seq=… or with scripts/verify-log.mjs --leaf',
  });

import type { Selectable } from 'kysely';
import { canonicalJson, sha256Hex } from '../../shared/canonical-json.ts';
import type { AuditLogTable } from './audit.table.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields a chain hash covers; everything an auditor relies on. */
export function canonicalEntry(row: Selectable<AuditLogTable>, chainSeq: number): string {
  return canonicalJson(entryFields(row, chainSeq));
}

/** The entry as its leaf and chain hash cover it (before canonical JSON): what a receipt carries. */
export function entryFields(row: Selectable<AuditLogTable>, chainSeq: number): Record<string, unknown> {
  return {
    id: row.id,
    seq: chainSeq,
    occurredAt: row.occurred_at.toISOString(),
    actorId: row.actor_id,
    actorKind: row.actor_kind,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    beforeDigest: row.before_digest,
    afterDigest: row.after_digest,
    details: row.details,
    requestId: row.request_id,
  };
}

/** hash(n) = sha256(hash(n-1) + "\n" + canonical entry n) */
export function chainHash(prevHash: string, row: Selectable<AuditLogTable>, chainSeq: number): string {
  return sha256Hex(`${prevHash}\n${canonicalEntry(row, chainSeq)}`);
}

/** What a checkpoint signs: the position and hash of the chain's head. */
export function checkpointMessage(chainSeq: number, entryHash: string): string {
  return `markaz-audit-checkpoint\n${chainSeq}\n${entryHash}`;
}

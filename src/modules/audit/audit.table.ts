import type { Generated } from 'kysely';

export type ActorKind = 'user' | 'api_key' | 'system' | 'anonymous';

export interface AuditLogTable {
  id: Generated<number>;
  occurred_at: Date;
  actor_id: string | null;
  actor_kind: ActorKind;
  action: string;
  entity: string;
  entity_id: string;
  before_digest: string | null;
  after_digest: string | null;
  details: Record<string, unknown>;
  request_id: string | null;
  chain_seq: number | null;
  prev_hash: string | null;
  entry_hash: string | null;
}

export interface AuditCheckpointsTable {
  chain_seq: number;
  entry_hash: string;
  created_at: Date;
  key_id: string;
  signature: string;
}

export interface AuditTables {
  audit_log: AuditLogTable;
  audit_checkpoints: AuditCheckpointsTable;
}

declare module '../../db/database.ts' {
  interface Database extends AuditTables {}
}

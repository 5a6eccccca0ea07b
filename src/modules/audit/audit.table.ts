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

export interface AuditTreeNodesTable {
  level: number;
  idx: number | string;
  hash: Uint8Array;
}

export interface AuditTreeHeadsTable {
  tree_size: number | string;
  root_hash: string;
  chain_hash: string;
  created_at: Date;
  key_id: string;
  signature: string;
}

export interface AuditWitnessesTable {
  key_id: string;
  name: string;
  public_key_pem: string;
  url: string | null;
  added_at: Date;
  added_by: string | null;
}

export interface AuditWitnessCosignaturesTable {
  witness_key_id: string;
  tree_size: number | string;
  root_hash: string;
  signature: string;
  received_at: Date;
}

export interface AuditTreeTables {
  audit_tree_nodes: AuditTreeNodesTable;
  audit_tree_heads: AuditTreeHeadsTable;
  audit_witnesses: AuditWitnessesTable;
  audit_witness_cosignatures: AuditWitnessCosignaturesTable;
}

declare module '../../db/database.ts' {
  interface Database extends AuditTreeTables {}
}

// The audit area's public face.
export { recordChange, type ChangeEntry } from './record-change.ts';
export { chainPending, chainAll, writeCheckpoint, verifyChain, listCheckpoints } from './audit.service.ts';
export { auditRoutes } from './audit.routes.ts';
export { publicSigningKey, ensureSigningKey } from './signing-key.ts';
export type { AuditTables } from './audit.table.ts';
export type { VerifyResult, Checkpoint } from './audit.schema.ts';

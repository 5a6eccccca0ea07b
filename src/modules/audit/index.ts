// The audit area's public face.

export { auditRoutes } from './audit.routes.ts';
export type { Checkpoint, VerifyResult } from './audit.schema.ts';
export { chainAll, chainPending, listCheckpoints, verifyChain, writeCheckpoint } from './audit.service.ts';
export type { AuditTables } from './audit.table.ts';
export { ensureSigningKey, publicSigningKey } from './signing-key.ts';

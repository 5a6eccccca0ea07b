import { type Selectable, sql } from 'kysely';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { actorNames } from '../identity/index.ts';
import { chainHash, GENESIS_HASH } from './audit.chain.ts';
import { writeTreeHead } from './audit.heads.ts';
import type { AuditEntry, Checkpoint, VerifyResult } from './audit.schema.ts';
import type { AuditLogTable } from './audit.table.ts';
import { growTree } from './audit.tree.ts';
import { verifyChain } from './audit.verify.ts';

export const CHAIN_LOCK = 7_311_001; // advisory lock id: one chainer at a time across all processes

/**
 * Chains entries that writers appended, in the order the chainer first sees them committed, and
 * adds them to the Merkle tree (audit.tree.ts) in the same transaction. Writers never wait for
 * this; a late-committing transaction's entries simply get a later seq. Only the background job
 * (and the demo) chain: verification never writes.
 */
export async function chainPending(
  deps: Deps,
  batchSize = 2000,
): Promise<{ chained: number; headSeq: number | null }> {
  return deps.db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
    const head = await trx
      .selectFrom('audit_log')
      .select(['chain_seq', 'entry_hash'])
      .where('chain_seq', 'is not', null)
      .orderBy('chain_seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    let seq = head?.chain_seq ?? 0;
    let prev = head?.entry_hash ?? GENESIS_HASH;
    const rows = await trx
      .selectFrom('audit_log')
      .selectAll()
      .where('chain_seq', 'is', null)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) {
      // A log chained before the tree existed (or a crash between the two) catches up here.
      await growTree(trx, batchSize);
      return { chained: 0, headSeq: head?.chain_seq ?? null };
    }
    const ids: number[] = [];
    const seqs: number[] = [];
    const prevs: string[] = [];
    const hashes: string[] = [];
    for (const row of rows) {
      seq += 1;
      const hash = chainHash(prev, row, seq);
      ids.push(row.id);
      seqs.push(seq);
      prevs.push(prev);
      hashes.push(hash);
      prev = hash;
    }
    await sql`
      UPDATE audit_log AS a SET chain_seq = v.seq, prev_hash = v.prev, entry_hash = v.hash
      FROM (SELECT unnest(${ids}::bigint[]) AS id, unnest(${seqs}::bigint[]) AS seq,
                   unnest(${prevs}::text[]) AS prev, unnest(${hashes}::text[]) AS hash) AS v
      WHERE a.id = v.id`.execute(trx);
    for (let size = -1, grown = 0; grown !== size && grown < seq; ) {
      size = grown;
      grown = await growTree(trx, batchSize);
    }
    return { chained: rows.length, headSeq: seq };
  });
}

/** Chains everything pending, however much there is. */
export async function chainAll(deps: Deps): Promise<number> {
  let total = 0;
  for (;;) {
    const { chained } = await chainPending(deps);
    total += chained;
    if (chained === 0) return total;
  }
}

/** Chains what is pending and signs a new tree head (the five-minute job, the demo, snapshots, the national seed). */
export async function chainAndSign(deps: Deps) {
  await chainAll(deps);
  return writeTreeHead(deps);
}

function toEntry(row: Selectable<AuditLogTable>, names: Map<string, string>): AuditEntry {
  return {
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actorId: row.actor_id,
    actorName: row.actor_id
      ? (names.get(row.actor_id) ?? null)
      : row.actor_kind === 'system'
        ? String(row.details.system ?? 'system')
        : null,
    actorKind: row.actor_kind,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    beforeDigest: row.before_digest,
    afterDigest: row.after_digest,
    details: row.details,
    requestId: row.request_id,
    chainSeq: row.chain_seq,
    prevHash: row.prev_hash,
    entryHash: row.entry_hash,
  };
}

export async function listAuditEntries(
  deps: Deps,
  actor: Actor,
  q: {
    entity?: string | undefined;
    entityId?: string | undefined;
    actorId?: string | undefined;
    action?: string | undefined;
    beforeId?: number | undefined;
    limit: number;
  },
): Promise<{ items: AuditEntry[]; nextBeforeId: number | null }> {
  requireRole(actor, 'auditor', 'program_admin');
  let query = deps.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(q.limit);
  if (q.entity) query = query.where('entity', '=', q.entity);
  if (q.entityId) query = query.where('entity_id', '=', q.entityId);
  if (q.actorId) query = query.where(sql<string>`actor_id::text`, '=', q.actorId);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.beforeId) query = query.where('id', '<', q.beforeId);
  const rows = await query.execute();
  const names = await actorNames(
    deps.db,
    rows.flatMap((r) => (r.actor_id ? [r.actor_id] : [])),
  );
  return {
    items: rows.map((r) => toEntry(r, names)),
    nextBeforeId: rows.length === q.limit ? rows[rows.length - 1]!.id : null,
  };
}

export async function verifyAudit(deps: Deps, actor: Actor): Promise<VerifyResult> {
  requireRole(actor, 'auditor', 'program_admin');
  return verifyChain(deps);
}

export async function listCheckpoints(deps: Deps, limit = 100): Promise<Checkpoint[]> {
  const rows = await deps.db
    .selectFrom('audit_checkpoints')
    .selectAll()
    .orderBy('chain_seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map((c) => ({
    chainSeq: c.chain_seq,
    entryHash: c.entry_hash,
    createdAt: c.created_at.toISOString(),
    keyId: c.key_id,
    signature: c.signature,
  }));
}

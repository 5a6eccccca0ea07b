import { type Selectable, sql } from 'kysely';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { actorNames } from '../identity/index.ts';
import { chainHash, checkpointMessage, GENESIS_HASH } from './audit.chain.ts';
import type { AuditEntry, Checkpoint, VerifyResult } from './audit.schema.ts';
import type { AuditLogTable } from './audit.table.ts';
import { ensureSigningKey, signMessage, verifySignature } from './signing-key.ts';

export const CHAIN_LOCK = 7_311_001; // advisory lock id: one chainer at a time across all processes

/**
 * Chains entries that writers appended, in the order the chainer first sees them committed.
 * Writers never wait for this; a late-committing transaction's entries simply get a later seq.
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
    if (rows.length === 0) return { chained: 0, headSeq: head?.chain_seq ?? null };
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

/** Signs the chain's head, so that rewriting history before it is detectable. */
export async function writeCheckpoint(deps: Deps): Promise<Checkpoint | null> {
  const key = await ensureSigningKey(deps.db);
  const head = await deps.db
    .selectFrom('audit_log')
    .select(['chain_seq', 'entry_hash'])
    .where('chain_seq', 'is not', null)
    .orderBy('chain_seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!head?.chain_seq || !head.entry_hash) return null;
  const last = await deps.db
    .selectFrom('audit_checkpoints')
    .select('chain_seq')
    .orderBy('chain_seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (last && last.chain_seq >= head.chain_seq) return null;
  const cp = {
    chain_seq: head.chain_seq,
    entry_hash: head.entry_hash,
    created_at: deps.clock.now(),
    key_id: key.keyId,
    signature: signMessage(key, checkpointMessage(head.chain_seq, head.entry_hash)),
  };
  await deps.db
    .insertInto('audit_checkpoints')
    .values(cp)
    .onConflict((oc) => oc.column('chain_seq').doNothing())
    .execute();
  return {
    chainSeq: cp.chain_seq,
    entryHash: cp.entry_hash,
    createdAt: cp.created_at.toISOString(),
    keyId: cp.key_id,
    signature: cp.signature,
  };
}

/**
 * Walks the whole chain and reports the first broken link: an altered row (its hash no longer
 * matches), a deleted row (a gap in the sequence), a relinked row, or a checkpoint that the
 * chain no longer matches or whose signature fails.
 */
export async function verifyChain(deps: Deps, onProgress?: (checked: number) => void): Promise<VerifyResult> {
  const key = await ensureSigningKey(deps.db);
  const checkpoints = await deps.db
    .selectFrom('audit_checkpoints')
    .selectAll()
    .orderBy('chain_seq')
    .execute();
  const cpBySeq = new Map(checkpoints.map((c) => [c.chain_seq, c]));
  const { n: unchained } = await deps.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('chain_seq', 'is', null)
    .executeTakeFirstOrThrow();
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  let checked = 0;
  let checkpointsChecked = 0;
  const result = (broken: VerifyResult['broken']): VerifyResult => ({
    ok: broken === null,
    checkedEntries: checked,
    unchainedEntries: Number(unchained),
    checkpointsChecked,
    lastSeq: expectedSeq > 1 ? expectedSeq - 1 : null,
    lastHash: expectedSeq > 1 ? prev : null,
    broken,
  });
  for (;;) {
    const rows: Selectable<AuditLogTable>[] = await deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('chain_seq', '>=', expectedSeq)
      .orderBy('chain_seq')
      .limit(5000)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = row.chain_seq!;
      if (seq !== expectedSeq) {
        return result({
          id: null,
          chainSeq: expectedSeq,
          reason: `entry ${expectedSeq} is missing (deleted?)`,
        });
      }
      if (row.prev_hash !== prev) {
        return result({ id: row.id, chainSeq: seq, reason: 'does not link to the entry before it' });
      }
      const hash = chainHash(prev, row, seq);
      if (hash !== row.entry_hash) {
        return result({
          id: row.id,
          chainSeq: seq,
          reason: 'its contents were altered after it was chained',
        });
      }
      const cp = cpBySeq.get(seq);
      if (cp) {
        checkpointsChecked += 1;
        if (cp.entry_hash !== hash)
          return result({
            id: row.id,
            chainSeq: seq,
            reason: 'the chain differs from the signed checkpoint',
          });
        if (!verifySignature(key.publicKeyPem, checkpointMessage(seq, cp.entry_hash), cp.signature)) {
          return result({ id: row.id, chainSeq: seq, reason: 'the checkpoint signature is not valid' });
        }
      }
      prev = hash;
      expectedSeq += 1;
      checked += 1;
    }
    onProgress?.(checked);
  }
  const beyond = checkpoints.find((c) => c.chain_seq >= expectedSeq);
  if (beyond)
    return result({
      id: null,
      chainSeq: beyond.chain_seq,
      reason: 'a signed checkpoint covers entries that no longer exist',
    });
  return result(null);
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

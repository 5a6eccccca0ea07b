import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import {
  CompactRange,
  consistencyRanges,
  hashRanges,
  inclusionRanges,
  leafHash,
  type NodeKey,
  nodeKeyString,
  rangeNodes,
} from '../../shared/merkle.ts';
import { canonicalEntry } from './audit.chain.ts';

type Q = Kysely<Database>;

/**
 * The Merkle tree over the chained entries (RFC 9162). Leaf i (0-based) is entry chain_seq i+1,
 * its leaf data the entry's canonical JSON (audit.chain.ts). Every complete subtree is stored
 * (audit_tree_nodes), so that any proof is O(log n) primary-key lookups in one query, whatever
 * the log's size (decision 0024).
 */

export async function fetchNodes(db: Q, keys: NodeKey[]): Promise<Map<string, Uint8Array>> {
  if (keys.length === 0) return new Map();
  const rows = await sql<{ level: number; idx: string | number; hash: Uint8Array }>`
    SELECT n.level, n.idx, n.hash FROM audit_tree_nodes n
      JOIN (SELECT unnest(${keys.map((k) => k[0])}::smallint[]) AS level,
                   unnest(${keys.map((k) => k[1])}::bigint[]) AS idx) k
        ON n.level = k.level AND n.idx = k.idx`.execute(db);
  return new Map(
    rows.rows.map((r) => [nodeKeyString([Number(r.level), Number(r.idx)]), Buffer.from(r.hash)]),
  );
}

/** How many leaves the stored tree has. */
export async function treeSize(db: Q): Promise<number> {
  const r = await sql<{ n: string | number | null }>`
    SELECT max(idx) + 1 AS n FROM audit_tree_nodes WHERE level = 0`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** The root of the first `size` leaves. */
export async function rootAt(db: Q, size: number): Promise<Buffer> {
  if (size === 0) return new CompactRange().root();
  const [root] = await hashRanges([[0, size]], (k) => fetchNodes(db, k));
  return root!;
}

/**
 * Adds the chained entries the tree does not cover yet (at most `limit`), in chain order; runs in
 * the chainer's transaction, under its lock. Returns the tree's new size.
 */
export async function growTree(trx: Q, limit = 5000): Promise<number> {
  const size = await treeSize(trx);
  const rows = await trx
    .selectFrom('audit_log')
    .selectAll()
    .where('chain_seq', '>', size)
    .orderBy('chain_seq')
    .limit(limit)
    .execute();
  if (rows.length === 0) return size;
  const frontierKeys = size ? rangeNodes([0, size]) : [];
  const got = await fetchNodes(trx, frontierKeys);
  const range = CompactRange.from(
    size,
    frontierKeys.map((k) => Buffer.from(got.get(nodeKeyString(k))!)),
  );
  const levels: number[] = [];
  const idxs: number[] = [];
  const hashes: string[] = [];
  for (const row of rows) {
    const seq = Number(row.chain_seq);
    if (seq !== range.size + 1)
      throw new Error(`audit tree: entry ${range.size + 1} is missing from the chain`);
    const leaf = leafHash(canonicalEntry(row, seq));
    levels.push(0);
    idxs.push(range.size);
    hashes.push(leaf.toString('hex'));
    for (const n of range.push(leaf)) {
      levels.push(n.level);
      idxs.push(n.idx);
      hashes.push(n.hash.toString('hex'));
    }
  }
  await sql`
    INSERT INTO audit_tree_nodes (level, idx, hash)
    SELECT l, i, decode(h, 'hex') FROM unnest(${levels}::smallint[], ${idxs}::bigint[], ${hashes}::text[]) AS v(l, i, h)`.execute(
    trx,
  );
  return range.size;
}

/** The audit path proving leaf `index` is in the tree of `size` leaves. */
export async function inclusionProof(
  db: Q,
  index: number,
  size: number,
): Promise<{ leaf: Buffer; path: Buffer[] }> {
  const [leaf, ...path] = await hashRanges([[index, index + 1], ...inclusionRanges(index, size)], (k) =>
    fetchNodes(db, k),
  );
  return { leaf: leaf!, path };
}

/** The proof that the tree of `size2` leaves extends the tree of `size1` leaves. */
export async function consistencyProof(db: Q, size1: number, size2: number): Promise<Buffer[]> {
  return hashRanges(consistencyRanges(size1, size2), (k) => fetchNodes(db, k));
}

/** Finds the leaf with this hash (a citizen's "is this in the log?"). */
export async function leafIndexOf(db: Q, hash: Buffer): Promise<number | null> {
  const r = await sql<{ idx: string | number }>`
    SELECT idx FROM audit_tree_nodes WHERE level = 0 AND hash = decode(${hash.toString('hex')}, 'hex') LIMIT 1`.execute(
    db,
  );
  return r.rows[0] ? Number(r.rows[0].idx) : null;
}

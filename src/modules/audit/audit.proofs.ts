import type { Deps } from '../../deps.ts';
import { invalidField, notFound } from '../../shared/errors.ts';
import { HEAD_EVERY_MINUTES, headAt, latestHead, nextHeadAt, type SignedHead } from './audit.heads.ts';
import { consistencyProof, inclusionProof, leafIndexOf, treeSize } from './audit.tree.ts';

/** An inclusion proof for one entry (by seq or leaf hash) against a signed head (public). */
export async function proveInclusion(
  deps: Deps,
  q: { seq?: number | undefined; leafHash?: string | undefined; treeSize?: number | undefined },
): Promise<{
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  auditPath: string[];
  head: SignedHead;
  entry: { seq: number; occurredAt: string; action: string; entity: string; afterDigest: string | null };
}> {
  const head = q.treeSize ? await headAt(deps, q.treeSize) : await latestHead(deps);
  const field = q.leafHash ? 'leafHash' : 'seq';
  const wait = () =>
    `tree heads are signed every ${HEAD_EVERY_MINUTES} minutes when the log has grown: try again after ${nextHeadAt(deps.clock.now()).toISOString().slice(0, 16)} UTC`;
  if (!head) {
    if (q.treeSize) throw invalidField('treeSize', 'no signed tree head has this size');
    if ((await treeSize(deps.db)) > 0) throw invalidField(field, `no tree head is signed yet; ${wait()}`);
    throw notFound('A signed tree head');
  }
  let index: number;
  if (q.leafHash) {
    const found = await leafIndexOf(deps.db, Buffer.from(q.leafHash, 'hex'));
    if (found === null) throw notFound('An entry with this leaf hash');
    index = found;
  } else index = q.seq! - 1;
  if (index >= head.treeSize) {
    const size = await treeSize(deps.db);
    if (index >= size && !q.leafHash)
      throw invalidField('seq', `there is no entry ${index + 1}: the log has ${size} entries`);
    throw invalidField(
      field,
      q.treeSize
        ? `the entry is not under the signed head of size ${head.treeSize}`
        : `entry ${index + 1} is not yet under a signed head (the latest covers ${head.treeSize} entries); ${wait()}`,
    );
  }
  const { leaf, path } = await inclusionProof(deps.db, index, head.treeSize);
  const e = await deps.db
    .selectFrom('audit_log')
    .select(['occurred_at', 'action', 'entity', 'after_digest'])
    .where('chain_seq', '=', index + 1)
    .executeTakeFirstOrThrow();
  return {
    leafIndex: index,
    treeSize: head.treeSize,
    leafHash: leaf.toString('hex'),
    auditPath: path.map((p) => p.toString('hex')),
    head,
    entry: {
      seq: index + 1,
      occurredAt: e.occurred_at.toISOString(),
      action: e.action,
      entity: e.entity,
      afterDigest: e.after_digest,
    },
  };
}

/** A consistency proof between two tree sizes (public). */
export async function proveConsistency(
  deps: Deps,
  from: number,
  to: number,
): Promise<{ from: number; to: number; proof: string[] }> {
  if (from > to) throw invalidField('from', 'must not be larger than to');
  const size = await treeSize(deps.db);
  if (to > size) throw invalidField('to', `the tree has ${size} entries`);
  const proof = await consistencyProof(deps.db, from, to);
  return { from, to, proof: proof.map((p) => p.toString('hex')) };
}

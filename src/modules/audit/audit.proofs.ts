import type { Deps } from '../../deps.ts';
import { invalidField, notFound } from '../../shared/errors.ts';
import { headAt, latestHead, type SignedHead } from './audit.heads.ts';
import { consistencyProof, inclusionProof, leafIndexOf, treeSize } from './audit.tree.ts';

/** An inclusion proof for one entry (by seq or leaf hash) against a signed head (public). */
export async function proveInclusion(
  deps: Deps,
  q: { seq?: number | undefined; leafHash?: string | undefined; treeSize?: number | undefined },
): Promise<{ leafIndex: number; treeSize: number; leafHash: string; auditPath: string[]; head: SignedHead }> {
  const head = q.treeSize ? await headAt(deps, q.treeSize) : await latestHead(deps);
  if (!head)
    throw q.treeSize
      ? invalidField('treeSize', 'no signed tree head has this size')
      : notFound('A signed tree head');
  let index: number;
  if (q.leafHash) {
    const found = await leafIndexOf(deps.db, Buffer.from(q.leafHash, 'hex'));
    if (found === null) throw notFound('An entry with this leaf hash');
    index = found;
  } else index = q.seq! - 1;
  if (index >= head.treeSize)
    throw invalidField(
      q.leafHash ? 'leafHash' : 'seq',
      `the entry is not yet under a signed head (size ${head.treeSize})`,
    );
  const { leaf, path } = await inclusionProof(deps.db, index, head.treeSize);
  return {
    leafIndex: index,
    treeSize: head.treeSize,
    leafHash: leaf.toString('hex'),
    auditPath: path.map((p) => p.toString('hex')),
    head,
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

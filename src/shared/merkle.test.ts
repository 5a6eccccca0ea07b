import { describe, expect, it } from 'vitest';
import {
  CompactRange,
  consistencyRanges,
  foldRange,
  hashRanges,
  inclusionRanges,
  leafHash,
  type NodeKey,
  nodeHash,
  nodeKeyString,
  rangeNodes,
  splitPoint,
  verifyConsistency,
  verifyInclusion,
} from './merkle.ts';

// The RFC 9162 definitions, written the slow, obvious way, to check the stored-node version.
const leaves = Array.from({ length: 40 }, (_, i) => leafHash(`entry ${i}`));
const mth = (d: Buffer[]): Buffer => {
  if (d.length === 1) return d[0]!;
  const k = splitPoint(d.length);
  return nodeHash(mth(d.slice(0, k)), mth(d.slice(k)));
};
const store = new Map<string, Buffer>();
const cr = new CompactRange();
for (const [i, l] of leaves.entries()) {
  store.set(nodeKeyString([0, i]), l);
  for (const n of cr.push(l)) store.set(nodeKeyString([n.level, n.idx]), n.hash);
}
const fetchNodes = async (keys: NodeKey[]) =>
  new Map(keys.map((k) => [nodeKeyString(k), store.get(nodeKeyString(k))!]));
const root = (n: number) => mth(leaves.slice(0, n));

describe('RFC 9162 Merkle tree from stored complete subtrees', () => {
  it('a range folds to the same hash as MTH of its leaves', async () => {
    for (let n = 1; n <= 40; n++) {
      const [h] = await hashRanges([[0, n]], fetchNodes);
      expect(h!.equals(root(n)), `size ${n}`).toBe(true);
    }
    expect(rangeNodes([0, 13])).toEqual([
      [3, 0],
      [2, 2],
      [0, 12],
    ]);
    expect(foldRange([leaves[0]!])).toEqual(leaves[0]);
  });

  it('every inclusion proof verifies, and fails for another leaf or root', async () => {
    for (let n = 1; n <= 40; n++) {
      for (let m = 0; m < n; m++) {
        const path = await hashRanges(inclusionRanges(m, n), fetchNodes);
        expect(verifyInclusion(m, n, leaves[m]!, path, root(n)), `${m} in ${n}`).toBe(true);
        expect(verifyInclusion(m, n, leafHash('forged'), path, root(n))).toBe(false);
        if (n > 1) expect(verifyInclusion((m + 1) % n, n, leaves[m]!, path, root(n))).toBe(false);
      }
    }
  });

  it('every consistency proof verifies, and fails against a different history', async () => {
    const forged = [...leaves];
    forged[3] = leafHash('rewritten');
    for (let n = 1; n <= 40; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = await hashRanges(consistencyRanges(m, n), fetchNodes);
        expect(verifyConsistency(m, n, root(m), root(n), proof), `${m}→${n}`).toBe(true);
        if (m > 3) expect(verifyConsistency(m, n, mth(forged.slice(0, m)), root(n), proof)).toBe(false);
      }
    }
    expect(verifyConsistency(5, 4, root(5), root(4), [])).toBe(false);
  });

  it('the compact range gives the root of every prefix, also when started from a frontier', () => {
    const c = new CompactRange();
    for (let n = 1; n <= 40; n++) {
      c.push(leaves[n - 1]!);
      expect(c.root().equals(root(n))).toBe(true);
    }
    const f = CompactRange.from(
      13,
      rangeNodes([0, 13]).map((k) => store.get(nodeKeyString(k))!),
    );
    for (let i = 13; i < 40; i++) f.push(leaves[i]!);
    expect(f.root().equals(root(40))).toBe(true);
  });
});

import { createHash } from 'node:crypto';

/**
 * The Merkle tree of RFC 9162 (Certificate Transparency v2), section 2.1: leaf hash =
 * SHA-256(0x00 || leaf), node hash = SHA-256(0x01 || left || right), and the split of n leaves at
 * the largest power of two below n. Proofs are made from stored complete subtrees ("nodes"):
 * node (level, idx) is the root of leaves [idx·2^level, (idx+1)·2^level). scripts/verify-log.mjs
 * repeats the verification half with nothing but Node.js.
 *
 * Sizes and indexes are plain numbers (exact up to 2^53); no 32-bit bit operations are used.
 */
export type NodeKey = readonly [level: number, idx: number];
export type Range = readonly [start: number, end: number];

export function leafHash(leaf: string | Uint8Array): Buffer {
  return createHash('sha256')
    .update(Buffer.from([0]))
    .update(leaf)
    .digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256')
    .update(Buffer.from([1]))
    .update(left)
    .update(right)
    .digest();
}

/** The largest power of two strictly below n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const isPow2 = (n: number) => n > 0 && 2 ** Math.round(Math.log2(n)) === n;
const half = (n: number) => Math.floor(n / 2);
const odd = (n: number) => n % 2 === 1;

/** RFC 9162 PATH(m, D[start:end]) as the ranges whose hashes form the inclusion proof, leaf first. */
export function inclusionRanges(m: number, n: number, start = 0): Range[] {
  if (n <= 1) return [];
  const k = splitPoint(n);
  return m < k
    ? [...inclusionRanges(m, k, start), [start + k, start + n]]
    : [...inclusionRanges(m - k, n - k, start + k), [start, start + k]];
}

/** RFC 9162 PROOF(m, D[0:n]) / SUBPROOF as ranges. */
export function consistencyRanges(m: number, n: number): Range[] {
  const sub = (m: number, n: number, start: number, b: boolean): Range[] => {
    if (m === n) return b ? [] : [[start, start + m]];
    const k = splitPoint(n);
    return m <= k
      ? [...sub(m, k, start, b), [start + k, start + n]]
      : [...sub(m - k, n - k, start + k, false), [start, start + k]];
  };
  if (m === 0 || m === n) return [];
  return sub(m, n, 0, true);
}

/** The complete, aligned subtrees that make up a range, largest first. */
export function rangeNodes([start, end]: Range): NodeKey[] {
  const out: NodeKey[] = [];
  let a = start;
  while (a < end) {
    let size = 1;
    while (a % (size * 2) === 0 && a + size * 2 <= end) size *= 2;
    out.push([Math.log2(size), a / size]);
    a += size;
  }
  return out;
}

/** MTH of a range from its complete subtrees (rangeNodes order): right-folded, as RFC 9162 splits. */
export function foldRange(hashes: Uint8Array[]): Buffer {
  if (hashes.length === 0) throw new Error('empty range');
  let acc: Buffer = Buffer.from(hashes[hashes.length - 1]!);
  for (let i = hashes.length - 2; i >= 0; i--) acc = nodeHash(hashes[i]!, acc);
  return acc;
}

export const nodeKeyString = ([l, i]: NodeKey) => `${l}:${i}`;

/** Computes the hashes of several ranges with one fetch of every stored node they need. */
export async function hashRanges(
  ranges: Range[],
  fetchNodes: (keys: NodeKey[]) => Promise<Map<string, Uint8Array>>,
): Promise<Buffer[]> {
  const perRange = ranges.map(rangeNodes);
  const wanted = new Map<string, NodeKey>();
  for (const keys of perRange) for (const k of keys) wanted.set(nodeKeyString(k), k);
  const got = await fetchNodes([...wanted.values()]);
  return perRange.map((keys) =>
    foldRange(
      keys.map((k) => {
        const h = got.get(nodeKeyString(k));
        if (!h) throw new Error(`tree node ${nodeKeyString(k)} is missing`);
        return h;
      }),
    ),
  );
}

/** RFC 9162 2.1.3.2: does `path` prove leaf `index` is in the tree of `size` leaves with `root`? */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  path: Uint8Array[],
  root: Uint8Array,
): boolean {
  if (index >= size || index < 0) return false;
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of path) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 2.1.4.2: is the tree (size2, root2) an append-only extension of (size1, root1)? */
export function verifyConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: Uint8Array[],
): boolean {
  if (size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && Buffer.from(root1).equals(root2);
  if (size1 === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPow2(size1) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Buffer = Buffer.from(path[0]!);
  let sr: Buffer = Buffer.from(path[0]!);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return fr.equals(root1) && sr.equals(root2) && sn === 0;
}

/**
 * A compact range from leaf 0: the roots of the complete subtrees of the leaves seen so far,
 * largest first. Adds a leaf in amortised O(1) and gives the root of the tree so far.
 */
export class CompactRange {
  private stack: { level: number; hash: Buffer }[] = [];
  size = 0;
  /** Adds a leaf hash; returns the complete subtrees it closed (level ≥ 1), as stored nodes. */
  push(leaf: Buffer): { level: number; idx: number; hash: Buffer }[] {
    const made: { level: number; idx: number; hash: Buffer }[] = [];
    let cur = { level: 0, hash: leaf };
    const index = this.size;
    while (this.stack.length && this.stack[this.stack.length - 1]!.level === cur.level) {
      const left = this.stack.pop()!;
      cur = { level: cur.level + 1, hash: nodeHash(left.hash, cur.hash) };
      made.push({ level: cur.level, idx: Math.floor(index / 2 ** cur.level), hash: cur.hash });
    }
    this.stack.push(cur);
    this.size += 1;
    return made;
  }
  /** Starts from stored frontier nodes (the complete subtrees of `size` leaves, largest first). */
  static from(size: number, frontier: Buffer[]): CompactRange {
    const c = new CompactRange();
    const keys = size ? rangeNodes([0, size]) : [];
    if (keys.length !== frontier.length) throw new Error('frontier does not match the size');
    c.stack = keys.map(([level], i) => ({ level, hash: frontier[i]! }));
    c.size = size;
    return c;
  }
  root(): Buffer {
    if (this.size === 0)
      return Buffer.from('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'hex');
    return foldRange(this.stack.map((s) => s.hash));
  }
}

// The checks that scripts/verify-log.mjs and scripts/verify-snapshots.mjs share, with nothing but
// Node.js: RFC 9162 Merkle proofs, the texts Markaz signs, its key ids, and its canonical JSON.
// docs/canonical-json.md describes each format, so that verifiers in other languages can check
// the same things.
import { createHash, createPublicKey, verify } from 'node:crypto';

// --- RFC 9162 (section 2.1): leaf = SHA-256(0x00 || data), node = SHA-256(0x01 || left || right) ---
const node = (l, r) =>
  createHash('sha256')
    .update(Buffer.from([1]))
    .update(l)
    .update(r)
    .digest();
const odd = (n) => n % 2 === 1;
const half = (n) => Math.floor(n / 2);
const isPow2 = (n) => n > 0 && 2 ** Math.round(Math.log2(n)) === n;
export const hex = (h) => Buffer.from(h, 'hex');

/** RFC 9162 2.1.3.2 */
export function verifyInclusion(index, size, leaf, path, root) {
  if (index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = node(p, r);
      while (!odd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else r = node(r, p);
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 2.1.4.2 */
export function verifyConsistency(size1, size2, root1, root2, proof) {
  if (size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && root1.equals(root2);
  if (size1 === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPow2(size1) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (odd(fn)) [fn, sn] = [half(fn), half(sn)];
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = node(c, fr);
      sr = node(c, sr);
      while (!odd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else sr = node(sr, c);
    [fn, sn] = [half(fn), half(sn)];
  }
  return fr.equals(root1) && sr.equals(root2) && sn === 0;
}

// --- the signed texts (UTF-8) ---
export const headMessage = (h) =>
  `markaz-tree-head/v1\n${h.treeSize}\n${h.rootHash}\n${h.chainHash}\n${h.timestamp}\n`;
export const handoverMessage = (name, prev, id, pem) =>
  `markaz-key-handover/v1\n${name}\n${prev}\n${id}\n${pem}`;
export const cosignMessage = (keyId, size, root) => `markaz-witness-cosign/v1\n${keyId}\n${size}\n${root}\n`;
export const keyIdOf = (pem) => createHash('sha256').update(pem).digest('hex').slice(0, 16);
export const ed25519ok = (pem, msg, sig) => {
  try {
    return verify(null, Buffer.from(msg), createPublicKey(pem), Buffer.from(sig, 'base64'));
  } catch {
    return false;
  }
};

/** What a day's snapshot signature covers. */
export const snapshotMessage = (day, hash) => `markaz-snapshot/v1\n${day}\n${hash}\n`;

/** JSON with object keys sorted at every depth and no spaces (RFC 8785 for the values Markaz writes). */
export const canonical = (v) =>
  v === null || typeof v !== 'object'
    ? JSON.stringify(v)
    : Array.isArray(v)
      ? `[${v.map(canonical).join(',')}]`
      : `{${Object.keys(v)
          .sort()
          .filter((k) => v[k] !== undefined)
          .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
          .join(',')}}`;

export const sha256 = (s) => createHash('sha256').update(s).digest('hex');

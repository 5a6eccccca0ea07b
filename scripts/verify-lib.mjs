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

/**
 * The keys of one name (`audit`, `snapshots`) a verifier may trust: a single line of signed
 * handovers through a root. The root is the key pinned (an id the verifier saw first, or was given
 * out of band); without a pin, the one key published without a handover. A second key without a
 * handover (an insider's backdated "retired" key), a handover that does not verify, or two keys
 * handed over from the same one (a fork) are problems, and such keys are not trusted.
 * Returns the trusted keys by id, oldest first, and the problems found.
 */
export function keyChain(keys, name, pinnedKeyId) {
  const problems = [];
  const ks = (keys ?? []).filter((k) => k.name === name);
  const good = new Map();
  for (const k of ks) {
    if (keyIdOf(k.publicKeyPem ?? '') !== k.keyId)
      problems.push(`${name} key ${k.keyId} is not the hash of its PEM`);
    else good.set(k.keyId, k);
  }
  let root;
  if (pinnedKeyId) {
    root = good.get(pinnedKeyId);
    if (!root) problems.push(`the pinned ${name} key ${pinnedKeyId} is not published`);
  } else {
    const roots = [...good.values()].filter((k) => !k.handover);
    if (roots.length === 1) root = roots[0];
    else if (roots.length > 1)
      problems.push(
        `${roots.length} ${name} keys were published without a handover (${roots.map((k) => k.keyId).join(', ')}): pin the one you trust with --pin`,
      );
  }
  const handedOver = (prev, k) =>
    ed25519ok(
      prev.publicKeyPem,
      handoverMessage(name, prev.keyId, k.keyId, k.publicKeyPem),
      k.handover.signature,
    );
  const chain = [];
  if (root) {
    // Back from the root, through the handovers it carries …
    const before = [];
    for (let cur = root; cur.handover; ) {
      const prev = good.get(cur.handover.previousKeyId);
      if (!prev || !handedOver(prev, cur)) {
        problems.push(
          `${name} key ${cur.keyId} claims a handover from ${cur.handover.previousKeyId} that does not verify`,
        );
        break;
      }
      before.unshift(prev);
      cur = prev;
    }
    chain.push(...before, root);
    // … and forward from it, one successor at a time.
    for (let cur = root; ; ) {
      const next = [...good.values()].filter((k) => k.handover?.previousKeyId === cur.keyId);
      if (next.length > 1) {
        problems.push(
          `${name} key ${cur.keyId} was handed over twice (${next.map((k) => k.keyId).join(', ')}): a fork`,
        );
        break;
      }
      if (next.length === 0) break;
      if (!handedOver(cur, next[0])) {
        problems.push(
          `${name} key ${next[0].keyId} claims a handover from ${cur.keyId} that does not verify`,
        );
        break;
      }
      chain.push(next[0]);
      cur = next[0];
    }
  }
  const trusted = new Map(chain.map((k) => [k.keyId, k]));
  for (const k of good.values())
    if (!trusted.has(k.keyId) && root)
      problems.push(
        `${name} key ${k.keyId} is published but no signed handover from ${root.keyId} leads to it`,
      );
  return { trusted, problems, rootKeyId: root?.keyId ?? null };
}

// Checks, in the browser and with nothing but Web Crypto, what the server claims about its audit
// log: an RFC 9162 inclusion proof (section 2.1.3.2), the Ed25519 signature on a tree head, and a
// witness's cosignature. The same algorithms as scripts/verify-lib.mjs; the texts signed are in
// docs/canonical-json.md.

const enc = new TextEncoder();

export function fromHex(h: string): Uint8Array {
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(h.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function toHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', all));
}

const nodeHash = (l: Uint8Array, r: Uint8Array) => sha256(Uint8Array.of(1), l, r);
/** An entry's leaf hash: SHA-256(0x00 || canonical JSON of the entry). */
export const leafHashOf = async (canonicalEntry: string) =>
  toHex(await sha256(Uint8Array.of(0), enc.encode(canonicalEntry)));

/** Does `path` lead from leaf `index` of a tree of `size` leaves to `rootHex`? */
export async function inclusionHolds(
  index: number,
  size: number,
  leafHex: string,
  path: string[],
  rootHex: string,
): Promise<boolean> {
  if (index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = fromHex(leafHex);
  for (const p of path.map(fromHex)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else r = await nodeHash(r, p);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && toHex(r) === rootHex;
}

export type Head = { treeSize: number; rootHash: string; chainHash: string; timestamp: string };

export const headMessage = (h: Head) =>
  `markaz-tree-head/v1\n${h.treeSize}\n${h.rootHash}\n${h.chainHash}\n${h.timestamp}\n`;
export const cosignMessage = (serverKeyId: string, size: number, root: string) =>
  `markaz-witness-cosign/v1\n${serverKeyId}\n${size}\n${root}\n`;

/** Ed25519 over the UTF-8 message; null when this browser's Web Crypto has no Ed25519. */
export async function ed25519Holds(
  pem: string,
  message: string,
  signatureB64: string,
): Promise<boolean | null> {
  const der = Uint8Array.from(atob(pem.replace(/-----[^-]+-----|\s/g, '')), (c) => c.charCodeAt(0));
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey('spki', der, { name: 'Ed25519' }, false, ['verify']);
  } catch (e) {
    return e instanceof DOMException && e.name === 'NotSupportedError' ? null : false;
  }
  const sig = Uint8Array.from(atob(signatureB64), (c) => c.charCodeAt(0));
  try {
    return await crypto.subtle.verify({ name: 'Ed25519' }, key, sig, enc.encode(message));
  } catch {
    return false;
  }
}

/** Is `keyId` the first 16 hex digits of SHA-256 of the key's PEM (how Markaz names its keys)? */
export async function keyIdHolds(pem: string, keyId: string): Promise<boolean> {
  return toHex(await sha256(enc.encode(pem))).slice(0, 16) === keyId;
}

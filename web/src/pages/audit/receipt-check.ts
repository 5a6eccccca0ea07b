// A receipt checked in the browser from the whole entry, trusting no hash the server states: the
// leaf hash is recomputed from the entry (canonical JSON as src/shared/canonical-json.ts writes it,
// then SHA-256 of 0x00 and its UTF-8 bytes, with Web Crypto), the inclusion proof is walked from
// that leaf to the signed head's root, and the head's signature is checked with the published key.
import { api, unwrap } from '../../api/client';
import { ed25519Holds, headMessage, inclusionHolds, keyIdHolds, leafHashOf } from './log-proof';

/** JSON with object keys sorted at every depth (the server's canonicalJson, key for key). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(sortKeys);
  const out: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortKeys(v);
  }
  return out;
}

export type ReceiptCheck = {
  /** The leaf hash recomputed here equals the receipt's. */
  leaf: boolean;
  /** The proof leads from the recomputed leaf at this entry's position to the head's root. */
  path: boolean;
  /** The head is signed by the published audit key (null: this browser has no Ed25519). */
  signature: boolean | null;
};

export const receiptHolds = (c: ReceiptCheck) => c.leaf && c.path && c.signature !== false;

/** The pure part: the leaf from the entry, the path from that leaf. */
export async function checkLeafAndPath(
  r: { seq: number; leafHash: string; entry: Record<string, unknown> },
  proof: { leafIndex: number; treeSize: number; auditPath: string[]; head: { rootHash: string } },
): Promise<{ leaf: boolean; path: boolean; computed: string }> {
  const computed = await leafHashOf(canonicalJson(r.entry));
  const leaf = computed === r.leafHash && r.entry.seq === r.seq;
  const path =
    proof.leafIndex === r.seq - 1 &&
    (await inclusionHolds(proof.leafIndex, proof.treeSize, computed, proof.auditPath, proof.head.rootHash));
  return { leaf, path, computed };
}

/** Fetches the proof for the entry's position and the published keys, then checks every step here. */
export async function checkReceipt(r: {
  seq: number;
  leafHash: string;
  entry: Record<string, unknown>;
}): Promise<ReceiptCheck> {
  const [proof, keys] = await Promise.all([
    unwrap(api.GET('/api/v1/audit/proofs/inclusion', { params: { query: { seq: r.seq } } })),
    unwrap(api.GET('/api/v1/keys')),
  ]);
  const { leaf, path } = await checkLeafAndPath(r, proof);
  const head = proof.head;
  const named = keys.find((k) => k.name === 'audit' && k.keyId === head.keyId);
  const key = named && (await keyIdHolds(named.publicKeyPem, named.keyId)) ? named : undefined;
  const signature = key ? await ed25519Holds(key.publicKeyPem, headMessage(head), head.signature) : false;
  return { leaf, path, signature };
}

import { createHash, createPublicKey, verify as verifySignature } from 'node:crypto';
import jsonld from 'jsonld';
import { bundledDocumentLoader } from './contexts.ts';
import type { IssuerKey } from './issuer-key.ts';
import { base58btc, fromBase58btc } from './multibase.ts';

/**
 * W3C Data Integrity proofs with the `eddsa-rdfc-2022` cryptosuite (Data Integrity EdDSA
 * Cryptosuites v1.0, §3.2): both the proof options and the document are canonicalized with
 * RDFC-1.0, each is hashed with SHA-256, and Ed25519 signs the two hashes joined (options first).
 * Written here on node:crypto and jsonld.js so that the independent verifier in the tests
 * (Digital Bazaar's vc + data-integrity + eddsa-rdfc-2022-cryptosuite) checks real interop.
 */
export type DataIntegrityProof = {
  type: 'DataIntegrityProof';
  cryptosuite: 'eddsa-rdfc-2022';
  created: string;
  verificationMethod: string;
  proofPurpose: 'assertionMethod';
  proofValue: string;
};

type JsonObject = Record<string, unknown>;

async function canonicalHash(doc: JsonObject): Promise<Buffer> {
  const nquads = await jsonld.canonize(
    doc as jsonld.JsonLdDocument,
    {
      algorithm: 'RDFC-1.0',
      format: 'application/n-quads',
      documentLoader: bundledDocumentLoader,
      safe: true,
    } as unknown as jsonld.Options.Normalize,
  );
  return createHash('sha256').update(nquads, 'utf8').digest();
}

async function hashData(
  unsecured: JsonObject,
  options: Omit<DataIntegrityProof, 'proofValue'>,
): Promise<Buffer> {
  const proofConfig = { '@context': unsecured['@context'], ...options };
  return Buffer.concat([await canonicalHash(proofConfig), await canonicalHash(unsecured)]);
}

/** Returns `document` with an `eddsa-rdfc-2022` proof by `key`, created at `created`. */
export async function signDocument<T extends JsonObject>(
  document: T,
  key: IssuerKey,
  created: Date,
): Promise<T & { proof: DataIntegrityProof[] }> {
  const options = {
    type: 'DataIntegrityProof' as const,
    cryptosuite: 'eddsa-rdfc-2022' as const,
    created: created.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    verificationMethod: key.keyId,
    proofPurpose: 'assertionMethod' as const,
  };
  const signature = await key.sign(await hashData(document, options));
  // A set of one proof: the Open Badges 3.0 schema requires `proof` to be an array.
  return { ...document, proof: [{ ...options, proofValue: `z${base58btc(signature)}` }] };
}

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * Checks a document's proof against the Ed25519 key in its did:key verification method, and that
 * this key is the document's issuer (`issuer` or `issuer.id` is that did:key; with `issuerId`, also
 * that one): anyone can sign a copy with a key of their own. Markaz's own check for the
 * verification page; the tests use an independent verifier as well.
 */
export async function verifyDocument(secured: JsonObject, issuerId?: string): Promise<boolean> {
  const { proof: proofs, ...unsecured } = secured as JsonObject & {
    proof?: DataIntegrityProof | DataIntegrityProof[];
  };
  const proof = Array.isArray(proofs) ? (proofs.length === 1 ? proofs[0] : undefined) : proofs;
  if (proof?.type !== 'DataIntegrityProof' || proof.cryptosuite !== 'eddsa-rdfc-2022') return false;
  const { proofValue, ...options } = proof;
  const match = /^did:key:(z6Mk[1-9A-HJ-NP-Za-km-z]+)#\1$/.exec(options.verificationMethod ?? '');
  if (!match || !proofValue?.startsWith('z')) return false;
  const did = `did:key:${match[1]}`;
  const issuer = (unsecured as { issuer?: unknown }).issuer;
  const named = typeof issuer === 'string' ? issuer : (issuer as { id?: unknown } | undefined)?.id;
  if (named !== did || (issuerId !== undefined && issuerId !== did)) return false;
  try {
    const multikey = fromBase58btc(match[1]!.slice(1));
    if (multikey[0] !== 0xed || multikey[1] !== 0x01 || multikey.length !== 34) return false;
    const publicKey = createPublicKey({
      key: Buffer.concat([ED25519_SPKI_PREFIX, multikey.subarray(2)]),
      format: 'der',
      type: 'spki',
    });
    const data = await hashData(unsecured, options);
    return verifySignature(null, data, publicKey, fromBase58btc(proofValue.slice(1)));
  } catch {
    return false;
  }
}

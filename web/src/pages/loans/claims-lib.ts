import type { paths } from '../../api/schema';

export type Claim =
  paths['/api/v1/loans/claims/{id}']['get']['responses'][200]['content']['application/json'];
export type ClaimQuarter =
  paths['/api/v1/loans/claims/quarters']['get']['responses'][200]['content']['application/json'][number];
export type SubsidyCost =
  paths['/api/v1/loans/subsidy']['get']['responses'][200]['content']['application/json'];

export const CLAIMS_KEY = ['loan-claims'] as const;
export const QUARTERS_KEY = ['loan-claims', 'quarters'] as const;

/** A server problem path in a claim file ("csv.row 3.claimed_pkr") as its row and column. */
export function claimProblemPlace(path: string): { row: number | null; col: string | null } {
  const m = /^csv\.row (\d+)(?:\.(.+))?$/.exec(path);
  if (!m) return { row: null, col: null };
  return { row: Number(m[1]), col: m[2] ?? null };
}

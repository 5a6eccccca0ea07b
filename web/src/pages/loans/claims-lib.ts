import type { paths } from '../../api/schema';

export type Claim =
  paths['/api/v1/loans/claims/{id}/detail']['get']['responses'][200]['content']['application/json'];
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

type Translate = (key: string, options: Record<string, unknown>) => string;
export type ClaimProblem = {
  message: string;
  rule?: string | undefined;
  params?: Record<string, unknown> | undefined;
};

/**
 * One claim-file problem in the reader's language. English readers get the server's English as
 * sent; Urdu readers get the problem's `claim_*` rule worded from the area's bundle with its
 * params, or the English (marked `lang: 'en'`) when the rule is unknown.
 */
export function claimProblemText(
  problem: ClaimProblem,
  lang: string,
  t: Translate,
): { text: string; lang: 'en' | 'ur' } {
  if (lang !== 'ur' || !problem.rule?.startsWith('claim_')) return { text: problem.message, lang: 'en' };
  const text = t(`loans.claims.file.rule.${problem.rule}`, {
    ...problem.params,
    lng: 'ur',
    fallbackLng: false,
    defaultValue: '',
  });
  return text ? { text, lang: 'ur' } : { text: problem.message, lang: 'en' };
}

type ReasonCarrier = {
  reason: string | null;
  reasonCode: string | null;
  reasonParams: { date?: string | undefined };
};

/**
 * Why a claim line or clawback is reduced or excluded, in the reader's language: worded from the
 * server's stable `reasonCode` with its date formatted for the reader; the server's English (marked
 * `lang: 'en'`) only for a reason without a code. Null when there is no reason.
 */
export function claimReasonText(
  line: ReasonCarrier,
  t: Translate,
  formatDay: (day: string) => string,
): { text: string; lang: 'en' | null } | null {
  if (!line.reason) return null;
  if (!line.reasonCode) return { text: line.reason, lang: 'en' };
  const date = line.reasonParams.date ? formatDay(line.reasonParams.date) : '';
  const text = t(`loans.claims.detail.reason.${line.reasonCode}`, { date, defaultValue: '' });
  return text ? { text, lang: null } : { text: line.reason, lang: 'en' };
}

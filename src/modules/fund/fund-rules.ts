import { divideRounded } from '../../shared/money.ts';

// The fund's rules as pure functions (docs/decisions/0033-startup-fund.md): eligibility of a round,
// conversion at a dated rate, what a partial arrival entitles, the fiscal year of a day.

/** The effective-dated eligibility parameters (fund_rule_sets), amounts in USD cents. */
export type RuleSet = {
  id: string;
  effectiveFrom: string;
  maxGrantMinor: number;
  maxGrantShareBps: number;
  minForeignShareBps: number;
  maxGrantsPerStartup: number;
};

export type RoundFacts = {
  incorporatedIn: string;
  lead: { status: 'pending' | 'verified' | 'rejected'; jurisdiction: string };
  roundMinor: number;
  requestedMinor: number;
  investors: { amountMinor: number; isForeign: boolean }[];
  earlierGrants: number;
};

export type EligibilityRule =
  | 'incorporated_in_pakistan'
  | 'lead_investor_verified'
  | 'lead_investor_foreign'
  | 'round_adds_up'
  | 'foreign_share'
  | 'grant_share'
  | 'grant_cap'
  | 'earlier_grants';

/** One rule's verdict: the field it concerns, and the figures behind it (for either language). */
export type RuleVerdict = {
  rule: EligibilityRule;
  passed: boolean;
  path: string;
  message: string;
  params: Record<string, number | string>;
};

const usd = (minor: number) => `$${(minor / 100).toLocaleString('en-US')}`;
const pct = (bps: number) => `${bps / 100}%`;

/** Every rule's verdict on a round, in the order a founder reads them. */
export function checkEligibility(r: RoundFacts, rules: RuleSet): RuleVerdict[] {
  const investors = r.investors.reduce((s, i) => s + i.amountMinor, 0);
  const foreign = r.investors.filter((i) => i.isForeign).reduce((s, i) => s + i.amountMinor, 0);
  const foreignBps =
    r.roundMinor > 0 ? Number(divideRounded(BigInt(foreign) * 10000n, BigInt(r.roundMinor), 'down')) : 0;
  const v = (
    rule: EligibilityRule,
    passed: boolean,
    path: string,
    message: string,
    params: Record<string, number | string> = {},
  ): RuleVerdict => ({ rule, passed, path, message, params });
  return [
    v(
      'incorporated_in_pakistan',
      r.incorporatedIn === 'PK',
      'startupId',
      'The startup must be incorporated in Pakistan',
      {
        incorporatedIn: r.incorporatedIn,
      },
    ),
    v(
      'lead_investor_verified',
      r.lead.status === 'verified',
      'leadInvestorId',
      'The lead investor must be verified by the fund’s staff',
      {
        status: r.lead.status,
      },
    ),
    v(
      'lead_investor_foreign',
      r.lead.jurisdiction !== 'PK',
      'leadInvestorId',
      'The lead investor must be foreign',
      {
        jurisdiction: r.lead.jurisdiction,
      },
    ),
    v(
      'round_adds_up',
      investors + r.requestedMinor === r.roundMinor,
      'roundMinor',
      `The investors’ amounts (${usd(investors)}) and the grant (${usd(r.requestedMinor)}) must add up to the round (${usd(r.roundMinor)})`,
      { investorsMinor: investors, requestedMinor: r.requestedMinor, roundMinor: r.roundMinor },
    ),
    v(
      'foreign_share',
      BigInt(foreign) * 10000n >= BigInt(rules.minForeignShareBps) * BigInt(r.roundMinor),
      'investors',
      `Foreign investors must put at least ${pct(rules.minForeignShareBps)} of the round; they put ${pct(foreignBps)}`,
      { minBps: rules.minForeignShareBps, actualBps: foreignBps },
    ),
    v(
      'grant_share',
      BigInt(r.requestedMinor) * 10000n <= BigInt(rules.maxGrantShareBps) * BigInt(r.roundMinor),
      'requestedMinor',
      `The grant may be at most ${pct(rules.maxGrantShareBps)} of the round`,
      { maxBps: rules.maxGrantShareBps },
    ),
    v(
      'grant_cap',
      r.requestedMinor <= rules.maxGrantMinor,
      'requestedMinor',
      `The grant may be at most ${usd(rules.maxGrantMinor)}`,
      {
        maxMinor: rules.maxGrantMinor,
      },
    ),
    v(
      'earlier_grants',
      r.earlierGrants < rules.maxGrantsPerStartup,
      'startupId',
      `A startup may receive at most ${rules.maxGrantsPerStartup} grant(s); it has ${r.earlierGrants}`,
      { max: rules.maxGrantsPerStartup, earlier: r.earlierGrants },
    ),
  ];
}

/** USD cents to PKR paisa at a rate of `pkrMicros` millionths of a rupee per dollar, half to even. */
export function usdToPkr(usdMinor: number, pkrMicros: number): number {
  return Number(divideRounded(BigInt(usdMinor) * BigInt(pkrMicros), 1_000_000n, 'half_even'));
}

/** "278.4512" → 278451200 micros; at most six decimals. */
export function parseRate(text: string): number {
  const m = /^(\d{1,6})(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!m) throw new RangeError(`not a rate: "${text}"`);
  return Number(m[1]) * 1_000_000 + Number((m[2] ?? '').padEnd(6, '0'));
}

/**
 * What a grant entitles so far: the approved grant in proportion to the foreign money whose
 * arrival was accepted, never more than the grant (rounded down, so partial tranches never
 * overpay; the last arrival brings the remainder).
 */
export function entitledSoFar(
  approvedMinor: number,
  foreignDeclaredMinor: number,
  foreignArrivedMinor: number,
): number {
  if (foreignDeclaredMinor <= 0 || foreignArrivedMinor <= 0) return 0;
  if (foreignArrivedMinor >= foreignDeclaredMinor) return approvedMinor;
  return Number(
    divideRounded(BigInt(approvedMinor) * BigInt(foreignArrivedMinor), BigInt(foreignDeclaredMinor), 'down'),
  );
}

/**
 * The part of the PKR commitment a tranche releases: in proportion to its USD amount, and
 * whatever is left on the last one, so the releases always sum to the commitment exactly.
 */
export function commitmentShare(
  committedPkr: number,
  releasedPkr: number,
  approvedMinor: number,
  paidBefore: number,
  amountMinor: number,
): number {
  if (paidBefore + amountMinor >= approvedMinor) return committedPkr - releasedPkr;
  return Number(
    divideRounded(BigInt(committedPkr) * BigInt(amountMinor), BigInt(approvedMinor), 'half_even'),
  );
}

/** The fiscal year (July–June) a day falls in, named by the year it starts: 2026-07-01 → 2026. */
export function fiscalYearOf(day: string): number {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return m >= 7 ? y : y - 1;
}

/** "2026–27". */
export const fiscalYearLabel = (fy: number) => `${fy}–${String((fy + 1) % 100).padStart(2, '0')}`;

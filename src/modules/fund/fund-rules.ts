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
  /** Committee members without a conflict who must have scored before a decision. */
  quorum: number;
  /** The lowest average score (0–100) of those members with which a grant may be approved. */
  minScore: number;
  /** An exchange rate older than this many days before the day it is needed is refused. */
  maxRateAgeDays: number;
  /** Days after a decision in which the founder may appeal it. */
  appealWindowDays: number;
};

export type RoundFacts = {
  incorporatedIn: string;
  lead: { status: 'pending' | 'verified' | 'rejected'; jurisdiction: string };
  roundMinor: number;
  requestedMinor: number;
  /** The round's currency (ISO 4217, two minor digits); the cap is in USD. */
  currency?: string;
  /** The grant asked for in USD at the day's rates (the same as requestedMinor for a USD round). */
  requestedUsdMinor?: number;
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
const amount = (minor: number, currency = 'USD') =>
  currency === 'USD' ? usd(minor) : `${currency} ${(minor / 100).toLocaleString('en-US')}`;
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
      `The investors’ amounts (${amount(investors, r.currency)}) and the grant (${amount(r.requestedMinor, r.currency)}) must add up to the round (${amount(r.roundMinor, r.currency)})`,
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
      (r.requestedUsdMinor ?? r.requestedMinor) <= rules.maxGrantMinor,
      'requestedMinor',
      r.currency && r.currency !== 'USD'
        ? `The grant may be at most ${usd(rules.maxGrantMinor)}; ${amount(r.requestedMinor, r.currency)} is ${usd(r.requestedUsdMinor ?? r.requestedMinor)} at today’s rates`
        : `The grant may be at most ${usd(rules.maxGrantMinor)}`,
      { maxMinor: rules.maxGrantMinor, requestedUsdMinor: r.requestedUsdMinor ?? r.requestedMinor },
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

/** Why the committee is not ready for a decision: too few scores, or (for an approval) too low an average. */
export type CommitteeShortfall = {
  rule: 'quorum' | 'min_score';
  message: string;
  params: Record<string, number>;
};

/**
 * Whether the scores of the members without a conflict allow the decision: a decision needs
 * `quorum` of them to have scored; an approval also needs their average at least `minScore`.
 */
export function committeeShortfalls(
  scores: number[],
  rules: Pick<RuleSet, 'quorum' | 'minScore'>,
  decision: 'approved' | 'rejected',
): CommitteeShortfall[] {
  const out: CommitteeShortfall[] = [];
  if (scores.length < rules.quorum)
    out.push({
      rule: 'quorum',
      message: `The committee's quorum is ${rules.quorum} member(s) without a conflict who scored; ${scores.length} did`,
      params: { quorum: rules.quorum, scored: scores.length },
    });
  const sum = scores.reduce((s, x) => s + x, 0);
  if (decision === 'approved' && scores.length && sum < rules.minScore * scores.length)
    out.push({
      rule: 'min_score',
      message: `An approval needs an average score of at least ${rules.minScore}; the committee's is ${Math.round((sum / scores.length) * 10) / 10}`,
      params: { minScore: rules.minScore, averageScore: Math.round((sum / scores.length) * 10) / 10 },
    });
  return out;
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

/**
 * How a joint-venture distribution of `amountMinor` USD cents at `pkrMicros` is posted: first it
 * returns called capital still outstanding (at the investment's carrying cost in PKR, in proportion,
 * all of it when the last capital comes back), and what is beyond the capital is a realised gain;
 * the capital's rupees at the day's rate less its cost is the exchange difference (gain positive).
 * cost + gain + fx always equals the distribution's rupees, so the posting balances.
 */
export function splitDistribution(d: {
  amountMinor: number;
  pkrMicros: number;
  outstandingMinor: number;
  carryingPkrMinor: number;
}): { capitalMinor: number; costPkrMinor: number; gainPkrMinor: number; fxPkrMinor: number } {
  const capital = Math.max(0, Math.min(d.amountMinor, d.outstandingMinor));
  const total = usdToPkr(d.amountMinor, d.pkrMicros);
  const capitalAtDay = usdToPkr(capital, d.pkrMicros);
  const cost =
    capital === 0
      ? 0
      : capital >= d.outstandingMinor
        ? d.carryingPkrMinor
        : Number(
            divideRounded(
              BigInt(d.carryingPkrMinor) * BigInt(capital),
              BigInt(d.outstandingMinor),
              'half_even',
            ),
          );
  return {
    capitalMinor: capital,
    costPkrMinor: cost,
    gainPkrMinor: total - capitalAtDay,
    fxPkrMinor: capitalAtDay - cost,
  };
}

/** The fiscal year (July–June) a day falls in, named by the year it starts: 2026-07-01 → 2026. */
export function fiscalYearOf(day: string): number {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return m >= 7 ? y : y - 1;
}

/** "2026–27". */
export const fiscalYearLabel = (fy: number) => `${fy}–${String((fy + 1) % 100).padStart(2, '0')}`;

/** Any fund currency's minor units to PKR paisa (all five have two minor digits, ISO 4217). */
export const toPkr = usdToPkr;

/**
 * The USD equivalent of an amount in another currency on one day, through PKR: `minor` at
 * `pkrMicros` rupees per unit, divided by the day's USD rate (half to even). USD stays as it is.
 */
export function toUsd(minor: number, pkrMicros: number, usdPkrMicros: number): number {
  return Number(divideRounded(BigInt(minor) * BigInt(pkrMicros), BigInt(usdPkrMicros), 'half_even'));
}

/**
 * An exit closes a joint-venture investment: what comes back (`amountMinor`) is all there will
 * be. At or above the capital still out, it splits like a distribution. Below it, all the capital
 * is closed at its carrying cost; the exchange difference is the outstanding capital at the day's
 * rate less its cost, and the realised loss is the outstanding capital at the day's rate less
 * what came back, so that cash + loss = cost + exchange difference.
 */
export function splitExit(d: {
  amountMinor: number;
  pkrMicros: number;
  outstandingMinor: number;
  carryingPkrMinor: number;
}): ReturnType<typeof splitDistribution> & { lossPkrMinor: number } {
  if (d.amountMinor >= d.outstandingMinor) return { ...splitDistribution(d), lossPkrMinor: 0 };
  const outstandingAtDay = usdToPkr(d.outstandingMinor, d.pkrMicros);
  return {
    capitalMinor: d.outstandingMinor,
    costPkrMinor: d.carryingPkrMinor,
    gainPkrMinor: 0,
    fxPkrMinor: outstandingAtDay - d.carryingPkrMinor,
    lossPkrMinor: outstandingAtDay - usdToPkr(d.amountMinor, d.pkrMicros),
  };
}

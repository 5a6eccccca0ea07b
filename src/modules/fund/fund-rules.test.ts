import { describe, expect, it } from 'vitest';
import {
  checkEligibility,
  commitmentShare,
  committeeShortfalls,
  entitledSoFar,
  fiscalYearOf,
  parseRate,
  type RoundFacts,
  usdToPkr,
} from './fund-rules.ts';

const RULES = {
  id: 'r',
  effectiveFrom: '2024-01-01',
  maxGrantMinor: 30_000_000,
  maxGrantShareBps: 3000,
  minForeignShareBps: 7000,
  maxGrantsPerStartup: 1,
  quorum: 2,
  minScore: 60,
  maxRateAgeDays: 7,
  appealWindowDays: 10,
};
const ok: RoundFacts = {
  incorporatedIn: 'PK',
  lead: { status: 'verified', jurisdiction: 'US' },
  roundMinor: 100_000_000,
  requestedMinor: 30_000_000,
  investors: [{ amountMinor: 70_000_000, isForeign: true }],
  earlierGrants: 0,
};
const failing = (r: RoundFacts) =>
  checkEligibility(r, RULES)
    .filter((v) => !v.passed)
    .map((v) => `${v.path}:${v.rule}`);

describe('eligibility of a round', () => {
  it('passes the published example exactly: $300k on a $1m round with $700k foreign', () => {
    expect(failing(ok)).toEqual([]);
  });

  it('refuses each rule with the field it concerns', () => {
    expect(failing({ ...ok, incorporatedIn: 'SG' })).toEqual(['startupId:incorporated_in_pakistan']);
    expect(failing({ ...ok, lead: { status: 'pending', jurisdiction: 'US' } })).toEqual([
      'leadInvestorId:lead_investor_verified',
    ]);
    expect(failing({ ...ok, lead: { status: 'verified', jurisdiction: 'PK' } })).toEqual([
      'leadInvestorId:lead_investor_foreign',
    ]);
    expect(failing({ ...ok, roundMinor: 100_000_001 })).toContain('roundMinor:round_adds_up');
    expect(failing({ ...ok, earlierGrants: 1 })).toEqual(['startupId:earlier_grants']);
    // $2m round, $1.4m foreign, $600k grant: 30% of the round but over the $300k cap.
    expect(
      failing({
        ...ok,
        roundMinor: 200_000_000,
        requestedMinor: 60_000_000,
        investors: [{ amountMinor: 140_000_000, isForeign: true }],
      }),
    ).toEqual(['requestedMinor:grant_cap']);
  });

  it('counts only foreign money towards the foreign share, one cent under the line refused', () => {
    const mixed = (foreign: number, local: number, grant: number): RoundFacts => ({
      ...ok,
      roundMinor: foreign + local + grant,
      requestedMinor: grant,
      investors: [
        { amountMinor: foreign, isForeign: true },
        { amountMinor: local, isForeign: false },
      ],
    });
    expect(failing(mixed(42_000_000, 3_000_000, 15_000_000))).toEqual([]); // 70.0% of $600k
    expect(failing(mixed(41_999_999, 3_000_001, 15_000_000))).toEqual(['investors:foreign_share']);
    const v = checkEligibility(mixed(30_000_000, 40_000_000, 30_000_000), RULES).find(
      (x) => x.rule === 'foreign_share',
    )!;
    expect(v).toMatchObject({ passed: false, params: { minBps: 7000, actualBps: 3000 } });
  });

  it('refuses a grant over the share of the round under a rule that asks less foreign money', () => {
    const lenient = { ...RULES, minForeignShareBps: 5000 };
    const r = {
      ...ok,
      requestedMinor: 30_000_001,
      investors: [{ amountMinor: 69_999_999, isForeign: true }],
    };
    expect(
      checkEligibility(r, lenient)
        .filter((x) => !x.passed)
        .map((x) => x.rule),
    ).toEqual(['grant_share', 'grant_cap']);
  });
});

describe('money at a dated rate', () => {
  it('converts cents to paisa at micro-rupee precision, half to even', () => {
    expect(usdToPkr(30_000_000, parseRate('280'))).toBe(8_400_000_000);
    expect(usdToPkr(1, parseRate('278.455'))).toBe(278); // 278.455 paisa
    expect(usdToPkr(1, parseRate('278.5'))).toBe(278); // a half goes to the even neighbour
    expect(usdToPkr(1, parseRate('279.5'))).toBe(280);
    expect(() => parseRate('27a')).toThrow();
    expect(parseRate('0.000001')).toBe(1);
  });

  it('entitles a grant pro rata to the foreign money that arrived, never more, rounded down', () => {
    expect(entitledSoFar(30_000_000, 70_000_000, 0)).toBe(0);
    expect(entitledSoFar(30_000_000, 70_000_000, 35_000_000)).toBe(15_000_000);
    expect(entitledSoFar(30_000_000, 70_000_000, 1)).toBe(0);
    expect(entitledSoFar(10, 3, 1)).toBe(3); // 3.33 → 3
    expect(entitledSoFar(30_000_000, 70_000_000, 80_000_000)).toBe(30_000_000);
  });

  it('releases the commitment in proportion, the remainder on the last tranche', () => {
    const first = commitmentShare(1000, 0, 3, 0, 1);
    expect(first).toBe(333);
    const second = commitmentShare(1000, first, 3, 1, 1);
    expect(commitmentShare(1000, first + second, 3, 2, 1)).toBe(1000 - first - second);
  });

  it('puts a day in its July–June fiscal year', () => {
    expect(fiscalYearOf('2026-06-30')).toBe(2025);
    expect(fiscalYearOf('2026-07-01')).toBe(2026);
  });
});

describe('the committee before a decision', () => {
  it('names the quorum when too few members without a conflict scored, and the minimum score for an approval', () => {
    expect(committeeShortfalls([80], RULES, 'approved')).toEqual([
      expect.objectContaining({ rule: 'quorum', params: { quorum: 2, scored: 1 } }),
    ]);
    expect(committeeShortfalls([], RULES, 'rejected').map((s) => s.rule)).toEqual(['quorum']);
    // 59.5 on average is below 60; a rejection needs only the quorum.
    expect(committeeShortfalls([60, 59], RULES, 'approved')).toEqual([
      expect.objectContaining({ rule: 'min_score', params: { minScore: 60, averageScore: 59.5 } }),
    ]);
    expect(committeeShortfalls([60, 59], RULES, 'rejected')).toEqual([]);
    expect(committeeShortfalls([60, 60], RULES, 'approved')).toEqual([]);
  });
});

import { divideRounded } from '../../shared/money.ts';

/**
 * The published merit-ranking rules, as a pure function. Anyone holding the stored scores can
 * run this and get the same shortlist:
 *
 * 1. An evaluator's weighted score is 100 × Σ(score/max × weight) / Σ weight.
 * 2. An application's score is the mean of its evaluators' weighted scores; with 5 or more
 *    evaluators the single highest and lowest are dropped first (trimmed mean). It is computed
 *    exactly (integers) and rounded once, half-to-even, to thousandths: `scoreMilli` 87500 = 87.500.
 *    Everything after uses that published figure, so a recomputation from it agrees.
 * 3. Below the pass mark (scoreMilli < passMark × 1000) an application fails.
 * 4. Quota areas: a district with its own quota is an area; the rest of a province is an area
 *    with the province quota, plus seats released to it, minus seats released from it, minus its
 *    district quotas. A province without a quota has 0 seats.
 * 5. In each area passing applications are ranked by score (higher first), then earlier
 *    submission, then reference; the first `seats` of them are shortlisted. Unfilled seats stay
 *    unfilled: only an explicit, recorded release moves them to another province.
 */

export type RankingCriterion = { key: string; weight: number; maxScore: number };
export type RankingQuota = { provinceCode: string; districtId: number | null; seats: number };
export type RankingRelease = { fromProvince: string; toProvince: string; seats: number };
export type RankingApplication = {
  id: string;
  reference: string;
  provinceCode: string;
  districtId: number | null;
  /** Milliseconds since the epoch. */
  submittedAt: number;
  /** One entry per submitted evaluation: criterion key → score. */
  evaluations: Record<string, number>[];
};
export type RankingInput = {
  passMark: number;
  requiredEvaluations: number;
  criteria: RankingCriterion[];
  quotas: RankingQuota[];
  releases: RankingRelease[];
  applications: RankingApplication[];
};

export type Outcome = 'shortlisted' | 'not_selected' | 'failed' | 'incomplete';

export type RankedApplication = {
  id: string;
  reference: string;
  provinceCode: string;
  districtId: number | null;
  /** The area this application competed in: a district with a quota, or the rest of the province. */
  areaKey: string;
  evaluationCount: number;
  scoreMilli: number | null;
  /** Position among the passing applications of the area, 1-based; null when not ranked. */
  rank: number | null;
  outcome: Outcome;
  reason: string;
};

export type RankingArea = {
  key: string;
  provinceCode: string;
  districtId: number | null;
  seats: number;
  shortlisted: number;
  passing: number;
};

export type RankingResult = { areas: RankingArea[]; applications: RankedApplication[] };

export const areaKey = (provinceCode: string, districtId: number | null) =>
  districtId === null ? provinceCode : `${provinceCode}/${districtId}`;

/** Σ weight and the exact numerator of one evaluator's weighted score over a common denominator. */
function evaluatorNumerator(criteria: RankingCriterion[], scores: Record<string, number>, common: bigint) {
  let n = 0n;
  for (const c of criteria) {
    const s = scores[c.key] ?? 0;
    n += BigInt(s) * BigInt(c.weight) * (common / BigInt(c.maxScore));
  }
  return n;
}

/**
 * The application score in thousandths, or null with no evaluations. Exact: every evaluator's
 * weighted score shares the denominator lcm(max scores) × Σ weight, so numerators are integers.
 */
export function applicationScoreMilli(
  criteria: RankingCriterion[],
  evaluations: Record<string, number>[],
): number | null {
  if (evaluations.length === 0 || criteria.length === 0) return null;
  let common = 1n;
  for (const c of criteria) common = lcm(common, BigInt(c.maxScore));
  const totalWeight = criteria.reduce((a, c) => a + BigInt(c.weight), 0n);
  let nums = evaluations.map((e) => evaluatorNumerator(criteria, e, common));
  if (nums.length >= 5) {
    nums = [...nums].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).slice(1, -1);
  }
  const sum = nums.reduce((a, b) => a + b, 0n);
  const denominator = BigInt(nums.length) * common * totalWeight;
  return Number(divideRounded(sum * 100_000n, denominator, 'half_even'));
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
const lcm = (a: bigint, b: bigint) => (a / gcd(a, b)) * b;

export function formatScore(milli: number): string {
  return `${Math.trunc(milli / 1000)}.${String(milli % 1000).padStart(3, '0')}`;
}

/** Seats per area after releases; see rule 4. */
export function quotaAreas(quotas: RankingQuota[], releases: RankingRelease[]): Map<string, RankingArea> {
  const areas = new Map<string, RankingArea>();
  const provinceSeats = new Map<string, number>();
  for (const q of quotas) {
    if (q.districtId === null)
      provinceSeats.set(q.provinceCode, (provinceSeats.get(q.provinceCode) ?? 0) + q.seats);
  }
  for (const r of releases) {
    provinceSeats.set(r.fromProvince, (provinceSeats.get(r.fromProvince) ?? 0) - r.seats);
    provinceSeats.set(r.toProvince, (provinceSeats.get(r.toProvince) ?? 0) + r.seats);
  }
  for (const q of quotas) {
    if (q.districtId === null) continue;
    const key = areaKey(q.provinceCode, q.districtId);
    areas.set(key, {
      key,
      provinceCode: q.provinceCode,
      districtId: q.districtId,
      seats: q.seats,
      shortlisted: 0,
      passing: 0,
    });
    provinceSeats.set(q.provinceCode, (provinceSeats.get(q.provinceCode) ?? 0) - q.seats);
  }
  for (const [province, seats] of provinceSeats) {
    areas.set(province, {
      key: province,
      provinceCode: province,
      districtId: null,
      seats: Math.max(0, seats),
      shortlisted: 0,
      passing: 0,
    });
  }
  return areas;
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function rankApplications(input: RankingInput): RankingResult {
  const areas = quotaAreas(input.quotas, input.releases);
  const districtAreas = new Set(
    input.quotas.filter((q) => q.districtId !== null).map((q) => areaKey(q.provinceCode, q.districtId)),
  );
  const passMilli = input.passMark * 1000;
  const out: RankedApplication[] = [];
  const competing = new Map<string, RankedApplication[]>();
  const submittedAt = new Map(input.applications.map((a) => [a.id, a.submittedAt]));

  for (const a of input.applications) {
    const dk = areaKey(a.provinceCode, a.districtId);
    const key = a.districtId !== null && districtAreas.has(dk) ? dk : a.provinceCode;
    if (!areas.has(key)) {
      areas.set(key, {
        key,
        provinceCode: a.provinceCode,
        districtId: null,
        seats: 0,
        shortlisted: 0,
        passing: 0,
      });
    }
    const scoreMilli =
      a.evaluations.length >= input.requiredEvaluations
        ? applicationScoreMilli(input.criteria, a.evaluations)
        : null;
    const base = {
      id: a.id,
      reference: a.reference,
      provinceCode: a.provinceCode,
      districtId: a.districtId,
      areaKey: key,
      evaluationCount: a.evaluations.length,
      scoreMilli,
      rank: null,
    };
    if (scoreMilli === null) {
      out.push({
        ...base,
        outcome: 'incomplete',
        reason: `${a.evaluations.length} of ${input.requiredEvaluations} evaluations submitted`,
      });
    } else if (scoreMilli < passMilli) {
      out.push({
        ...base,
        outcome: 'failed',
        reason: `Score ${formatScore(scoreMilli)} is below the pass mark of ${input.passMark}`,
      });
    } else {
      const r: RankedApplication = { ...base, outcome: 'not_selected', reason: '' };
      out.push(r);
      const list = competing.get(key) ?? [];
      list.push(r);
      competing.set(key, list);
    }
  }

  for (const [key, list] of competing) {
    const area = areas.get(key)!;
    list.sort(
      (x, y) =>
        y.scoreMilli! - x.scoreMilli! ||
        submittedAt.get(x.id)! - submittedAt.get(y.id)! ||
        byCode(x.reference, y.reference),
    );
    area.passing = list.length;
    list.forEach((r, i) => {
      r.rank = i + 1;
      const where = `${area.districtId === null ? area.provinceCode : `district ${area.districtId} of ${area.provinceCode}`}`;
      if (i < area.seats) {
        r.outcome = 'shortlisted';
        area.shortlisted++;
        r.reason = `Score ${formatScore(r.scoreMilli!)}, rank ${i + 1} of ${list.length} passing in ${where}, within the quota of ${area.seats}`;
      } else {
        r.reason = `Score ${formatScore(r.scoreMilli!)}, rank ${i + 1} of ${list.length} passing in ${where}, beyond the quota of ${area.seats}`;
      }
    });
  }

  out.sort(
    (x, y) =>
      byCode(x.areaKey, y.areaKey) ||
      (x.rank ?? Number.MAX_SAFE_INTEGER) - (y.rank ?? Number.MAX_SAFE_INTEGER) ||
      (y.scoreMilli ?? -1) - (x.scoreMilli ?? -1) ||
      byCode(x.reference, y.reference),
  );
  const areaList = [...areas.values()].sort((x, y) => byCode(x.key, y.key));
  return { areas: areaList, applications: out };
}

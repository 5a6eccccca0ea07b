import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applicationScoreMilli,
  formatScore,
  type RankingApplication,
  type RankingInput,
  rankApplications,
} from './ranking.ts';

const criteria = [
  { key: 'a', weight: 40, maxScore: 10 },
  { key: 'b', weight: 60, maxScore: 20 },
];

function app(
  id: string,
  province: string,
  scores: [number, number][],
  submittedAt = 0,
  districtId: number | null = null,
): RankingApplication {
  return {
    id,
    reference: `EOI-2026-${id.padStart(4, '0')}`,
    provinceCode: province,
    districtId,
    submittedAt,
    evaluations: scores.map(([a, b]) => ({ a, b })),
  };
}

const base: Omit<RankingInput, 'applications'> = {
  passMark: 50,
  requiredEvaluations: 3,
  criteria,
  quotas: [
    { provinceCode: 'PB', districtId: null, seats: 2 },
    { provinceCode: 'SD', districtId: null, seats: 1 },
  ],
  releases: [],
};

describe('scores', () => {
  it('weights each criterion by score/max and normalises to 100', () => {
    expect(applicationScoreMilli(criteria, [{ a: 10, b: 20 }])).toBe(100_000);
    expect(applicationScoreMilli(criteria, [{ a: 5, b: 10 }])).toBe(50_000);
    expect(applicationScoreMilli(criteria, [{ a: 0, b: 0 }])).toBe(0);
    // (1/3 × 40 + 0) = 13.333…
    expect(
      applicationScoreMilli(
        [
          { key: 'a', weight: 40, maxScore: 3 },
          { key: 'b', weight: 60, maxScore: 7 },
        ],
        [{ a: 1, b: 0 }],
      ),
    ).toBe(13_333);
  });

  it('averages evaluators exactly and rounds once, half to even', () => {
    // 100, 50, 0 → mean 50
    expect(
      applicationScoreMilli(criteria, [
        { a: 10, b: 20 },
        { a: 5, b: 10 },
        { a: 0, b: 0 },
      ]),
    ).toBe(50_000);
    // one criterion out of 8, weight 1: scores 1 and 2 → 12.5% and 25% → 18.75 exactly
    expect(applicationScoreMilli([{ key: 'x', weight: 1, maxScore: 8 }], [{ x: 1 }, { x: 2 }])).toBe(18_750);
    // 1/16 = 6.25, 1/16000 style ties: 100 × 1/2000 = 0.05 exactly → 50 thousandths
    expect(applicationScoreMilli([{ key: 'x', weight: 1, maxScore: 2000 }], [{ x: 1 }])).toBe(50);
    // 100 × 1/3 / 2 evaluators … exact rational then one rounding
    expect(applicationScoreMilli([{ key: 'x', weight: 1, maxScore: 3 }], [{ x: 1 }, { x: 0 }])).toBe(16_667);
  });

  it('drops the highest and lowest with five or more evaluators', () => {
    const five = [
      { a: 10, b: 20 },
      { a: 0, b: 0 },
      { a: 5, b: 10 },
      { a: 5, b: 10 },
      { a: 5, b: 10 },
    ];
    expect(applicationScoreMilli(criteria, five)).toBe(50_000);
    const four = five.slice(0, 4);
    expect(applicationScoreMilli(criteria, four)).toBe(50_000);
    expect(
      applicationScoreMilli(criteria, [
        { a: 10, b: 20 },
        { a: 0, b: 0 },
        { a: 0, b: 0 },
        { a: 0, b: 0 },
        { a: 0, b: 0 },
      ]),
    ).toBe(0);
  });

  it('formats thousandths as exact decimal text', () => {
    expect(formatScore(87_500)).toBe('87.500');
    expect(formatScore(5)).toBe('0.005');
    expect(formatScore(100_000)).toBe('100.000');
  });
});

describe('ranking', () => {
  it('shortlists by score within each province quota, failing those below the pass mark', () => {
    const r = rankApplications({
      ...base,
      applications: [
        app('1', 'PB', [
          [10, 20],
          [10, 20],
          [10, 20],
        ]),
        app('2', 'PB', [
          [6, 12],
          [6, 12],
          [6, 12],
        ]),
        app('3', 'PB', [
          [8, 16],
          [8, 16],
          [8, 16],
        ]),
        app('4', 'PB', [
          [1, 2],
          [1, 2],
          [1, 2],
        ]),
        app('5', 'SD', [
          [6, 12],
          [6, 12],
          [6, 12],
        ]),
        app('6', 'KP', [
          [10, 20],
          [10, 20],
          [10, 20],
        ]),
        app('7', 'SD', [
          [6, 12],
          [6, 12],
        ]),
      ],
    });
    const by = Object.fromEntries(r.applications.map((a) => [a.id, `${a.outcome}:${a.rank}`]));
    expect(by).toEqual({
      '1': 'shortlisted:1',
      '3': 'shortlisted:2',
      '2': 'not_selected:3',
      '4': 'failed:null',
      '5': 'shortlisted:1',
      '6': 'not_selected:1',
      '7': 'incomplete:null',
    });
    expect(r.areas.find((a) => a.key === 'KP')).toMatchObject({ seats: 0, shortlisted: 0 });
  });

  it('breaks ties by earlier submission, then by reference', () => {
    const same: [number, number][] = [
      [7, 14],
      [7, 14],
      [7, 14],
    ];
    const r = rankApplications({
      ...base,
      quotas: [{ provinceCode: 'PB', districtId: null, seats: 1 }],
      applications: [app('3', 'PB', same, 100), app('2', 'PB', same, 50), app('1', 'PB', same, 100)],
    });
    expect(r.applications.map((a) => `${a.id}:${a.rank}:${a.outcome}`)).toEqual([
      '2:1:shortlisted',
      '1:2:not_selected',
      '3:3:not_selected',
    ]);
  });

  it('leaves unfilled quota unfilled unless released, then re-ranks', () => {
    const apps = [
      app('1', 'PB', [
        [9, 18],
        [9, 18],
        [9, 18],
      ]),
      app('2', 'PB', [
        [8, 16],
        [8, 16],
        [8, 16],
      ]),
      app('3', 'PB', [
        [7, 14],
        [7, 14],
        [7, 14],
      ]),
    ];
    const before = rankApplications({ ...base, applications: apps });
    expect(before.applications.filter((a) => a.outcome === 'shortlisted')).toHaveLength(2);
    expect(before.areas.find((a) => a.key === 'SD')).toMatchObject({ seats: 1, shortlisted: 0 });
    const after = rankApplications({
      ...base,
      releases: [{ fromProvince: 'SD', toProvince: 'PB', seats: 1 }],
      applications: apps,
    });
    expect(after.applications.filter((a) => a.outcome === 'shortlisted')).toHaveLength(3);
    expect(after.areas.find((a) => a.key === 'SD')).toMatchObject({ seats: 0 });
  });

  it('gives a district with its own quota its own ranking, and the rest of the province the remainder', () => {
    const r = rankApplications({
      ...base,
      quotas: [
        { provinceCode: 'PB', districtId: null, seats: 2 },
        { provinceCode: 'PB', districtId: 7, seats: 1 },
      ],
      applications: [
        app(
          '1',
          'PB',
          [
            [9, 18],
            [9, 18],
            [9, 18],
          ],
          0,
          7,
        ),
        app(
          '2',
          'PB',
          [
            [8, 16],
            [8, 16],
            [8, 16],
          ],
          0,
          7,
        ),
        app(
          '3',
          'PB',
          [
            [6, 12],
            [6, 12],
            [6, 12],
          ],
          0,
          9,
        ),
        app(
          '4',
          'PB',
          [
            [5, 10],
            [5, 10],
            [5, 10],
          ],
          0,
          null,
        ),
      ],
    });
    const by = Object.fromEntries(r.applications.map((a) => [a.id, `${a.areaKey}:${a.outcome}`]));
    expect(by).toEqual({
      '1': 'PB/7:shortlisted',
      '2': 'PB/7:not_selected',
      '3': 'PB:shortlisted',
      '4': 'PB:not_selected',
    });
  });
});

const provinces = ['PB', 'SD', 'KP'];
const arbInput = fc
  .record({
    passMark: fc.integer({ min: 0, max: 100 }),
    quotas: fc.tuple(fc.nat(4), fc.nat(4), fc.nat(4)),
    district: fc.nat(3),
    apps: fc.array(
      fc.record({
        province: fc.constantFrom(...provinces),
        inDistrict: fc.boolean(),
        submittedAt: fc.nat(20),
        evals: fc.array(fc.tuple(fc.nat(10), fc.nat(20)), { minLength: 2, maxLength: 6 }),
      }),
      { maxLength: 25 },
    ),
  })
  .map(
    ({ passMark, quotas, district, apps }): RankingInput => ({
      passMark,
      requiredEvaluations: 2,
      criteria,
      quotas: [
        { provinceCode: 'PB', districtId: null, seats: quotas[0] + district },
        { provinceCode: 'PB', districtId: 1, seats: district },
        { provinceCode: 'SD', districtId: null, seats: quotas[1] },
        { provinceCode: 'KP', districtId: null, seats: quotas[2] },
      ],
      releases: [],
      applications: apps.map((a, i) =>
        app(
          String(i + 1),
          a.province,
          a.evals,
          a.submittedAt,
          a.province === 'PB' && a.inDistrict ? 1 : null,
        ),
      ),
    }),
  );

describe('ranking properties', () => {
  it('never shortlists more than an area’s quota', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const r = rankApplications(input);
        for (const area of r.areas) {
          const n = r.applications.filter(
            (a) => a.areaKey === area.key && a.outcome === 'shortlisted',
          ).length;
          expect(n).toBeLessThanOrEqual(area.seats);
          expect(n).toBe(area.shortlisted);
        }
        const total = input.quotas.filter((q) => q.districtId === null).reduce((s, q) => s + q.seats, 0);
        expect(r.applications.filter((a) => a.outcome === 'shortlisted').length).toBeLessThanOrEqual(total);
      }),
      { numRuns: 300 },
    );
  });

  it('never ranks a higher score below a lower one in the same area', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const r = rankApplications(input);
        const ranked = r.applications.filter((a) => a.rank !== null);
        for (const x of ranked)
          for (const y of ranked) {
            if (x.areaKey !== y.areaKey || x.scoreMilli! <= y.scoreMilli!) continue;
            expect(x.rank!).toBeLessThan(y.rank!);
            if (y.outcome === 'shortlisted') expect(x.outcome).toBe('shortlisted');
          }
        for (const a of r.applications) {
          if (a.outcome === 'failed') expect(a.scoreMilli!).toBeLessThan(input.passMark * 1000);
          if (a.rank !== null) expect(a.scoreMilli!).toBeGreaterThanOrEqual(input.passMark * 1000);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('fills every quota seat it can: a passing application is left out only when its area is full', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const r = rankApplications(input);
        for (const a of r.applications.filter((x) => x.outcome === 'not_selected')) {
          const area = r.areas.find((x) => x.key === a.areaKey)!;
          expect(area.shortlisted).toBe(area.seats);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic: the same data in any order gives the same result', () => {
    fc.assert(
      fc.property(arbInput, fc.integer(), (input, seed) => {
        const shuffled: RankingInput = {
          ...input,
          quotas: shuffle(input.quotas, seed),
          applications: shuffle(input.applications, seed).map((a) => ({
            ...a,
            evaluations: shuffle(a.evaluations, seed + 1),
          })),
        };
        expect(rankApplications(shuffled)).toEqual(rankApplications(input));
      }),
      { numRuns: 200 },
    );
  });
});

function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

import { describe, expect, it } from 'vitest';
import { decideAdmissions } from './admission.ts';
import { ageOn, checkEligibility } from './eligibility.ts';
import { splitSeats } from './seat-split.ts';
import { stipendWithheldReasons } from './stipend-rules.ts';

describe('seats shared between districts by population (largest remainder)', () => {
  it('splits 30 seats over three districts in proportion, the leftover to the largest remainders', () => {
    // 13.0M, 4.1M, 1.6M of 18.7M: quotas 20.84, 6.54, 2.62 → 20, 6, 2 and two seats left, which go
    // to the largest remainders (.84 and .62), not to the second-largest district.
    const seats = splitSeats(30, [
      { districtId: 1, weight: 13_004_135 },
      { districtId: 2, weight: 4_084_286 },
      { districtId: 3, weight: 1_634_871 },
    ]);
    expect([...seats.entries()].sort()).toEqual([
      [1, 21],
      [2, 6],
      [3, 3],
    ]);
  });
  it('equal weights share evenly; ties in remainder go to the lower district id', () => {
    const seats = splitSeats(10, [
      { districtId: 5, weight: 1 },
      { districtId: 3, weight: 1 },
      { districtId: 9, weight: 1 },
    ]);
    expect(seats.get(3)).toBe(4);
    expect(seats.get(5)).toBe(3);
    expect(seats.get(9)).toBe(3);
    expect([...seats.values()].reduce((a, b) => a + b)).toBe(10);
  });
});

describe('eligibility: each rule with its reason', () => {
  const rules = [
    { kind: 'domicile_province' as const, valueText: 'PB', valueInt: null },
    { kind: 'max_age' as const, valueText: null, valueInt: 35 },
    { kind: 'min_age' as const, valueText: null, valueInt: 18 },
    { kind: 'min_education_years' as const, valueText: null, valueInt: 16 },
  ];
  const ok = { domicileProvince: 'PB', birthDate: '2000-05-01', educationYears: 16 };
  it('passes an applicant who meets every rule', () => {
    expect(checkEligibility(rules, ok, '2026-12-01').every((r) => r.passed)).toBe(true);
  });
  it.each([
    [
      'domicile_province',
      { domicileProvince: 'SD' },
      'Domicile must be in PB; yours is in SD',
      { province: 'SD', allowed: 'PB' },
    ],
    [
      'max_age',
      { birthDate: '1985-01-01' },
      'Must be 35 or under on 2026-12-01; you will be 41',
      { age: 41, limit: 35, on: '2026-12-01' },
    ],
    [
      'min_age',
      { birthDate: '2010-01-01' },
      'Must be at least 18 on 2026-12-01; you will be 16',
      { age: 16, limit: 18, on: '2026-12-01' },
    ],
    [
      'min_education_years',
      { educationYears: 14 },
      'Needs 16 years of education; you have 14',
      { years: 14, limit: 16 },
    ],
  ])(
    'refuses on %s with its reason, and its code and figures for the Urdu page',
    (rule, change, reason, params) => {
      const out = checkEligibility(rules, { ...ok, ...change }, '2026-12-01');
      const failed = out.filter((r) => !r.passed);
      expect(failed).toEqual([{ rule, passed: false, reason, code: `${rule}.failed`, params }]);
    },
  );
  it('counts age in whole years on the first day', () => {
    expect(ageOn('1991-12-02', '2026-12-01')).toBe(34);
    expect(ageOn('1991-12-01', '2026-12-01')).toBe(35);
  });
});

describe('admission order', () => {
  const at = (m: number) => new Date(Date.UTC(2026, 10, 1, 0, m));
  const cs = [
    { enrolmentId: 'a', districtId: 1, meritScore: 60, appliedAt: at(1) },
    { enrolmentId: 'b', districtId: 1, meritScore: 90, appliedAt: at(2) },
    { enrolmentId: 'c', districtId: 1, meritScore: 70, appliedAt: at(3) },
    { enrolmentId: 'd', districtId: 2, meritScore: 50, appliedAt: at(4) },
    { enrolmentId: 'e', districtId: 7, meritScore: 95, appliedAt: at(5) },
  ];
  it('by merit: district seats first, then the open pool, then the waitlist in order', () => {
    const d = decideAdmissions(
      'merit',
      4,
      new Map([
        [1, 2],
        [2, 1],
      ]),
      cs,
    );
    const by = new Map(d.map((x) => [x.enrolmentId, x]));
    expect(by.get('b')).toMatchObject({ outcome: 'admitted', seatDistrictId: 1 });
    expect(by.get('c')).toMatchObject({ outcome: 'admitted', seatDistrictId: 1 });
    expect(by.get('d')).toMatchObject({ outcome: 'admitted', seatDistrictId: 2 });
    expect(by.get('e')).toMatchObject({ outcome: 'admitted', seatDistrictId: null });
    expect(by.get('a')).toMatchObject({ outcome: 'waitlisted', position: 1 });
  });
  it('first come: earlier applications win the district seats', () => {
    const d = decideAdmissions(
      'first_come',
      3,
      new Map([
        [1, 2],
        [2, 1],
      ]),
      cs,
    );
    const admitted = d.filter((x) => x.outcome === 'admitted').map((x) => x.enrolmentId);
    expect(admitted.sort()).toEqual(['a', 'b', 'd']);
  });
});

describe('a stipend is withheld for each missing condition', () => {
  const earned = {
    trainerId: 't',
    sessions: 8,
    sessionsNotHeld: 0,
    attendanceMissing: 0,
    monthlyReportIn: true,
  };
  it('is earned when every condition holds', () => {
    expect(stipendWithheldReasons(earned)).toEqual([]);
  });
  it.each([
    ['no_trainer', { trainerId: null }],
    ['no_sessions', { sessions: 0 }],
    ['sessions_not_held', { sessionsNotHeld: 2 }],
    ['attendance_missing', { attendanceMissing: 1 }],
    ['no_monthly_report', { monthlyReportIn: false }],
  ])('%s', (reason, change) => {
    expect(stipendWithheldReasons({ ...earned, ...change })).toEqual([reason]);
  });
});

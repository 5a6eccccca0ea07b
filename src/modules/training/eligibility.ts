import type { RuleKind, RuleReason } from './training.table.ts';

/** A published eligibility rule as it applies on a given day (effective-dated in the database). */
export type EligibilityRule = { kind: RuleKind; valueText: string | null; valueInt: number | null };

export type Applicant = {
  /** Province of the district named on the applicant's domicile certificate. */
  domicileProvince: string;
  birthDate: string;
  educationYears: number;
};

/** The reason's code (`<rule>.passed` or `<rule>.failed`) and the figures it names. */
const coded = (rule: string, passed: boolean, params: Record<string, string | number>) => ({
  code: `${rule}.${passed ? 'passed' : 'failed'}`,
  params,
});

/** Whole years from `birthDate` to `onDate` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * Each rule's verdict, with the reason the applicant is shown. Pure: the caller loads the rules in
 * force on the day of the application. Age is counted on the cohort's first day.
 */
export function checkEligibility(
  rules: readonly EligibilityRule[],
  a: Applicant,
  startsOn: string,
): RuleReason[] {
  return rules.map((r): RuleReason => {
    switch (r.kind) {
      case 'domicile_province': {
        const allowed = (r.valueText ?? '').split(',').map((s) => s.trim());
        const passed = allowed.includes(a.domicileProvince);
        return {
          rule: r.kind,
          passed,
          reason: passed
            ? `Domicile in ${a.domicileProvince} is accepted`
            : `Domicile must be in ${allowed.join(' or ')}; yours is in ${a.domicileProvince}`,
          ...coded(r.kind, passed, { province: a.domicileProvince, allowed: allowed.join(', ') }),
        };
      }
      case 'min_age': {
        const age = ageOn(a.birthDate, startsOn);
        const passed = age >= (r.valueInt ?? 0);
        return {
          rule: r.kind,
          passed,
          reason: passed
            ? `Aged ${age} on ${startsOn}, at least ${r.valueInt}`
            : `Must be at least ${r.valueInt} on ${startsOn}; you will be ${age}`,
          ...coded(r.kind, passed, { age, limit: r.valueInt ?? 0, on: startsOn }),
        };
      }
      case 'max_age': {
        const age = ageOn(a.birthDate, startsOn);
        const passed = age <= (r.valueInt ?? 200);
        return {
          rule: r.kind,
          passed,
          reason: passed
            ? `Aged ${age} on ${startsOn}, at most ${r.valueInt}`
            : `Must be ${r.valueInt} or under on ${startsOn}; you will be ${age}`,
          ...coded(r.kind, passed, { age, limit: r.valueInt ?? 0, on: startsOn }),
        };
      }
      case 'min_education_years': {
        const passed = a.educationYears >= (r.valueInt ?? 0);
        return {
          rule: r.kind,
          passed,
          reason: passed
            ? `${a.educationYears} years of education, at least ${r.valueInt}`
            : `Needs ${r.valueInt} years of education; you have ${a.educationYears}`,
          ...coded(r.kind, passed, { years: a.educationYears, limit: r.valueInt ?? 0 }),
        };
      }
      default: {
        const never: never = r.kind;
        throw new Error(`unknown rule ${String(never)}`);
      }
    }
  });
}

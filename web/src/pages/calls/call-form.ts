import { ApiError } from '../../api/client';
import {
  type Call,
  type Criterion,
  DEFAULT_CRITERIA,
  FIRST_PHASE_QUOTAS,
  isoToKarachiLocal,
  karachiLocalToIso,
  PROVINCES,
  type ProvinceCode,
  paisaToRupees,
  type Quota,
  rupeesToPaisa,
} from './shared';

export type CriterionRow = {
  uid: number;
  key: string;
  labelEn: string;
  labelUr: string;
  weight: string;
  maxScore: string;
};

export type Form = {
  titleEn: string;
  titleUr: string;
  descriptionEn: string;
  descriptionUr: string;
  opensAt: string;
  closesAt: string;
  passMark: string;
  evaluatorsPerApplication: string;
  loanCapRupees: string;
  appealWindowDays: string;
  quotas: Record<ProvinceCode, string>;
  /** District quotas are not edited here; kept as they are so saving does not drop them. */
  districtQuotas: Quota[];
  criteria: CriterionRow[];
};

export const DAY = 86_400_000;

export function nowKarachi(offsetMs = 0): string {
  return isoToKarachiLocal(new Date(Date.now() + offsetMs).toISOString());
}

let nextUid = 1;
/** A fresh key for a new criterion row. */
export const newUid = () => nextUid++;

export function criterionRow(c: Criterion): CriterionRow {
  return { uid: nextUid++, ...c, weight: String(c.weight), maxScore: String(c.maxScore) };
}

export function emptyForm(): Form {
  return {
    titleEn: '',
    titleUr: '',
    descriptionEn: '',
    descriptionUr: '',
    opensAt: nowKarachi(),
    closesAt: nowKarachi(42 * DAY),
    passMark: '50',
    evaluatorsPerApplication: '3',
    loanCapRupees: '10000000',
    appealWindowDays: '10',
    quotas: Object.fromEntries(PROVINCES.map((p) => [p, String(FIRST_PHASE_QUOTAS[p])])) as Form['quotas'],
    districtQuotas: [],
    criteria: DEFAULT_CRITERIA.map(criterionRow),
  };
}

export function fromCall(c: Call): Form {
  const q = Object.fromEntries(PROVINCES.map((p) => [p, '0'])) as Form['quotas'];
  for (const x of c.quotas) if (x.districtId === null) q[x.provinceCode] = String(x.seats);
  return {
    titleEn: c.titleEn,
    titleUr: c.titleUr,
    descriptionEn: c.descriptionEn,
    descriptionUr: c.descriptionUr,
    opensAt: isoToKarachiLocal(c.opensAt),
    closesAt: isoToKarachiLocal(c.closesAt),
    passMark: String(c.passMark),
    evaluatorsPerApplication: String(c.evaluatorsPerApplication),
    loanCapRupees: paisaToRupees(c.loanCapMinor),
    appealWindowDays: String(c.appealWindowDays),
    quotas: q,
    districtQuotas: c.quotas.filter((x) => x.districtId !== null),
    criteria: c.criteria.map(criterionRow),
  };
}

export function bodyOf(f: Form) {
  const cap = rupeesToPaisa(f.loanCapRupees);
  if (cap === null)
    throw new ApiError(400, {
      code: 'validation_failed',
      fields: [{ path: 'loanCapMinor', message: 'must be an amount in rupees, e.g. 10000000' }],
    });
  return {
    titleEn: f.titleEn,
    titleUr: f.titleUr,
    descriptionEn: f.descriptionEn,
    descriptionUr: f.descriptionUr,
    opensAt: f.opensAt ? karachiLocalToIso(f.opensAt) : '',
    closesAt: f.closesAt ? karachiLocalToIso(f.closesAt) : '',
    passMark: Number(f.passMark),
    evaluatorsPerApplication: Number(f.evaluatorsPerApplication),
    loanCapMinor: cap,
    appealWindowDays: Number(f.appealWindowDays),
    criteria: f.criteria.map((c) => ({
      key: c.key.trim(),
      labelEn: c.labelEn,
      labelUr: c.labelUr,
      weight: Number(c.weight),
      maxScore: Number(c.maxScore),
    })),
    quotas: [
      ...PROVINCES.map((p) => ({ provinceCode: p, districtId: null, seats: Number(f.quotas[p] || 0) })),
      ...f.districtQuotas,
    ],
  };
}

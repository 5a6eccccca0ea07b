import type { Deps } from '../../deps.ts';
import { findCertifiedEnrolments, type TrainingOutcomes, trainingOutcomes } from '../training/index.ts';
import { type Column, dataset } from './open-data.dataset.ts';

type Group = TrainingOutcomes['byProvince'][number];

/** Training against the promise, as the portal shows it: aggregates only, groups under 3 withheld. */
async function outcomes(deps: Deps) {
  return trainingOutcomes(deps.db, deps.clock.now(), await findCertifiedEnrolments(deps, deps.db));
}

const count = (name: keyof Group & string, what: string): Column<Group> => ({
  name,
  type: 'integer',
  description: `${what}; empty when fewer than 3 people (withheld)`,
  unit: 'people',
  constraints: { minimum: 0 },
});
const COUNTS: Column<Group>[] = [
  count('applied', 'Eligible applications'),
  count('admitted', 'Admitted and stayed on (admitted, completed or not completed)'),
  count('completed', 'Completed the course'),
  count('certified', 'Completed and holding a valid certificate'),
  {
    name: 'women_share_bp',
    type: 'integer',
    description: 'Share of women among those completing who declared a gender, basis points; empty under 3',
    unit: 'basis_points',
    from: 'womenShareBp',
    constraints: { minimum: 0, maximum: 10_000 },
  },
];

export const TRAINING_DATASETS = [
  dataset<Group>({
    name: 'training-by-province',
    title: 'Training by province',
    description:
      'Applied, admitted, completed and certified by the province of the training centre, against the promise of 16,000 trained. No personal data.',
    source: async (deps) => (await outcomes(deps)).byProvince,
    primaryKey: ['province_code'],
    foreignKeys: [{ fields: ['province_code'], reference: { resource: 'provinces', fields: ['code'] } }],
    fields: [
      {
        name: 'province_code',
        type: 'string',
        description: 'Province of the centre',
        from: 'key',
        constraints: { required: true },
      },
      ...COUNTS,
    ],
  }),
  dataset<Group>({
    name: 'training-by-month',
    title: 'Training by month of application',
    description:
      'Applied, admitted, completed and certified by the month the application was made (Asia/Karachi). No personal data.',
    source: async (deps) => (await outcomes(deps)).byMonth,
    primaryKey: ['month'],
    fields: [
      {
        name: 'month',
        type: 'yearmonth',
        description: 'Month of application',
        from: 'key',
        constraints: { required: true },
      },
      ...COUNTS,
    ],
  }),
];

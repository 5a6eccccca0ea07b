// The training area's public face: other areas import only from here (docs/decisions/0025-training.md).
import type { AreaManifest } from '../../platform/area.ts';
import { inOrder } from '../../platform/figures.ts';
import { subscribe } from '../../platform/hooks.ts';
import { calendarEntries } from '../bookings/index.ts';
import { trainingCalendarEntries } from './timetable.service.ts';
import { trainingCli } from './training.cli.ts';
import { seedTrainingDemo } from './training.demo.ts';
import { completionAnnulled, enrolmentCompleted } from './training.events.ts';
import { trainingFigures } from './training.figures.ts';
import { trainingPersonalRecords } from './training.records.ts';
import { trainingRoutes } from './training.routes.ts';

export const trainingArea: AreaManifest = {
  personalRecords: trainingPersonalRecords,
  name: 'training',
  // A trainer's IBAN for the stipend payment file, and an applicant's date of birth, sealed (decision 0038).
  personalData: [
    { table: 'trainer_bank_accounts', id: 'trainer_id', purpose: 'finance', columns: [{ name: 'iban' }] },
    {
      table: 'training_enrolments',
      id: 'enrolment_id',
      purpose: 'identity',
      columns: [{ name: 'birth_date' }],
    },
  ],
  routes: (deps, { publicLimit }) => trainingRoutes(deps, publicLimit),
  figures: inOrder(85, trainingFigures),
  events: [enrolmentCompleted, completionAnnulled],
  demo: { step: 'training: courses, cohorts, completions and trainer stipends', seed: seedTrainingDemo },
  cli: trainingCli,
  // A trainee's sessions appear in their iCal feed beside their bookings.
  hooks: [subscribe(calendarEntries, trainingCalendarEntries)],
  publicPages: {
    routes: ['/api/v1/public/training'],
  },
};

/** For the credentials area: whether an enrolment completed its course, and the figures behind it. */
export { checkEnrolmentCompletion } from './attendance.service.ts';
export {
  type CertifiedEnrolments,
  certifiedEnrolments,
  findCertifiedEnrolments,
} from './certified-enrolments.ts';
export { type TrainingOutcomes, trainingOutcomes } from './outcomes.service.ts';
export { completionAnnulled, enrolmentCompleted } from './training.events.ts';
export type { Completion as EnrolmentCompletion } from './training.schema.ts';
export type { TrainingTables } from './training.table.ts';

import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import type { DemoLogin } from '../../platform/area.ts';
import type { UserId } from '../../shared/ids.ts';
import { issueCertificate, revokeCertificate } from './certificates.service.ts';
import type { EnrolmentCompletion } from './credentials.schema.ts';

/**
 * Certificates for the demo's freelancers, from made-up completions until the training area's
 * cohorts complete for real; one is revoked, so the verification page shows both states.
 */
export async function seedCredentialsDemo(deps: Deps): Promise<DemoLogin[] | undefined> {
  const people = await deps.db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('email', 'in', ['freelancer1@markaz.pk', 'freelancer2@markaz.pk'])
    .orderBy('email')
    .execute();
  const admin = await deps.db
    .selectFrom('users')
    .select(['id', 'organization_id'])
    .where('email', '=', 'admin@markaz.pk')
    .executeTakeFirst();
  const centres = await deps.db
    .selectFrom('centers')
    .select(['center_id', 'name_en'])
    .orderBy('name_en')
    .limit(2)
    .execute();
  if (people.length === 0 || !admin) return undefined;
  const centre = (i: number) =>
    centres[i % Math.max(1, centres.length)] ?? {
      center_id: 'demo-centre',
      name_en: 'Gulberg e-Rozgar Centre',
    };
  const completions: EnrolmentCompletion[] = people.flatMap((p, i) => [
    {
      enrolmentId: `demo-enrolment-${i + 1}-web`,
      userId: p.id,
      displayName: p.name,
      courseId: 'demo-course-web-basics',
      courseTitleEn: 'Web development basics',
      courseTitleUr: 'ویب ڈویلپمنٹ کی بنیادی باتیں',
      hours: 60,
      skills: ['HTML', 'CSS', 'JavaScript'],
      centreId: centre(i).center_id,
      centreName: centre(i).name_en,
      cohortStart: '2026-09-01',
      cohortEnd: '2026-10-24',
      completedOn: '2026-10-24',
      score: 78 + i * 7,
    },
    {
      enrolmentId: `demo-enrolment-${i + 1}-freelancing`,
      userId: p.id,
      displayName: p.name,
      courseId: 'demo-course-freelancing',
      courseTitleEn: 'Freelancing on global platforms',
      courseTitleUr: 'عالمی پلیٹ فارمز پر فری لانسنگ',
      hours: 40,
      skills: ['Proposals', 'Client communication'],
      centreId: centre(i + 1).center_id,
      centreName: centre(i + 1).name_en,
      cohortStart: '2026-10-01',
      cohortEnd: '2026-11-14',
      completedOn: '2026-11-14',
      score: null,
    },
  ]);
  const issued = [];
  for (const c of completions)
    issued.push(await inTransaction(deps.db, (trx) => issueCertificate(deps, trx, c)));
  const last = issued.at(-1)!;
  if (last.status === 'valid') {
    await revokeCertificate(
      deps,
      { kind: 'user', userId: admin.id as UserId, role: 'program_admin', organizationId: null },
      last.code,
      { reason: 'Attendance records for this cohort were found to be false (demo)' },
    );
  }
  return undefined;
}

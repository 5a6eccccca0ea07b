import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { systemActor } from '../../platform/actor.ts';
import type { UserId } from '../../shared/ids.ts';
import { makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { makeUser, type TestApp } from '../../testing/test-app.ts';
import { addSpace } from '../centers/index.ts';
import { correctAttendance, finishCohort, recordAssessment } from './attendance.service.ts';
import { createCourse } from './catalogue.service.ts';
import { createCohort, updateSession } from './cohort.service.ts';
import { applyToCohort, checkDocuments, runAdmission } from './enrolment.service.ts';
import { assignTrainer } from './stipend.service.ts';

const sys = systemActor('test');

/** Districts of a province, by id, for seat splits. */
export async function someDistricts(deps: Deps, province = 'PB', n = 3) {
  return deps.db
    .selectFrom('districts')
    .select(['id', 'name_en', 'province_code'])
    .where('province_code', '=', province)
    .orderBy('id')
    .limit(n)
    .execute();
}

let n = 0;
/** An operational centre with a training room (2 seats), a trainer assigned and a course. */
export async function trainingSetup(deps: Deps, opts: { name?: string } = {}) {
  const owner = await makeUser(deps, 'owner');
  const admin = await makeUser(deps, 'program_admin');
  // A trainer with a CNIC, as the bank's payment file names the payee by it (masked).
  const trainer = await makeUser(deps, 'trainer', {
    cnic: `61101-${String(Math.floor(Math.random() * 9_000_000) + 1_000_000)}-7`,
  });
  const { center, meetingRoom } = await makeOperationalCenter(deps, owner.id, {
    name: opts.name ?? 'Training Centre',
  });
  const full = await addSpace(deps, sys, center.id, {
    kind: 'training_room',
    name: 'Training room',
    capacity: 30,
    seats: { count: 2, labelPrefix: 'T' },
  });
  const room = full.spaces.find((s) => s.kind === 'training_room')!;
  await assignTrainer(deps, sys, {
    centerId: center.id,
    trainerId: trainer.id,
    startsOn: '2026-01-01',
    endsOn: null,
  });
  n++;
  const course = await createCourse(deps, sys, {
    code: `WEB-${n}-${Date.now().toString(36).toUpperCase().slice(-4)}`,
    titleEn: 'Web development',
    titleUr: 'ویب ڈویلپمنٹ',
    descriptionEn: 'HTML, CSS, JavaScript and a first client project.',
    descriptionUr: 'ایچ ٹی ایم ایل، سی ایس ایس، جاوا اسکرپٹ اور پہلا کلائنٹ پراجیکٹ۔',
    hours: 120,
    skills: ['html', 'css', 'javascript'],
    level: 'beginner',
    providerKind: 'programme',
    providerName: 'Markaz',
    minAttendancePercent: 75,
    passMark: 50,
  });
  return { owner, admin, trainer, center, room, roomSeat: room.seats[0]!, meetingRoom, course };
}

const as = (id: string, role: 'freelancer' | 'trainer'): Actor => ({
  kind: 'user',
  userId: id as UserId,
  role,
  organizationId: null,
});

/**
 * A cohort of `n` trainees at a fresh centre, each admitted, present at its one session, assessed
 * at 80 and completed on 2026-12-02 (the test app's clock moves).
 */
export async function completedEnrolments(t: TestApp, n: number) {
  const s = await trainingSetup(t.deps);
  const [district] = await someDistricts(t.deps, 'PB', 1);
  t.clock.set('2026-11-20T05:00:00Z');
  const cohort = await createCohort(t.deps, sys, {
    centerId: s.center.id,
    courseId: s.course.id,
    roomSpaceId: s.room.id,
    trainerId: s.trainer.id,
    capacity: n,
    startsOn: '2026-12-01',
    endsOn: '2026-12-01',
    admissionOrder: 'first_come',
    seatRule: 'equal',
    districts: [{ districtId: district!.id, weight: 1 }],
    sessions: [{ date: '2026-12-01', from: '10:00', to: '12:00' }],
  });
  const people = [];
  for (let i = 0; i < n; i++) {
    const u = await makeUser(t.deps, 'freelancer');
    const e = await applyToCohort(t.deps, as(u.id, 'freelancer'), cohort.id, {
      domicileDistrictId: district!.id,
      birthDate: '2000-01-01',
      educationYears: 16,
      meritScore: 70,
    });
    people.push({ u, e });
  }
  await runAdmission(t.deps, sys, cohort.id);
  const trainer = as(s.trainer.id, 'trainer');
  t.clock.set('2026-12-01T05:30:00Z');
  for (const p of people) {
    await checkDocuments(t.deps, trainer, p.e.id);
    await correctAttendance(t.deps, trainer, cohort.sessions[0]!.id, {
      enrolmentId: p.e.id,
      present: true,
      reason: 'Signed the paper register',
    });
    await recordAssessment(t.deps, trainer, p.e.id, 80);
  }
  await updateSession(t.deps, trainer, cohort.sessions[0]!.id, 'close_attendance');
  t.clock.set('2026-12-02T05:00:00Z');
  await finishCohort(t.deps, trainer, cohort.id);
  return { s, people };
}

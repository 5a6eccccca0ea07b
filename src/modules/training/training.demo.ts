import type { Deps } from '../../deps.ts';
import { type Actor, systemActor } from '../../platform/actor.ts';
import type { DemoLogin } from '../../platform/area.ts';
import { dispatchEvents } from '../../platform/events/index.ts';
import { makeIban } from '../../shared/iban.ts';
import type { OrganizationId, UserId } from '../../shared/ids.ts';
import { addDays, fixedClock, karachiDate } from '../../shared/time.ts';
import { declareEarnings, updateFreelancerProfile } from '../freelancers/index.ts';
import { createUser, DEMO_PASSWORD, emailIndex, registerUser } from '../identity/index.ts';
import { annulCompletion } from './annul.service.ts';
import {
  attendanceToken,
  checkInToSession,
  correctAttendance,
  finishCohort,
  recordAssessment,
} from './attendance.service.ts';
import { addEligibilityRule, createCourse } from './catalogue.service.ts';
import { createCohort, updateSession } from './cohort.service.ts';
import { applyToCohort, checkDocuments, runAdmission, withdrawEnrolment } from './enrolment.service.ts';
import { assignTrainer, runStipends } from './stipend.service.ts';
import { setMyBankAccount } from './trainer-bank.service.ts';
import type { Cohort, CourseInput } from './training.schema.ts';

const sys = systemActor('demo');
const asUser = (id: string, role: 'freelancer' | 'trainer'): Actor => ({
  kind: 'user',
  userId: id as UserId,
  role,
  organizationId: null as OrganizationId | null,
});
/** deps whose clock stands at an instant: the demo replays the past as it happened. */
const at = (deps: Deps, iso: string | Date): Deps => ({ ...deps, clock: fixedClock(iso) });

const COURSES: CourseInput[] = [
  {
    code: 'WEB-101',
    titleEn: 'Web development for freelancers',
    titleUr: 'فری لانسرز کے لیے ویب ڈویلپمنٹ',
    descriptionEn: 'HTML, CSS and JavaScript, a portfolio site and a first client project.',
    descriptionUr: 'ایچ ٹی ایم ایل، سی ایس ایس اور جاوا اسکرپٹ، پورٹ فولیو ویب سائٹ اور پہلا کلائنٹ پراجیکٹ۔',
    hours: 120,
    skills: ['html', 'css', 'javascript'],
    level: 'beginner',
    providerKind: 'programme',
    providerName: 'Markaz',
    minAttendancePercent: 75,
    passMark: 50,
  },
  {
    code: 'CMA-101',
    titleEn: 'Content marketing and advertising',
    titleUr: 'کنٹینٹ مارکیٹنگ اور اشتہارات',
    descriptionEn: 'Writing for the web, social media campaigns and search advertising.',
    descriptionUr: 'ویب کے لیے لکھنا، سوشل میڈیا مہمات اور سرچ اشتہارات۔',
    hours: 100,
    skills: ['copywriting', 'seo', 'social media'],
    level: 'beginner',
    providerKind: 'partner',
    providerName: 'DigiSkills.pk',
    minAttendancePercent: 75,
    passMark: 60,
  },
  {
    code: 'GFX-201',
    titleEn: 'Creative design',
    titleUr: 'تخلیقی ڈیزائن',
    descriptionEn: 'Branding, layout and illustration for marketplace clients.',
    descriptionUr: 'مارکیٹ پلیس کلائنٹس کے لیے برانڈنگ، لے آؤٹ اور السٹریشن۔',
    hours: 110,
    skills: ['branding', 'illustration', 'figma'],
    level: 'intermediate',
    providerKind: 'programme',
    providerName: 'Markaz',
    minAttendancePercent: 80,
    passMark: 55,
  },
];

const TRAINEES = [
  ['Sana Malik', 'woman', 88],
  ['Bilal Ahmed', 'man', 81],
  ['Hira Nawaz', 'woman', 77],
  ['Usman Ghani', 'man', 73],
  ['Amna Iqbal', 'woman', 70],
  ['Kashif Ali', 'prefer_not_to_say', 66],
  ['Rida Fatima', 'woman', 62],
  ['Hamza Yousaf', 'man', 58],
] as const;

/** Sessions on the given days, 17:00–19:00. */
const sessionsOn = (days: string[]) => days.map((date) => ({ date, from: '17:00', to: '19:00' }));

async function openCohort(deps: Deps, input: Parameters<typeof createCohort>[2]): Promise<Cohort> {
  // A demo booking may hold the room at the hour: move the timetable on a day until it fits.
  for (let shift = 0; ; shift++) {
    try {
      return await createCohort(deps, sys, {
        ...input,
        endsOn: addDays(input.endsOn, shift),
        sessions: input.sessions.map((s) => ({ ...s, date: addDays(s.date, shift) })),
      });
    } catch (err) {
      if (shift >= 5 || (err as { code?: string }).code !== 'conflict') throw err;
    }
  }
}

/**
 * Courses; a finished cohort two months back (completions, earnings declared since, a stipend
 * paid), a running cohort with sessions held and to come, one open for applications, and a
 * centre whose stipend was withheld (a trainer, but no sessions held).
 */
export async function seedTrainingDemo(deps: Deps): Promise<DemoLogin[]> {
  const now = deps.clock.now();
  const today = karachiDate(now);
  const lastMonth = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
  const monthBefore = addDays(`${lastMonth}-01`, -1).slice(0, 7);
  const past = at(deps, `${addDays(`${monthBefore}-01`, -60)}T05:00:00Z`);

  const courses = [];
  for (const c of COURSES) courses.push(await createCourse(past, sys, c));
  for (const r of [
    { courseId: null, kind: 'max_age' as const, valueText: null, valueInt: 35 },
    { courseId: null, kind: 'min_age' as const, valueText: null, valueInt: 18 },
    { courseId: null, kind: 'min_education_years' as const, valueText: null, valueInt: 16 },
    { courseId: courses[1]!.id, kind: 'domicile_province' as const, valueText: 'PB,IS', valueInt: null },
  ])
    await addEligibilityRule(past, sys, { ...r, effectiveFrom: '2024-01-01', effectiveTo: null });

  const logins: DemoLogin[] = [];
  const trainers = [];
  for (const [i, name] of ['Saima Tariq', 'Adeel Butt'].entries()) {
    const email = `trainer${i + 1}@markaz.pk`;
    const { user } = await createUser(past, sys, { role: 'trainer', name, email, password: DEMO_PASSWORD });
    trainers.push(user);
    logins.push({ role: 'trainer', email, name });
  }

  const centres = await deps.db
    .selectFrom('centers as c')
    .innerJoin('center_spaces as s', 's.center_id', 'c.center_id')
    .innerJoin('cities as ci', 'ci.id', 'c.city_id')
    .select(['c.center_id', 's.space_id', 'c.province_code', 'ci.district_id'])
    .where('c.status', '=', 'operational')
    .where('s.kind', '=', 'training_room')
    .orderBy('c.created_at')
    .limit(2)
    .execute();
  // Saima records her IBAN for stipends (sealed); Adeel has not yet, so his page asks for it.
  await setMyBankAccount(past, asUser(trainers[0]!.id, 'trainer'), {
    iban: makeIban('HABB', '0070012345678901'),
  });
  if (centres.length < 2) return logins;
  const [a, b] = centres as [(typeof centres)[number], (typeof centres)[number]];
  await assignTrainer(past, sys, {
    centerId: a.center_id,
    trainerId: trainers[0]!.id,
    startsOn: `${monthBefore}-01`,
    endsOn: null,
  });
  await assignTrainer(past, sys, {
    centerId: b.center_id,
    trainerId: trainers[1]!.id,
    startsOn: `${monthBefore}-01`,
    endsOn: null,
  });
  const districts = await deps.db
    .selectFrom('districts')
    .select('id')
    .where('province_code', '=', a.province_code)
    .orderBy('id')
    .limit(2)
    .execute();
  const home = a.district_id ?? districts[0]!.id;
  const other = districts.find((d) => d.id !== home)?.id ?? home;
  const cohortDistricts = [
    { districtId: home, weight: 3 },
    ...(other !== home ? [{ districtId: other, weight: 1 }] : []),
  ];

  const people = [];
  for (const [i, [name, gender]] of TRAINEES.entries()) {
    const u = await registerUser(past, sys, {
      role: 'freelancer',
      name,
      email: `trainee${i + 1}@markaz.pk`,
      mobile: `0301555000${i}`,
      cnic: `35202-555000${i}-${i}`,
      password: DEMO_PASSWORD,
    });
    await updateFreelancerProfile(past, asUser(u.id, 'freelancer'), {
      skills: ['writing'],
      platforms: ['upwork'],
      portfolioUrl: null,
      homeCityId: null,
      bio: null,
      gender,
    });
    people.push(u);
  }

  // A finished cohort: two weeks in the month before last.
  const m = (d: number) => `${monthBefore}-${String(d).padStart(2, '0')}`;
  const applyAt = at(deps, `${addDays(m(1), -10)}T05:00:00Z`);
  const finished = await openCohort(applyAt, {
    centerId: a.center_id,
    courseId: courses[0]!.id,
    roomSpaceId: a.space_id,
    trainerId: trainers[0]!.id,
    capacity: 5,
    startsOn: m(5),
    endsOn: m(16),
    admissionOrder: 'merit',
    seatRule: 'population',
    districts: cohortDistricts,
    sessions: sessionsOn([m(5), m(8), m(12), m(15)]),
  });
  const enrolments = [];
  for (const [i, u] of people.entries()) {
    const e = await applyToCohort(applyAt, asUser(u.id, 'freelancer'), finished.id, {
      domicileDistrictId: i % 3 === 2 ? other : home,
      birthDate: `${1996 + (i % 6)}-03-1${i}`,
      educationYears: i === 7 ? 14 : 16, // the last is refused: 16 years of education are needed
      meritScore: TRAINEES[i]![2],
    });
    enrolments.push(e);
  }
  // A demo login among them, so "My training" and "My certificates" show a completed course.
  const demoFreelancer = await deps.db
    .selectFrom('users')
    .select('id')
    .where('email_bidx', '=', await emailIndex(deps, 'freelancer1@markaz.pk'))
    .executeTakeFirst();
  if (demoFreelancer)
    await applyToCohort(applyAt, asUser(demoFreelancer.id, 'freelancer'), finished.id, {
      domicileDistrictId: home,
      birthDate: '1997-08-14',
      educationYears: 16,
      meritScore: 92,
    });
  await runAdmission(at(deps, `${addDays(m(1), -3)}T05:00:00Z`), sys, finished.id);
  // One admitted person withdraws before the start: the waitlist moves.
  await withdrawEnrolment(
    at(deps, `${addDays(m(1), -1)}T05:00:00Z`),
    asUser(people[1]!.id, 'freelancer'),
    enrolments[1]!.id,
  );
  const admittedRows = await deps.db
    .selectFrom('training_enrolments')
    .select(['enrolment_id', 'user_id'])
    .where('cohort_id', '=', finished.id)
    .where('status', '=', 'admitted')
    .execute();
  const trainerA = asUser(trainers[0]!.id, 'trainer');
  for (const r of admittedRows) await checkDocuments(at(deps, `${m(4)}T05:00:00Z`), trainerA, r.enrolment_id);
  for (const [si, s] of finished.sessions.entries()) {
    const during = at(deps, s.start);
    for (const [ri, r] of admittedRows.entries()) {
      if (ri === admittedRows.length - 1 && si > 0) {
        // One trainee stopped coming: the trainer marks them absent before closing the register.
        await correctAttendance(at(deps, s.end), trainerA, s.id, {
          enrolmentId: r.enrolment_id,
          present: false,
          reason: 'Did not come',
        });
        continue;
      }
      const { token } = await attendanceToken(during, asUser(r.user_id, 'freelancer'), r.enrolment_id);
      await checkInToSession(during, trainerA, s.id, token);
    }
    await updateSession(at(deps, s.end), trainerA, s.id, 'close_attendance');
  }
  await correctAttendance(at(deps, finished.sessions[3]!.end), trainerA, finished.sessions[3]!.id, {
    enrolmentId: admittedRows[0]!.enrolment_id,
    present: true,
    reason: 'Scanned late: the phone had no signal',
  });
  for (const [ri, r] of admittedRows.entries())
    await recordAssessment(at(deps, `${m(16)}T05:00:00Z`), trainerA, r.enrolment_id, 55 + ri * 8);
  await finishCohort(at(deps, `${m(17)}T05:00:00Z`), trainerA, finished.id);
  // The completions' events are delivered now, so the credentials area issues their certificates
  // and the annulment below revokes one that was really issued (the demo shows a revoked one).
  for (let i = 0; i < 20; i++) {
    const r = await dispatchEvents(at(deps, `${m(17)}T06:00:00Z`), deps.areas.handlers, { limit: 1000 });
    if (r.delivered + r.failed + r.dead === 0) break;
  }
  // A later finding: one trainee's attendance was invented. The completion is annulled and, once
  // the event is delivered, the credentials area revokes the certificate it issued.
  const annulled = await deps.db
    .selectFrom('training_enrolments')
    .select('enrolment_id')
    .where('cohort_id', '=', finished.id)
    .where('status', '=', 'completed')
    .where(
      'user_id',
      'in',
      people.map((p) => p.id),
    )
    .orderBy('assessment_score')
    .executeTakeFirst();
  if (annulled)
    await annulCompletion(
      at(deps, `${m(28)}T05:00:00Z`),
      sys,
      annulled.enrolment_id,
      'Attendance register for two sessions found to be false (demo)',
    );
  // Earnings declared since completing, by those who did.
  const completed = await deps.db
    .selectFrom('training_enrolments')
    .select('user_id')
    .where('cohort_id', '=', finished.id)
    .where('status', '=', 'completed')
    .execute();
  for (const [i, r] of completed.entries())
    await declareEarnings(deps, asUser(r.user_id, 'freelancer'), {
      month: lastMonth,
      platform: i % 2 ? 'fiverr' : 'upwork',
      amountMinor: (180 + i * 95) * 100,
    });

  // A running cohort: started a week ago, sessions held so far, more to come.
  const runAt = at(deps, `${addDays(today, -20)}T05:00:00Z`);
  const days = [-7, -4, -1, 3, 6, 10, 13].map((d) => addDays(today, d));
  const running = await openCohort(runAt, {
    centerId: a.center_id,
    courseId: courses[2]!.id,
    roomSpaceId: a.space_id,
    trainerId: trainers[0]!.id,
    capacity: 4,
    startsOn: days[0]!,
    endsOn: days.at(-1)!,
    admissionOrder: 'first_come',
    seatRule: 'equal',
    districts: cohortDistricts,
    sessions: sessionsOn(days),
  });
  const mehwish = await deps.db
    .selectFrom('users')
    .select('id')
    .where('email_bidx', '=', await emailIndex(deps, 'freelancer2@markaz.pk'))
    .executeTakeFirst();
  const runners = [...(mehwish ? [mehwish] : []), people[1]!, people[5]!, people[6]!];
  for (const [i, u] of runners.entries())
    await applyToCohort(
      at(deps, `${addDays(today, -19 + i)}T05:00:00Z`),
      asUser(u.id, 'freelancer'),
      running.id,
      {
        domicileDistrictId: home,
        birthDate: '1999-06-01',
        educationYears: 16,
        meritScore: 70,
      },
    );
  await runAdmission(at(deps, `${addDays(today, -10)}T05:00:00Z`), sys, running.id);
  const runningAdmitted = await deps.db
    .selectFrom('training_enrolments')
    .select(['enrolment_id', 'user_id'])
    .where('cohort_id', '=', running.id)
    .where('status', '=', 'admitted')
    .execute();
  for (const r of runningAdmitted)
    await checkDocuments(at(deps, `${addDays(today, -8)}T05:00:00Z`), trainerA, r.enrolment_id);
  for (const s of running.sessions.filter((x) => new Date(x.end) < now)) {
    for (const r of runningAdmitted) {
      const { token } = await attendanceToken(
        at(deps, s.start),
        asUser(r.user_id, 'freelancer'),
        r.enrolment_id,
      );
      await checkInToSession(at(deps, s.start), trainerA, s.id, token);
    }
    await updateSession(at(deps, s.end), trainerA, s.id, 'close_attendance');
  }

  // Open for applications: starts in a month at the second centre.
  const soon = [30, 33, 37, 40].map((d) => addDays(today, d));
  await openCohort(deps, {
    centerId: b.center_id,
    courseId: courses[0]!.id,
    roomSpaceId: b.space_id,
    trainerId: trainers[1]!.id,
    capacity: 25,
    startsOn: soon[0]!,
    endsOn: soon.at(-1)!,
    admissionOrder: 'merit',
    seatRule: 'equal',
    districts: [{ districtId: b.district_id ?? home, weight: 1 }],
    sessions: sessionsOn(soon),
  });

  // The month before last: paid at the first centre; withheld at the second (no sessions held).
  await runStipends(deps, sys, monthBefore);
  return logins;
}

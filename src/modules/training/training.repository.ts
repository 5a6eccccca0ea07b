import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { PiiCipher, Sealed } from '../../platform/keys/index.ts';
import type { Cohort, Course, Enrolment } from './training.schema.ts';
import type { RuleReason, TrainingCoursesTable } from './training.table.ts';

type Db = Kysely<Database>;

/** Where an enrolment's date of birth is sealed: its ciphertext opens only in that row (decision 0038). */
const birthPlace = (enrolmentId: string) => ({
  table: 'training_enrolments',
  column: 'birth_date',
  id: enrolmentId,
});
export const sealBirthDate = (pii: PiiCipher, enrolmentId: string, date: string): Sealed =>
  pii.seal('identity', date, birthPlace(enrolmentId));
export const openBirthDate = (pii: PiiCipher, enrolmentId: string, sealed: Sealed): string =>
  pii.open(sealed, birthPlace(enrolmentId));

export const tsRange = (start: Date, end: Date) => sql<string>`tstzrange(${start}, ${end}, '[)')`;

export const toCourse = (r: Selectable<TrainingCoursesTable>): Course => ({
  id: r.course_id,
  code: r.code,
  titleEn: r.title_en,
  titleUr: r.title_ur,
  descriptionEn: r.description_en,
  descriptionUr: r.description_ur,
  hours: r.hours,
  skills: r.skills,
  level: r.level,
  providerKind: r.provider_kind,
  providerName: r.provider_name,
  minAttendancePercent: r.min_attendance_percent,
  passMark: r.pass_mark,
  active: r.active,
});

export async function findCourse(db: Db, courseId: string) {
  return db.selectFrom('training_courses').selectAll().where('course_id', '=', courseId).executeTakeFirst();
}

export async function findCohortRow(db: Db, cohortId: string, lock = false) {
  let q = db.selectFrom('training_cohorts').selectAll().where('cohort_id', '=', cohortId);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Cohorts with their course, centre, districts and sessions; filtered by ids or all open ones. */
export async function loadCohorts(
  db: Db,
  where: { cohortIds?: string[]; status?: string[]; centerId?: string; trainerId?: string },
  near?: { latitude: number; longitude: number } | null,
): Promise<Cohort[]> {
  let q = db
    .selectFrom('training_cohorts as k')
    .innerJoin('training_courses as co', 'co.course_id', 'k.course_id')
    .innerJoin('centers as c', 'c.center_id', 'k.center_id')
    .innerJoin('cities as ci', 'ci.id', 'c.city_id')
    .select([
      'k.cohort_id',
      'k.center_id',
      'c.name_en as center_name',
      'c.name_ur as center_name_ur',
      'ci.name_en as city_name',
      'ci.name_ur as city_name_ur',
      'c.province_code',
      'c.latitude',
      'c.longitude',
      'co.course_id',
      'co.code',
      'co.title_en',
      'co.title_ur',
      'k.trainer_id',
      'k.room_space_id',
      'k.capacity',
      'k.starts_on',
      'k.ends_on',
      'k.admission_order',
      'k.seat_rule',
      'k.status',
    ]);
  if (where.cohortIds) q = q.where('k.cohort_id', 'in', where.cohortIds.length ? where.cohortIds : ['']);
  if (where.status) q = q.where('k.status', 'in', where.status as never[]);
  if (where.centerId) q = q.where('k.center_id', '=', where.centerId);
  if (where.trainerId) q = q.where('k.trainer_id', '=', where.trainerId);
  const rows = await q.orderBy('k.starts_on').limit(500).execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.cohort_id);
  const districts = await db
    .selectFrom('training_cohort_districts as d')
    .innerJoin('districts as g', 'g.id', 'd.district_id')
    .select(['d.cohort_id', 'd.district_id', 'g.name_en', 'd.weight', 'd.seats'])
    .where('d.cohort_id', 'in', ids)
    .orderBy('g.name_en')
    .execute();
  const sessions = await db
    .selectFrom('training_sessions')
    .select([
      'cohort_id',
      'session_id',
      'status',
      'attendance_closed_at',
      sql<Date>`lower(during)`.as('starts_at'),
      sql<Date>`upper(during)`.as('ends_at'),
    ])
    .where('cohort_id', 'in', ids)
    .orderBy(sql`lower(during)`)
    .execute();
  const dist = (lat: number, lng: number) => {
    if (!near) return null;
    const rad = Math.PI / 180;
    const a =
      Math.sin(((lat - near.latitude) * rad) / 2) ** 2 +
      Math.cos(lat * rad) * Math.cos(near.latitude * rad) * Math.sin(((lng - near.longitude) * rad) / 2) ** 2;
    return Math.round(2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a))) * 10) / 10;
  };
  const out = rows.map(
    (r): Cohort => ({
      id: r.cohort_id,
      centerId: r.center_id,
      centerName: r.center_name,
      centerNameUr: r.center_name_ur,
      cityName: r.city_name,
      cityNameUr: r.city_name_ur,
      provinceCode: r.province_code,
      course: { id: r.course_id, code: r.code, titleEn: r.title_en, titleUr: r.title_ur },
      trainerId: r.trainer_id,
      roomSpaceId: r.room_space_id,
      capacity: r.capacity,
      startsOn: String(r.starts_on).slice(0, 10),
      endsOn: String(r.ends_on).slice(0, 10),
      admissionOrder: r.admission_order,
      seatRule: r.seat_rule,
      status: r.status,
      districts: districts
        .filter((d) => d.cohort_id === r.cohort_id)
        .map((d) => ({
          districtId: d.district_id,
          name: d.name_en,
          weight: Number(d.weight),
          seats: d.seats,
        })),
      sessions: sessions
        .filter((s) => s.cohort_id === r.cohort_id)
        .map((s) => ({
          id: s.session_id,
          start: new Date(s.starts_at).toISOString(),
          end: new Date(s.ends_at).toISOString(),
          status: s.status,
          attendanceClosed: s.attendance_closed_at !== null,
        })),
      distanceKm: dist(r.latitude, r.longitude),
    }),
  );
  if (near) out.sort((a, b) => (a.distanceKm ?? 0) - (b.distanceKm ?? 0));
  return out;
}

export function selectEnrolments(db: Db) {
  return db
    .selectFrom('training_enrolments as e')
    .innerJoin('training_cohorts as k', 'k.cohort_id', 'e.cohort_id')
    .innerJoin('training_courses as co', 'co.course_id', 'k.course_id')
    .innerJoin('users as u', 'u.id', 'e.user_id')
    .select([
      'e.enrolment_id',
      'e.cohort_id',
      'e.center_id',
      'e.user_id',
      'u.name',
      'co.title_en',
      'co.title_ur',
      'e.status',
      'e.reasons',
      'e.domicile_district_id',
      'e.seat_district_id',
      'e.waitlist_position',
      'e.merit_score',
      'e.documents_checked_at',
      'e.assessment_score',
      'e.applied_at',
      'e.completed_at',
    ]);
}

type EnrolmentRow = Awaited<ReturnType<ReturnType<typeof selectEnrolments>['executeTakeFirstOrThrow']>>;

export const toEnrolment = (r: EnrolmentRow): Enrolment => ({
  id: r.enrolment_id,
  cohortId: r.cohort_id,
  centerId: r.center_id,
  userId: r.user_id,
  name: r.name,
  courseTitleEn: r.title_en,
  courseTitleUr: r.title_ur,
  status: r.status,
  reasons: (typeof r.reasons === 'string' ? JSON.parse(r.reasons) : r.reasons) as RuleReason[],
  domicileDistrictId: r.domicile_district_id,
  seatDistrictId: r.seat_district_id,
  waitlistPosition: r.waitlist_position,
  meritScore: r.merit_score,
  documentsChecked: r.documents_checked_at !== null,
  assessmentScore: r.assessment_score,
  appliedAt: r.applied_at.toISOString(),
  completedAt: r.completed_at?.toISOString() ?? null,
});

export async function loadEnrolment(db: Db, enrolmentId: string): Promise<Enrolment | undefined> {
  const r = await selectEnrolments(db).where('e.enrolment_id', '=', enrolmentId).executeTakeFirst();
  return r ? toEnrolment(r) : undefined;
}

import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { findCourse, toCourse } from './training.repository.ts';
import type { Course, CourseInput, EligibilityRuleInput } from './training.schema.ts';

const courseValues = (i: CourseInput) => ({
  code: i.code,
  title_en: i.titleEn,
  title_ur: i.titleUr,
  description_en: i.descriptionEn,
  description_ur: i.descriptionUr,
  hours: i.hours,
  skills: [...new Set(i.skills)],
  level: i.level,
  provider_kind: i.providerKind,
  provider_name: i.providerName,
  min_attendance_percent: i.minAttendancePercent,
  pass_mark: i.passMark,
});

/** Anyone may read the catalogue: it is published. */
export async function listCourses(deps: Deps): Promise<Course[]> {
  const rows = await deps.db.selectFrom('training_courses').selectAll().orderBy('code').execute();
  return rows.map(toCourse);
}

export async function createCourse(deps: Deps, actor: Actor, input: CourseInput): Promise<Course> {
  requireRole(actor, 'program_admin');
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const taken = await trx
      .selectFrom('training_courses')
      .select('course_id')
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (taken)
      throw new AppError('already_exists', 'A course has this code', {
        fields: [{ path: 'code', message: 'is taken', rule: 'code_taken' }],
      });
    const row = await trx
      .insertInto('training_courses')
      .values({ ...courseValues(input), created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    const course = toCourse(row);
    await recordChange(trx, actor, deps.clock, {
      action: 'training.course_created',
      entity: 'training_course',
      entityId: course.id,
      after: course,
    });
    return course;
  });
}

export async function updateCourse(
  deps: Deps,
  actor: Actor,
  courseId: string,
  input: CourseInput,
): Promise<Course> {
  requireRole(actor, 'program_admin');
  return inTransaction(deps.db, async (trx) => {
    const before = await findCourse(trx, courseId);
    if (!before) throw notFound('Course');
    const row = await trx
      .updateTable('training_courses')
      .set({ ...courseValues(input), updated_at: deps.clock.now() })
      .where('course_id', '=', courseId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const course = toCourse(row);
    await recordChange(trx, actor, deps.clock, {
      action: 'training.course_updated',
      entity: 'training_course',
      entityId: courseId,
      before: toCourse(before),
      after: course,
    });
    return course;
  });
}

/** The eligibility rules, newest first: published (anyone may read them). */
export async function listEligibilityRules(deps: Deps) {
  const rows = await deps.db
    .selectFrom('training_eligibility_rules')
    .selectAll()
    .orderBy('effective_from', 'desc')
    .orderBy('kind')
    .execute();
  return rows.map((r) => ({
    id: r.rule_id,
    courseId: r.course_id,
    kind: r.kind,
    valueText: r.value_text,
    valueInt: r.value_int,
    effectiveFrom: String(r.effective_from).slice(0, 10),
    effectiveTo: r.effective_to ? String(r.effective_to).slice(0, 10) : null,
  }));
}

/** Publishes a rule from a day on (effective-dated: rules already published are never rewritten). */
export async function addEligibilityRule(deps: Deps, actor: Actor, input: EligibilityRuleInput) {
  requireRole(actor, 'program_admin');
  const isDomicile = input.kind === 'domicile_province';
  if (isDomicile && !input.valueText) throw invalidField('valueText', 'name the province codes', 'required');
  if (!isDomicile && input.valueInt === null) throw invalidField('valueInt', 'give the number', 'required');
  if (input.effectiveTo && input.effectiveTo <= input.effectiveFrom)
    throw invalidField('effectiveTo', 'must be after effectiveFrom');
  return inTransaction(deps.db, async (trx) => {
    if (input.courseId && !(await findCourse(trx, input.courseId)))
      throw invalidField('courseId', 'no such course');
    const row = await trx
      .insertInto('training_eligibility_rules')
      .values({
        course_id: input.courseId,
        kind: input.kind,
        value_text: isDomicile ? input.valueText : null,
        value_int: isDomicile ? null : input.valueInt,
        effective_from: input.effectiveFrom,
        effective_to: input.effectiveTo,
        created_by: actor.kind === 'user' ? actor.userId : null,
        created_at: deps.clock.now(),
      })
      .returning('rule_id')
      .executeTakeFirstOrThrow();
    const rule = {
      id: row.rule_id,
      ...input,
      valueText: isDomicile ? input.valueText : null,
      valueInt: isDomicile ? null : input.valueInt,
    };
    await recordChange(trx, actor, deps.clock, {
      action: 'training.eligibility_rule_added',
      entity: 'training_rule',
      entityId: row.rule_id,
      after: rule,
    });
    return rule;
  });
}

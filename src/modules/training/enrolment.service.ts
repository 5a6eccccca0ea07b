import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole, requireUser } from '../../platform/actor.ts';
import { recordReads } from '../../platform/data-access.ts';
import { piiCipher } from '../../platform/keys/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { type DecisionReason, decideAdmissions } from './admission.ts';
import { checkEligibility } from './eligibility.ts';
import {
  findCohortRow,
  loadEnrolment,
  sealBirthDate,
  selectEnrolments,
  toEnrolment,
} from './training.repository.ts';
import type { ApplyInput, Enrolment } from './training.schema.ts';
import type { RuleReason } from './training.table.ts';
import {
  actingUserId,
  canReadAll,
  isStaff,
  lockRunnersEnrolment,
  requireCohortRunner,
  requireSomeone,
} from './training-access.ts';

type Db = Kysely<Database>;

/** The rules in force on `day` for a course: its own and those for every course. */
async function rulesInForce(db: Db, courseId: string, day: string) {
  const rows = await db
    .selectFrom('training_eligibility_rules')
    .select(['kind', 'value_text', 'value_int'])
    .where((eb) => eb.or([eb('course_id', 'is', null), eb('course_id', '=', courseId)]))
    .where('effective_from', '<=', day)
    .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>', day)]))
    .orderBy('kind')
    .execute();
  return rows.map((r) => ({ kind: r.kind, valueText: r.value_text, valueInt: r.value_int }));
}

/**
 * A freelancer applies to an open cohort with what the eligibility rules ask (domicile district,
 * date of birth, years of education) and their marks. Each rule in force today answers with its
 * reason; failing any makes the application ineligible at once, with the reasons shown.
 */
export async function applyToCohort(
  deps: Deps,
  actor: Actor,
  cohortId: string,
  input: ApplyInput,
): Promise<Enrolment> {
  requireRole(actor, 'freelancer');
  requireUser(actor);
  const now = deps.clock.now();
  const today = karachiDate(now);
  if (input.birthDate >= today) throw invalidField('birthDate', 'must be in the past');
  const pii = await piiCipher(deps);
  // The id is chosen here: the sealed date of birth is bound to its row (decision 0038).
  const enrolmentId = randomUUID();
  return inTransaction(deps.db, async (trx) => {
    const cohort = await findCohortRow(trx, cohortId);
    if (!cohort) throw notFound('Cohort');
    if (cohort.status !== 'open')
      throw new AppError('invalid_state', 'This cohort no longer takes applications');
    const startsOn = String(cohort.starts_on).slice(0, 10);
    // Applications close when the first class begins (a one-day workshop takes them that morning).
    const first = await trx
      .selectFrom('training_sessions')
      .select(sql<Date>`min(lower(during))`.as('at'))
      .where('center_id', '=', cohort.center_id)
      .where('cohort_id', '=', cohortId)
      .where('status', '<>', 'cancelled')
      .executeTakeFirst();
    if (today > startsOn || (first?.at && now >= new Date(first.at)))
      throw new AppError('invalid_state', 'This cohort has started');
    const district = await trx
      .selectFrom('districts')
      .select(['province_code'])
      .where('id', '=', input.domicileDistrictId)
      .executeTakeFirst();
    if (!district) throw invalidField('domicileDistrictId', 'no such district');
    const reasons = checkEligibility(
      await rulesInForce(trx, cohort.course_id, today),
      {
        domicileProvince: district.province_code,
        birthDate: input.birthDate,
        educationYears: input.educationYears,
      },
      startsOn,
    );
    const eligible = reasons.every((r) => r.passed);
    const inserted = await trx
      .insertInto('training_enrolments')
      .values({
        center_id: cohort.center_id,
        cohort_id: cohortId,
        enrolment_id: enrolmentId,
        user_id: actor.userId,
        domicile_district_id: input.domicileDistrictId,
        // Eligibility by age was decided above from the typed date: only the sealed one is kept.
        birth_date: sealBirthDate(pii, enrolmentId, input.birthDate),
        education_years: input.educationYears,
        merit_score: input.meritScore,
        status: eligible ? 'applied' : 'ineligible',
        reasons: JSON.stringify(reasons),
        applied_at: now,
        decided_at: eligible ? null : now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['center_id', 'cohort_id', 'user_id']).doNothing())
      .returning('enrolment_id')
      .executeTakeFirst();
    if (!inserted) throw new AppError('already_exists', 'You have already applied to this cohort');
    await recordChange(trx, actor, deps.clock, {
      action: eligible ? 'training.applied' : 'training.applied_ineligible',
      entity: 'training_enrolment',
      entityId: inserted.enrolment_id,
      details: { cohortId, failed: reasons.filter((r) => !r.passed).map((r) => r.rule) },
    });
    return (await loadEnrolment(trx, inserted.enrolment_id))!;
  });
}

const withReason = (reasons: RuleReason[], why: DecisionReason): string =>
  JSON.stringify([
    ...reasons.filter((r) => r.rule !== 'seat'),
    {
      rule: 'seat',
      passed: why.code !== 'seat.waitlisted',
      reason: why.reason,
      code: why.code,
      ...(why.params ? { params: why.params } : {}),
    },
  ]);

/**
 * Staff close applications and admit by the published rule (admission.ts): each district's seats
 * in the intake's order, then the open pool, then the waitlist in order. One transaction.
 */
export async function runAdmission(deps: Deps, actor: Actor, cohortId: string): Promise<Enrolment[]> {
  requireRole(actor, 'program_admin');
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const cohort = await findCohortRow(trx, cohortId, true);
    if (!cohort) throw notFound('Cohort');
    if (cohort.status !== 'open') throw new AppError('invalid_state', `The cohort is ${cohort.status}`);
    const seats = await trx
      .selectFrom('training_cohort_districts')
      .select(['district_id', 'seats'])
      .where('cohort_id', '=', cohortId)
      .execute();
    const apps = await trx
      .selectFrom('training_enrolments')
      .select(['enrolment_id', 'domicile_district_id', 'merit_score', 'applied_at', 'reasons'])
      .where('cohort_id', '=', cohortId)
      .where('status', '=', 'applied')
      .execute();
    const decisions = decideAdmissions(
      cohort.admission_order,
      cohort.capacity,
      new Map(seats.map((s) => [s.district_id, s.seats])),
      apps.map((a) => ({
        enrolmentId: a.enrolment_id,
        districtId: a.domicile_district_id,
        meritScore: a.merit_score,
        appliedAt: a.applied_at,
      })),
    );
    for (const d of decisions) {
      const app = apps.find((a) => a.enrolment_id === d.enrolmentId)!;
      const reasons = (
        typeof app.reasons === 'string' ? JSON.parse(app.reasons) : app.reasons
      ) as RuleReason[];
      await trx
        .updateTable('training_enrolments')
        .set({
          status: d.outcome,
          seat_district_id: d.outcome === 'admitted' ? d.seatDistrictId : null,
          waitlist_position: d.outcome === 'waitlisted' ? d.position : null,
          reasons: withReason(reasons, d),
          decided_at: now,
          updated_at: now,
        })
        .where('center_id', '=', cohort.center_id)
        .where('enrolment_id', '=', d.enrolmentId)
        .where('status', '=', 'applied')
        .execute();
    }
    await trx
      .updateTable('training_cohorts')
      .set({ status: 'admitted' })
      .where('center_id', '=', cohort.center_id)
      .where('cohort_id', '=', cohortId)
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'training.admission_run',
      entity: 'training_cohort',
      entityId: cohortId,
      details: {
        admitted: decisions.filter((d) => d.outcome === 'admitted').length,
        waitlisted: decisions.filter((d) => d.outcome === 'waitlisted').length,
      },
    });
    const rows = await selectEnrolments(trx)
      .where('e.cohort_id', '=', cohortId)
      .orderBy('e.applied_at')
      .execute();
    return rows.map(toEnrolment);
  });
}

/**
 * A person withdraws (or staff withdraw them). A seat they held passes at once, in the same
 * transaction, to the first on the waitlist from the seat's district, or, for an open-pool seat
 * or a district with nobody waiting, to the first on the waitlist; the others move up.
 */
export async function withdrawEnrolment(deps: Deps, actor: Actor, enrolmentId: string): Promise<Enrolment> {
  requireSomeone(actor);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const found = await trx
      .selectFrom('training_enrolments')
      .select(['cohort_id'])
      .where('enrolment_id', '=', enrolmentId)
      .executeTakeFirst();
    if (!found) throw notFound('Enrolment');
    const cohort = (await findCohortRow(trx, found.cohort_id, true))!; // serialises the cohort's waitlist
    const e = await trx
      .selectFrom('training_enrolments')
      .selectAll()
      .where('center_id', '=', cohort.center_id)
      .where('enrolment_id', '=', enrolmentId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (e.user_id !== actingUserId(actor) && !isStaff(actor)) throw notFound('Enrolment');
    if (!['applied', 'admitted', 'waitlisted'].includes(e.status))
      throw new AppError('invalid_state', `This enrolment is ${e.status}`);
    if (cohort.status === 'finished') throw new AppError('invalid_state', 'The cohort has finished');
    await trx
      .updateTable('training_enrolments')
      .set({ status: 'withdrawn', waitlist_position: null, updated_at: now })
      .where('center_id', '=', e.center_id)
      .where('enrolment_id', '=', enrolmentId)
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'training.withdrawn',
      entity: 'training_enrolment',
      entityId: enrolmentId,
      details: { cohortId: e.cohort_id, was: e.status },
    });
    if (e.status === 'admitted')
      await passSeatOn(deps, trx, actor, e.center_id, e.cohort_id, e.seat_district_id);
    else if (e.status === 'waitlisted') await renumberWaitlist(trx, e.center_id, e.cohort_id);
    return (await loadEnrolment(trx, enrolmentId))!;
  });
}

async function renumberWaitlist(trx: Db, centerId: string, cohortId: string) {
  await sql`
    UPDATE training_enrolments e SET waitlist_position = n.pos
      FROM (SELECT enrolment_id, row_number() OVER (ORDER BY waitlist_position) AS pos
              FROM training_enrolments
             WHERE center_id = ${centerId} AND cohort_id = ${cohortId} AND status = 'waitlisted') n
     WHERE e.center_id = ${centerId} AND e.enrolment_id = n.enrolment_id`.execute(trx);
}

async function passSeatOn(
  deps: Deps,
  trx: Db,
  actor: Actor,
  centerId: string,
  cohortId: string,
  seatDistrictId: number | null,
) {
  const waiting = trx
    .selectFrom('training_enrolments')
    .select(['enrolment_id', 'reasons', 'domicile_district_id'])
    .where('center_id', '=', centerId)
    .where('cohort_id', '=', cohortId)
    .where('status', '=', 'waitlisted')
    .orderBy('waitlist_position');
  const fromDistrict =
    seatDistrictId === null
      ? undefined
      : await waiting.where('domicile_district_id', '=', seatDistrictId).executeTakeFirst();
  const next = fromDistrict ?? (await waiting.executeTakeFirst());
  if (!next) return;
  const reasons = (
    typeof next.reasons === 'string' ? JSON.parse(next.reasons) : next.reasons
  ) as RuleReason[];
  const seat = fromDistrict ? seatDistrictId : null;
  await trx
    .updateTable('training_enrolments')
    .set({
      status: 'admitted',
      seat_district_id: seat,
      waitlist_position: null,
      reasons: withReason(
        reasons,
        fromDistrict
          ? {
              reason: 'Admitted from the waitlist to a seat of your district that someone gave up',
              code: 'seat.from_waitlist_district',
            }
          : {
              reason: 'Admitted from the waitlist to a seat that someone gave up (open pool)',
              code: 'seat.from_waitlist_pool',
            },
      ),
      decided_at: deps.clock.now(),
      updated_at: deps.clock.now(),
    })
    .where('center_id', '=', centerId)
    .where('enrolment_id', '=', next.enrolment_id)
    .execute();
  await recordChange(trx, actor, deps.clock, {
    action: 'training.admitted_from_waitlist',
    entity: 'training_enrolment',
    entityId: next.enrolment_id,
    details: { cohortId, seatDistrictId: seat },
  });
  await renumberWaitlist(trx, centerId, cohortId);
}

/** The trainer or staff confirm the documents (CNIC, domicile, degree) before the first class. */
export async function checkDocuments(deps: Deps, actor: Actor, enrolmentId: string): Promise<Enrolment> {
  requireSomeone(actor);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const e = await lockRunnersEnrolment(trx, actor, enrolmentId);
    await trx
      .updateTable('training_enrolments')
      .set({ documents_checked_at: now, documents_checked_by: actingUserId(actor), updated_at: now })
      .where('center_id', '=', e.center_id)
      .where('enrolment_id', '=', enrolmentId)
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'training.documents_checked',
      entity: 'training_enrolment',
      entityId: enrolmentId,
    });
    return (await loadEnrolment(trx, enrolmentId))!;
  });
}

/** My applications and enrolments, newest first, with each rule's reason. */
export async function myEnrolments(deps: Deps, actor: Actor): Promise<Enrolment[]> {
  requireUser(actor);
  const rows = await selectEnrolments(deps.db)
    .where('e.user_id', '=', actor.userId)
    .orderBy('e.applied_at', 'desc')
    .execute();
  return rows.map(toEnrolment);
}

/** A cohort's applications (staff, auditors, its trainer). */
export async function cohortEnrolments(
  deps: Deps,
  actor: Actor,
  cohortId: string,
  purpose?: string,
): Promise<Enrolment[]> {
  requireUser(actor);
  const cohort = await findCohortRow(deps.db, cohortId);
  if (!cohort) throw notFound('Cohort');
  if (!canReadAll(actor)) requireCohortRunner(actor, cohort);
  const rows = await selectEnrolments(deps.db)
    .where('e.cohort_id', '=', cohortId)
    .orderBy('e.status')
    .orderBy('e.waitlist_position')
    .orderBy('e.applied_at')
    .execute();
  // Trainers' and staff's views of trainees are on each trainee's record (decision 0050).
  await recordReads(
    deps.db,
    deps.clock,
    actor,
    {
      subjectUserIds: rows.map((r) => r.user_id),
      fields: ['name', 'domicile', 'merit'],
      purpose,
      via: 'roster',
    },
    { roles: ['trainer', 'program_admin'], purpose: 'training_administration' },
  );
  return rows.map(toEnrolment);
}

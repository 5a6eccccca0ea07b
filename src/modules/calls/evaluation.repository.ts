import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Assignment } from './evaluation.schema.ts';

type Db = Kysely<Database>;

function selectAssignments(db: Db) {
  return db
    .selectFrom('evaluation_assignments as e')
    .innerJoin('applications as a', 'a.id', 'e.application_id')
    .innerJoin('calls as c', 'c.id', 'e.call_id')
    .innerJoin('users as ev', 'ev.id', 'e.evaluator_id')
    .innerJoin('users as o', 'o.id', 'a.owner_id')
    .leftJoin('cities as ci', 'ci.id', 'a.city_id')
    .selectAll('e')
    .select([
      'a.reference',
      'a.building_name',
      'a.province_code',
      'c.title_en',
      'c.title_ur',
      'ev.name as evaluator_name',
      'o.name as applicant_name',
      'ci.name_en as city_name',
      'ci.name_ur as city_name_ur',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectAssignments>['executeTakeFirstOrThrow']>>;

function toAssignment(r: Row): Assignment {
  return {
    id: r.id,
    applicationId: r.application_id,
    reference: r.reference,
    callId: r.call_id,
    callTitleEn: r.title_en,
    callTitleUr: r.title_ur,
    evaluatorId: r.evaluator_id,
    evaluatorName: r.evaluator_name,
    status: r.status,
    conflictNote: r.conflict_note,
    assignedAt: r.assigned_at.toISOString(),
    declaredAt: r.declared_at?.toISOString() ?? null,
    submittedAt: r.submitted_at?.toISOString() ?? null,
    applicantName: r.applicant_name,
    buildingName: r.building_name,
    provinceCode: r.province_code,
    cityName: r.city_name,
    cityNameUr: r.city_name_ur,
  };
}

export async function listAssignmentRows(
  db: Db,
  filter: { applicationId?: string; evaluatorId?: string; status?: Assignment['status'] | undefined },
): Promise<Assignment[]> {
  let q = selectAssignments(db);
  if (filter.applicationId) q = q.where('e.application_id', '=', filter.applicationId);
  if (filter.evaluatorId) q = q.where('e.evaluator_id', '=', filter.evaluatorId);
  if (filter.status) q = q.where('e.status', '=', filter.status);
  const rows = await q.orderBy('e.assigned_at').orderBy('a.reference').orderBy('e.id').execute();
  return rows.map(toAssignment);
}

export async function findAssignment(db: Db, id: string): Promise<Assignment | undefined> {
  const row = await selectAssignments(db).where('e.id', '=', id).executeTakeFirst();
  return row && toAssignment(row);
}

export async function loadScores(db: Db, assignmentId: string) {
  const rows = await db
    .selectFrom('evaluation_scores')
    .select(['criterion_key', 'score', 'comment'])
    .where('assignment_id', '=', assignmentId)
    .execute();
  return rows.map((r) => ({ criterionKey: r.criterion_key, score: r.score, comment: r.comment }));
}

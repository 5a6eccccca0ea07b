import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.ts';
import { appealDeadline } from '../../platform/appeals.ts';
import type { Appeal, Application, ApplicationDocument, ApplicationSummary } from './application.schema.ts';
import type { AppealsTable, ApplicationDocumentsTable, ApplicationsTable } from './calls.table.ts';
import { formatScore } from './ranking.ts';

type Db = Kysely<Database>;
export type ApplicationRow = Selectable<ApplicationsTable>;

/** One building, one application per call: addresses compare without case, spacing or punctuation. */
export function addressKey(address: string): string {
  return address
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export async function findApplicationRow(db: Db, id: string, forUpdate = false) {
  let q = db.selectFrom('applications').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function toDocument(r: Selectable<ApplicationDocumentsTable>): ApplicationDocument {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    fileName: r.file_name,
    contentType: r.content_type,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    uploadedAt: r.uploaded_at.toISOString(),
  };
}

export function toAppeal(r: Selectable<AppealsTable>, reference: string): Appeal {
  return {
    id: r.id,
    applicationId: r.application_id,
    reference,
    text: r.text,
    status: r.status,
    resolutionReason: r.resolution_reason,
    createdAt: r.created_at.toISOString(),
    resolvedAt: r.resolved_at?.toISOString() ?? null,
  };
}

export async function toApplication(db: Db, row: ApplicationRow): Promise<Application> {
  const [call, owner, city, documents, appeal] = await Promise.all([
    db
      .selectFrom('calls')
      .select(['title_en', 'title_ur', 'appeal_window_days'])
      .where('id', '=', row.call_id)
      .executeTakeFirstOrThrow(),
    db.selectFrom('users').select('name').where('id', '=', row.owner_id).executeTakeFirstOrThrow(),
    row.city_id === null
      ? undefined
      : db
          .selectFrom('cities')
          .select(['name_en', 'name_ur'])
          .where('id', '=', row.city_id)
          .executeTakeFirst(),
    db
      .selectFrom('application_documents')
      .selectAll()
      .where('application_id', '=', row.id)
      .orderBy('uploaded_at')
      .orderBy('id')
      .execute(),
    db.selectFrom('appeals').selectAll().where('application_id', '=', row.id).executeTakeFirst(),
  ]);
  return {
    id: row.id,
    callId: row.call_id,
    callTitleEn: call.title_en,
    callTitleUr: call.title_ur,
    reference: row.reference,
    ownerId: row.owner_id,
    ownerName: owner.name,
    status: row.status,
    buildingName: row.building_name,
    address: row.address,
    provinceCode: row.province_code,
    districtId: row.district_id,
    cityId: row.city_id,
    cityName: city?.name_en ?? null,
    cityNameUr: city?.name_ur ?? null,
    latitude: row.latitude,
    longitude: row.longitude,
    coveredAreaSqft: row.covered_area_sqft,
    hotDesks: row.hot_desks,
    cabins: row.cabins,
    meetingRooms: row.meeting_rooms,
    trainingRooms: row.training_rooms,
    internetMbps: row.internet_mbps,
    internetProvider: row.internet_provider,
    fibre: row.fibre,
    backupKva: row.backup_kva,
    backupHours: row.backup_hours,
    facilities: row.facilities,
    readinessDate: row.readiness_date,
    loanRequestedMinor: row.loan_requested_minor,
    submittedAt: row.submitted_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    result: row.decided_at
      ? {
          scoreMilli: row.score_milli,
          score: row.score_milli === null ? null : formatScore(row.score_milli),
          rank: row.rank,
          reason: row.decision_reason,
          decidedAt: row.decided_at.toISOString(),
          appealDeadline: appealDeadline(row.decided_at, call.appeal_window_days).toISOString(),
        }
      : null,
    appeal: appeal ? toAppeal(appeal, row.reference) : null,
    documents: documents.map(toDocument),
  };
}

export async function listApplicationSummaries(
  db: Db,
  filter: {
    ownerId?: string | undefined;
    callId?: string | undefined;
    status?: ApplicationRow['status'] | undefined;
    includeDrafts: boolean;
  },
): Promise<ApplicationSummary[]> {
  let q = db
    .selectFrom('applications as a')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .innerJoin('users as u', 'u.id', 'a.owner_id')
    .leftJoin('cities as ci', 'ci.id', 'a.city_id')
    .select([
      'a.id',
      'a.call_id',
      'a.reference',
      'a.status',
      'a.building_name',
      'a.province_code',
      'a.district_id',
      'a.submitted_at',
      'a.updated_at',
      'a.score_milli',
      'a.rank',
      'c.title_en',
      'c.title_ur',
      'c.evaluators_per_application',
      'u.name as owner_name',
      'ci.name_en as city_name',
      'ci.name_ur as city_name_ur',
    ])
    .select((eb) => [
      eb
        .selectFrom('evaluation_assignments as e')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('e.application_id', '=', 'a.id')
        .where('e.status', '<>', 'recused')
        .as('active'),
      eb
        .selectFrom('evaluation_assignments as e')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('e.application_id', '=', 'a.id')
        .where('e.status', '=', 'submitted')
        .as('submitted_evals'),
      eb
        .selectFrom('evaluation_assignments as e')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('e.application_id', '=', 'a.id')
        .where('e.status', '=', 'recused')
        .as('recusals'),
    ]);
  if (filter.ownerId) q = q.where('a.owner_id', '=', filter.ownerId);
  if (filter.callId) q = q.where('a.call_id', '=', filter.callId);
  if (filter.status) q = q.where('a.status', '=', filter.status);
  if (!filter.includeDrafts) q = q.where('a.status', '<>', 'draft');
  const rows = await q.orderBy('a.reference').execute();
  return rows.map((r) => {
    const active = Number(r.active ?? 0);
    return {
      id: r.id,
      callId: r.call_id,
      callTitleEn: r.title_en,
      callTitleUr: r.title_ur,
      reference: r.reference,
      ownerName: r.owner_name,
      status: r.status,
      buildingName: r.building_name,
      provinceCode: r.province_code,
      districtId: r.district_id,
      cityName: r.city_name,
      cityNameUr: r.city_name_ur,
      submittedAt: r.submitted_at?.toISOString() ?? null,
      updatedAt: r.updated_at.toISOString(),
      scoreMilli: r.score_milli,
      rank: r.rank,
      activeEvaluators: active,
      submittedEvaluations: Number(r.submitted_evals ?? 0),
      recusals: Number(r.recusals ?? 0),
      needsReassignment: r.status === 'submitted' && active < r.evaluators_per_application,
    };
  });
}

import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Call, CallSummary, Criterion, Quota } from './call.schema.ts';
import type { CallStatus, CallsTable } from './calls.table.ts';

type Db = Kysely<Database>;
export type CallRow = Selectable<CallsTable>;
export type CallPhase = Call['phase'];

/** The call's phase on the programme's clock: publication opens it at opens_at, closes_at ends it. */
export function callPhase(row: Pick<CallRow, 'status' | 'opens_at' | 'closes_at'>, now: Date): CallPhase {
  const status: CallStatus = row.status;
  switch (status) {
    case 'draft':
    case 'closed':
    case 'decided':
      return status;
    case 'published':
      if (now < row.opens_at) return 'upcoming';
      return now < row.closes_at ? 'open' : 'closed';
    default: {
      const never: never = status;
      throw new Error(`unknown call status ${String(never)}`);
    }
  }
}

export async function findCallRow(db: Db, id: string, forUpdate = false): Promise<CallRow | undefined> {
  let q = db.selectFrom('calls').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function loadCriteria(db: Db, callId: string): Promise<Criterion[]> {
  const rows = await db
    .selectFrom('call_criteria')
    .selectAll()
    .where('call_id', '=', callId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    key: r.key,
    labelEn: r.label_en,
    labelUr: r.label_ur,
    weight: r.weight,
    maxScore: r.max_score,
  }));
}

export async function loadQuotas(db: Db, callId: string): Promise<Quota[]> {
  const rows = await db
    .selectFrom('call_quotas')
    .innerJoin('provinces', 'provinces.code', 'call_quotas.province_code')
    .select(['call_quotas.province_code', 'call_quotas.district_id', 'call_quotas.seats'])
    .where('call_id', '=', callId)
    .orderBy('provinces.sort_order')
    .orderBy('call_quotas.district_id', (o) => o.nullsFirst())
    .execute();
  return rows.map((r) => ({
    provinceCode: r.province_code as Quota['provinceCode'],
    districtId: r.district_id,
    seats: r.seats,
  }));
}

export async function loadReleases(db: Db, callId: string) {
  const rows = await db
    .selectFrom('call_quota_releases')
    .selectAll()
    .where('call_id', '=', callId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    fromProvince: r.from_province,
    toProvince: r.to_province,
    seats: r.seats,
    reason: r.reason,
    createdAt: r.created_at.toISOString(),
  }));
}

export async function replaceCriteria(db: Db, callId: string, criteria: Criterion[]): Promise<void> {
  await db.deleteFrom('call_criteria').where('call_id', '=', callId).execute();
  await db
    .insertInto('call_criteria')
    .values(
      criteria.map((c, i) => ({
        call_id: callId,
        key: c.key,
        position: i + 1,
        label_en: c.labelEn,
        label_ur: c.labelUr,
        weight: c.weight,
        max_score: c.maxScore,
      })),
    )
    .execute();
}

export async function replaceQuotas(db: Db, callId: string, quotas: Quota[]): Promise<void> {
  await db.deleteFrom('call_quotas').where('call_id', '=', callId).execute();
  if (quotas.length === 0) return;
  await db
    .insertInto('call_quotas')
    .values(
      quotas.map((q) => ({
        call_id: callId,
        province_code: q.provinceCode,
        district_id: q.districtId,
        seats: q.seats,
      })),
    )
    .execute();
}

export async function toCall(db: Db, row: CallRow, now: Date): Promise<Call> {
  const [criteria, quotas, releases] = await Promise.all([
    loadCriteria(db, row.id),
    loadQuotas(db, row.id),
    loadReleases(db, row.id),
  ]);
  return {
    id: row.id,
    titleEn: row.title_en,
    titleUr: row.title_ur,
    descriptionEn: row.description_en,
    descriptionUr: row.description_ur,
    opensAt: row.opens_at.toISOString(),
    closesAt: row.closes_at.toISOString(),
    status: row.status,
    phase: callPhase(row, now),
    passMark: row.pass_mark,
    evaluatorsPerApplication: row.evaluators_per_application,
    loanCapMinor: row.loan_cap_minor,
    appealWindowDays: row.appeal_window_days,
    criteria,
    quotas,
    totalSeats: quotas.filter((q) => q.districtId === null).reduce((a, q) => a + q.seats, 0),
    releases,
    rulesLocked: row.first_submitted_at !== null,
    publishedAt: row.published_at?.toISOString() ?? null,
    closedAt: row.closed_at?.toISOString() ?? null,
    decidedAt: row.decided_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

export async function listCalls(db: Db, statuses: CallStatus[], now: Date): Promise<CallSummary[]> {
  if (statuses.length === 0) return [];
  const rows = await db
    .selectFrom('calls')
    .selectAll('calls')
    .select((eb) =>
      eb
        .selectFrom('applications')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('applications.call_id', '=', 'calls.id')
        .where('applications.status', '<>', 'draft')
        .as('submitted'),
    )
    .select((eb) =>
      eb
        .selectFrom('call_quotas')
        .select((e) => e.fn.coalesce(e.fn.sum<number>('seats'), e.lit(0)).as('s'))
        .whereRef('call_quotas.call_id', '=', 'calls.id')
        .where('call_quotas.district_id', 'is', null)
        .as('seats'),
    )
    .where('status', 'in', statuses)
    .orderBy('opens_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    titleEn: r.title_en,
    titleUr: r.title_ur,
    opensAt: r.opens_at.toISOString(),
    closesAt: r.closes_at.toISOString(),
    status: r.status,
    phase: callPhase(r, now),
    totalSeats: Number(r.seats ?? 0),
    loanCapMinor: r.loan_cap_minor,
    submittedApplications: Number(r.submitted ?? 0),
  }));
}

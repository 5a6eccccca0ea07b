import { type Insertable, type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Certificate, CertificateListQuery } from './credentials.schema.ts';
import type { CertificatesTable } from './credentials.table.ts';

type Row = Omit<CertificatesTable, 'id'> & { id: string };

export type CertificateRecord = Certificate & {
  skills: string[];
  centreId: string;
  cohortStart: string;
  cohortEnd: string;
  statusIndex: number;
  credential: Record<string, unknown>;
};

const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

export function toCertificate(r: Row): CertificateRecord {
  return {
    id: r.id,
    code: r.code,
    status: r.revoked_at ? 'revoked' : 'valid',
    userId: r.user_id,
    earnerName: r.display_name,
    enrolmentId: r.enrolment_id,
    courseId: r.course_id,
    courseTitleEn: r.course_title_en,
    courseTitleUr: r.course_title_ur,
    hours: Number(r.hours),
    skills: r.skills ?? [],
    centreId: r.centre_id,
    centreName: r.centre_name,
    cohortStart: day(r.cohort_start),
    cohortEnd: day(r.cohort_end),
    completedOn: day(r.completed_on),
    score: r.score === null ? null : Number(r.score),
    statusIndex: r.status_index,
    credential: r.credential,
    issuedAt: r.issued_at.toISOString(),
    revokedAt: r.revoked_at?.toISOString() ?? null,
    revokeReason: r.revoke_reason,
  };
}

/** The public face of a record: what lists and the holder see (no credential body, no index). */
export function summary(c: CertificateRecord): Certificate {
  const {
    skills: _s,
    centreId: _c,
    cohortStart: _a,
    cohortEnd: _b,
    statusIndex: _i,
    credential: _v,
    ...rest
  } = c;
  return rest;
}

export async function findByCode(db: Kysely<Database>, code: string, forUpdate = false) {
  let q = db.selectFrom('certificates').selectAll().where('code', '=', code);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? toCertificate(row) : undefined;
}

export async function findByEnrolment(db: Kysely<Database>, enrolmentId: string) {
  const row = await db
    .selectFrom('certificates')
    .selectAll()
    .where('enrolment_id', '=', enrolmentId)
    .executeTakeFirst();
  return row ? toCertificate(row) : undefined;
}

export async function nextStatusIndex(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{
    n: string | number;
  }>`SELECT nextval('certificate_status_index_seq') AS n`.execute(db);
  return Number(rows[0]!.n);
}

export async function insertCertificate(db: Kysely<Database>, values: Insertable<CertificatesTable>) {
  const credential = JSON.stringify(values.credential) as unknown as Record<string, unknown>;
  await db
    .insertInto('certificates')
    .values({ ...values, credential })
    .execute();
}

export async function listCertificates(
  db: Kysely<Database>,
  query: CertificateListQuery & { userId?: string },
) {
  let q = db.selectFrom('certificates').selectAll().orderBy('issued_at', 'desc').orderBy('code').limit(500);
  if (query.userId) q = q.where('user_id', '=', query.userId);
  if (query.status === 'revoked') q = q.where('revoked_at', 'is not', null);
  if (query.status === 'valid') q = q.where('revoked_at', 'is', null);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('display_name', 'ilike', like),
        eb('course_title_en', 'ilike', like),
        eb('course_title_ur', 'ilike', like),
        eb('code', 'ilike', like),
      ]),
    );
  }
  return (await q.execute()).map(toCertificate);
}

export async function revokedIndexes(db: Kysely<Database>): Promise<number[]> {
  const rows = await db
    .selectFrom('certificates')
    .select('status_index')
    .where('revoked_at', 'is not', null)
    .execute();
  return rows.map((r) => r.status_index);
}

export async function saveStatusList(db: Kysely<Database>, listId: number, credential: object, at: Date) {
  const values = {
    credential: JSON.stringify(credential) as unknown as Record<string, unknown>,
    updated_at: at,
  };
  await db
    .insertInto('credential_status_lists')
    .values({ list_id: listId, ...values })
    .onConflict((oc) => oc.column('list_id').doUpdateSet(values))
    .execute();
}

export async function loadStatusList(db: Kysely<Database>, listId: number) {
  const row = await db
    .selectFrom('credential_status_lists')
    .select('credential')
    .where('list_id', '=', listId)
    .executeTakeFirst();
  return row?.credential;
}

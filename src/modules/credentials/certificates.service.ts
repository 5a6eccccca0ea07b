import { randomInt, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole, requireUser, systemActor } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { certificateIssued, certificateRevoked } from './credentials.events.ts';
import * as repo from './credentials.repository.ts';
import {
  type Certificate,
  type CertificateListQuery,
  type EnrolmentCompletion,
  EnrolmentCompletionSchema,
  type RevokeCertificateInput,
} from './credentials.schema.ts';
import { signDocument } from './data-integrity.ts';
import { issuerKey } from './issuer-key.ts';
import { buildOpenBadge, buildStatusList, publicBase, STATUS_LIST_ID } from './open-badge.ts';
import { encodeStatusList } from './status-list.ts';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const randomChars = (n: number) => Array.from({ length: n }, () => CROCKFORD[randomInt(32)]).join('');
export const newCertificateCode = () => `MKZ-${randomChars(4)}-${randomChars(4)}`;

function parseCompletion(input: unknown): EnrolmentCompletion {
  const parsed = EnrolmentCompletionSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => ({
    path: i.path.join('.') || '(input)',
    message: i.message,
    rule: i.code,
  }));
  throw new AppError('validation_failed', fields.map((f) => `${f.path}: ${f.message}`).join('; '), {
    fields,
  });
}

/** Signs the status list as it stands in `trx` and stores it: called by every change of status. */
async function republishStatusList(deps: Deps, trx: Kysely<Database>): Promise<void> {
  const key = await issuerKey({ db: trx, config: deps.config });
  const at = deps.clock.now();
  const encodedList = encodeStatusList(await repo.revokedIndexes(trx));
  const unsigned = buildStatusList({ base: publicBase(deps.config), key, encodedList, at });
  await repo.saveStatusList(trx, STATUS_LIST_ID, await signDocument(unsigned, key, at), at);
}

/**
 * Issues the certificate for a completed enrolment inside the caller's transaction: an Open Badges
 * 3.0 credential signed by the programme's issuer key, with a short code and a bit in the
 * revocation list. Idempotent by enrolment: a second call returns the first certificate.
 */
export async function issueCertificate(
  deps: Deps,
  trx: Kysely<Database>,
  input: unknown,
): Promise<Certificate> {
  const completion = parseCompletion(input);
  const existing = await repo.findByEnrolment(trx, completion.enrolmentId);
  if (existing) return repo.summary(existing);
  const user = await trx
    .selectFrom('users')
    .select(['id', 'role'])
    .where('id', '=', completion.userId)
    .executeTakeFirst();
  if (!user)
    throw new AppError('validation_failed', 'userId: no such person', {
      fields: [{ path: 'userId', message: 'no such person', rule: 'not_found' }],
    });
  const key = await issuerKey({ db: trx, config: deps.config });
  const id = randomUUID();
  const code = newCertificateCode();
  const issuedAt = deps.clock.now();
  const statusIndex = await repo.nextStatusIndex(trx);
  const unsigned = buildOpenBadge({
    id,
    code,
    completion,
    statusIndex,
    issuedAt,
    key,
    base: publicBase(deps.config),
  });
  const credential = await signDocument(unsigned, key, issuedAt);
  await repo.insertCertificate(trx, {
    id,
    code,
    enrolment_id: completion.enrolmentId,
    user_id: completion.userId,
    display_name: completion.displayName,
    course_id: completion.courseId,
    course_title_en: completion.courseTitleEn,
    course_title_ur: completion.courseTitleUr,
    hours: completion.hours,
    skills: completion.skills,
    centre_id: completion.centreId,
    centre_name: completion.centreName,
    cohort_start: completion.cohortStart,
    cohort_end: completion.cohortEnd,
    completed_on: completion.completedOn,
    score: completion.score,
    status_index: statusIndex,
    credential,
    issued_at: issuedAt,
  });
  if (!(await repo.loadStatusList(trx, STATUS_LIST_ID))) await republishStatusList(deps, trx);
  const actor = systemActor('credentials');
  await recordChange(trx, actor, deps.clock, {
    action: 'credentials.certificate_issued',
    entity: 'certificate',
    entityId: id,
    after: { code, enrolmentId: completion.enrolmentId, userId: completion.userId, statusIndex },
  });
  await emitEvent(trx, deps, certificateIssued, {
    certificateId: id,
    code,
    userId: completion.userId,
    enrolmentId: completion.enrolmentId,
  });
  return repo.summary((await repo.findByCode(trx, code))!);
}

/** Staff revoke a certificate with a reason: audited, and the signed status list says so at once. */
export async function revokeCertificate(
  deps: Deps,
  actor: Actor,
  code: string,
  input: RevokeCertificateInput,
): Promise<Certificate> {
  requireRole(actor, 'program_admin');
  return inTransaction(deps.db, async (trx) => {
    const before = await repo.findByCode(trx, code, true);
    if (!before) throw notFound('Certificate');
    if (before.status === 'revoked')
      throw new AppError('invalid_state', 'This certificate is already revoked');
    return revokeInTransaction(deps, trx, actor, before, input.reason);
  });
}

/** Revokes a valid certificate inside the caller's transaction (staff, or an annulled completion). */
export async function revokeInTransaction(
  deps: Deps,
  trx: Kysely<Database>,
  actor: Actor,
  before: repo.CertificateRecord,
  reason: string,
): Promise<Certificate> {
  await trx
    .updateTable('certificates')
    .set({
      revoked_at: deps.clock.now(),
      revoked_by: actor.kind === 'user' ? actor.userId : null,
      revoke_reason: reason,
    })
    .where('id', '=', before.id)
    .where('revoked_at', 'is', null)
    .execute();
  await republishStatusList(deps, trx);
  const after = (await repo.findByCode(trx, before.code))!;
  await recordChange(trx, actor, deps.clock, {
    action: 'credentials.certificate_revoked',
    entity: 'certificate',
    entityId: before.id,
    before: repo.summary(before),
    after: repo.summary(after),
    details: { code: before.code, reason },
  });
  await emitEvent(
    trx,
    deps,
    certificateRevoked,
    { certificateId: before.id, code: before.code, userId: before.userId },
    actor,
  );
  return repo.summary(after);
}

/** Staff (programme admin, auditor) list certificates. */
export async function listCertificates(
  deps: Deps,
  actor: Actor,
  query: CertificateListQuery,
): Promise<Certificate[]> {
  requireRole(actor, 'program_admin', 'auditor');
  return (await repo.listCertificates(deps.db, query)).map(repo.summary);
}

/** A person's own certificates. */
export async function listMyCertificates(deps: Deps, actor: Actor): Promise<Certificate[]> {
  requireUser(actor);
  return (await repo.listCertificates(deps.db, { userId: actor.userId })).map(repo.summary);
}

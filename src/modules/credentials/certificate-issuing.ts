import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { systemActor } from '../../platform/actor.ts';
import type { DeliveredEvent } from '../../platform/events/index.ts';
import {
  checkEnrolmentCompletion,
  type completionAnnulled,
  type enrolmentCompleted,
} from '../training/index.ts';
import { issueCertificate, revokeInTransaction } from './certificates.service.ts';
import * as repo from './credentials.repository.ts';
import type { EnrolmentCompletion } from './credentials.schema.ts';

type Payload<E extends { schema: { _output: unknown } }> = E['schema']['_output'];
type Completed = Payload<typeof enrolmentCompleted>;

/** What a certificate says, from training's `training.enrolment_completed`. */
export function completionFromEvent(p: Completed): EnrolmentCompletion {
  return {
    enrolmentId: p.enrolmentId,
    userId: p.userId,
    displayName: p.name,
    courseId: p.courseId,
    courseTitleEn: p.courseTitleEn,
    courseTitleUr: p.courseTitleUr,
    hours: p.hours,
    skills: p.skills,
    centreId: p.centerId,
    centreName: p.centerName,
    cohortStart: p.cohortStartsOn,
    cohortEnd: p.cohortEndsOn,
    completedOn: p.completedOn,
    score: p.assessmentScore,
  };
}

/**
 * `credentials.issue-certificate`: a completion becomes a certificate, in the transaction that
 * marks the delivery done. Idempotent by enrolment (issueCertificate returns the first certificate
 * on a redelivery); a completion annulled before its delivery issues nothing.
 */
export async function issueOnCompletion(
  deps: Deps,
  event: DeliveredEvent<Completed>,
  trx: Kysely<Database>,
): Promise<void> {
  const now = await checkEnrolmentCompletion({ db: trx }, event.payload.enrolmentId);
  if (!now.completed) return;
  await issueCertificate(deps, trx, completionFromEvent(event.payload));
}

/**
 * `credentials.revoke-annulled`: an annulled completion's certificate is revoked with the finding
 * as its reason. Nothing to do when there is none yet (issueOnCompletion will then not issue it)
 * or it is revoked already: redeliveries change nothing.
 */
export async function revokeOnAnnulment(
  deps: Deps,
  event: DeliveredEvent<Payload<typeof completionAnnulled>>,
  trx: Kysely<Database>,
): Promise<void> {
  const cert = await repo.findByEnrolment(trx, event.payload.enrolmentId);
  if (!cert || cert.status === 'revoked') return;
  await revokeInTransaction(
    deps,
    trx,
    systemActor('credentials'),
    cert,
    `Completion annulled: ${event.payload.reason}`,
  );
}

/** Enrolments holding a valid certificate: training's `certified` counts (its hook). */
export async function certifiedEnrolmentIds(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('certificates')
    .select('enrolment_id')
    .where('revoked_at', 'is', null)
    .execute();
  return rows.map((r) => r.enrolment_id);
}

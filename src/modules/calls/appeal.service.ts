import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { assertAppealOpen, fileOnce, notPending } from '../../platform/appeals.ts';
import { recordChange } from '../../platform/record-change.ts';
import { notFound } from '../../shared/errors.ts';
import { findApplicationRow, toAppeal } from './application.repository.ts';
import type { Appeal } from './application.schema.ts';

/** An applicant contests a decision once, within the call's appeal window. */
export async function fileAppeal(
  deps: Deps,
  actor: Actor,
  applicationId: string,
  text: string,
): Promise<Appeal> {
  requireRole(actor, 'owner');
  const app = await findApplicationRow(deps.db, applicationId);
  if (!app || actor.kind !== 'user' || app.owner_id !== actor.userId) throw notFound('Application');
  const call = await deps.db
    .selectFrom('calls')
    .select('appeal_window_days')
    .where('id', '=', app.call_id)
    .executeTakeFirstOrThrow();
  const now = deps.clock.now();
  assertAppealOpen(now, app.decided_at, call.appeal_window_days);
  return fileOnce(
    inTransaction(deps.db, async (trx) => {
      const row = await trx
        .insertInto('appeals')
        .values({
          application_id: applicationId,
          text,
          status: 'pending',
          created_by: actor.userId,
          created_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordChange(trx, actor, deps.clock, {
        action: 'appeal.filed',
        entity: 'appeal',
        entityId: row.id,
        details: { applicationId, reference: app.reference },
      });
      return toAppeal(row, app.reference);
    }),
    'application',
  );
}

export async function resolveAppeal(
  deps: Deps,
  actor: Actor,
  appealId: string,
  input: { outcome: 'upheld' | 'rejected'; reason: string },
): Promise<Appeal> {
  requireRole(actor, 'program_admin');
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .updateTable('appeals')
      .set({
        status: input.outcome,
        resolution_reason: input.reason,
        resolved_at: now,
        resolved_by: actor.kind === 'user' ? actor.userId : null,
      })
      .where('id', '=', appealId)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const exists = await trx
        .selectFrom('appeals')
        .select('status')
        .where('id', '=', appealId)
        .executeTakeFirst();
      throw notPending(exists?.status);
    }
    const app = await trx
      .selectFrom('applications')
      .select('reference')
      .where('id', '=', row.application_id)
      .executeTakeFirstOrThrow();
    await recordChange(trx, actor, deps.clock, {
      action: `appeal.${input.outcome}`,
      entity: 'appeal',
      entityId: appealId,
      details: { applicationId: row.application_id, reason: input.reason },
    });
    return toAppeal(row, app.reference);
  });
}

export async function listAppeals(deps: Deps, actor: Actor, callId: string): Promise<Appeal[]> {
  requireRole(actor, 'program_admin', 'auditor');
  const rows = await deps.db
    .selectFrom('appeals')
    .innerJoin('applications', 'applications.id', 'appeals.application_id')
    .selectAll('appeals')
    .select('applications.reference')
    .where('applications.call_id', '=', callId)
    .orderBy('appeals.created_at')
    .orderBy('appeals.id')
    .execute();
  return rows.map((r) => toAppeal(r, r.reference));
}

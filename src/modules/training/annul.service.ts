import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { completionAnnulled } from './training.events.ts';
import { loadEnrolment } from './training.repository.ts';
import type { Enrolment } from './training.schema.ts';

/**
 * A later finding that a completion rested on false data (attendance invented, an assessment not
 * sat): staff annul it with a reason. It becomes `not_completed`, leaves the portal's counts, and
 * `training.completion_annulled` tells the credentials area to revoke its certificate.
 */
export async function annulCompletion(
  deps: Deps,
  actor: Actor,
  enrolmentId: string,
  reason: string,
): Promise<Enrolment> {
  requireRole(actor, 'program_admin');
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const e = await trx
      .selectFrom('training_enrolments')
      .select(['center_id', 'user_id', 'status', 'completed_at'])
      .where('enrolment_id', '=', enrolmentId)
      .forUpdate()
      .executeTakeFirst();
    if (!e) throw notFound('Enrolment');
    if (e.status !== 'completed') throw new AppError('invalid_state', `This enrolment is ${e.status}`);
    await trx
      .updateTable('training_enrolments')
      .set({ status: 'not_completed', completed_at: null, updated_at: now })
      .where('center_id', '=', e.center_id)
      .where('enrolment_id', '=', enrolmentId)
      .where('status', '=', 'completed')
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'training.completion_annulled',
      entity: 'training_enrolment',
      entityId: enrolmentId,
      before: { status: 'completed', completedAt: e.completed_at?.toISOString() ?? null },
      after: { status: 'not_completed' },
      details: { reason },
    });
    await emitEvent(trx, deps, completionAnnulled, { enrolmentId, userId: e.user_id, reason }, actor);
    return (await loadEnrolment(trx, enrolmentId))!;
  });
}

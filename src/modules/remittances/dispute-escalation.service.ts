import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole, requireUser } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { piiCipher } from '../../platform/keys/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import type { Dispute, EscalateDisputeInput } from './disputes.schema.ts';
import { disputes, toDispute } from './disputes.service.ts';
import { disputeEscalated } from './remittances.events.ts';

/**
 * The freelancer still disagrees after the bank confirmed its figure: they ask programme staff to
 * look, with their reason. Staff then close it with a note (`resolveDispute`), which tells both
 * sides; the bank's figure stays as it is unless the bank corrects it. Only a confirmed figure is
 * escalated: an open dispute waits on the bank (which is reminded), a corrected one was changed.
 */
export async function escalateDispute(
  deps: Deps,
  actor: Actor,
  id: string,
  input: EscalateDisputeInput,
): Promise<Dispute> {
  requireRole(actor, 'freelancer');
  requireUser(actor);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const pii = await piiCipher(deps, trx);
    const before = await disputes(trx)
      .where('d.id', '=', id)
      .where('d.freelancer_id', '=', actor.userId)
      .forUpdate('d')
      .executeTakeFirst();
    if (!before) throw notFound('Dispute');
    if (before.status !== 'confirmed')
      throw new AppError('invalid_state', 'Only a figure the bank confirmed can be escalated', {
        fields: [
          {
            path: 'text',
            message:
              before.status === 'escalated'
                ? 'already with programme staff'
                : 'only a figure the bank confirmed can be escalated',
            rule: before.status === 'escalated' ? 'remit_dispute_escalated' : 'remit_dispute_not_confirmed',
          },
        ],
      });
    await trx
      .updateTable('remittance_disputes')
      .set({ status: 'escalated', escalation_text: input.text, escalated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'confirmed')
      .execute();
    const after = toDispute(
      await disputes(trx).where('d.id', '=', id).executeTakeFirstOrThrow(),
      now,
      false,
      pii,
    );
    await recordChange(trx, actor, deps.clock, {
      action: 'remittance_dispute.escalated',
      entity: 'remittance_dispute',
      entityId: id,
      before: toDispute(before, now, false, pii),
      after,
    });
    await emitEvent(
      trx,
      deps,
      disputeEscalated,
      { disputeId: id, freelancerId: actor.userId, bankId: before.bank_id, month: before.month_text },
      actor,
    );
    return after;
  });
}

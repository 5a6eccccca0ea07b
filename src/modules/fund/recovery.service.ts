import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { type LedgerLine, postLedgerTransaction } from '../../platform/ledger.ts';
import { recordChange } from '../../platform/record-change.ts';
import { karachiDate } from '../../shared/time.ts';
import { grantWithOwner, notApproved } from './disbursement.service.ts';
import { grantRecovered } from './fund.events.ts';
import { releaseBudget } from './fund.repository.ts';
import { requireStaff } from './fund-access.ts';

/**
 * A broken condition: what was paid becomes a receivable (the expense reversed), what was
 * committed and not paid is cancelled (the payable reversed, the envelope given back).
 */
export async function recoverGrant(
  deps: Deps,
  actor: Actor,
  grantId: string,
  input: { condition: 'moved_abroad' | 'misuse' | 'false_statement' | 'other'; reason: string },
): Promise<{ recoverablePkrMinor: number; cancelledPkrMinor: number }> {
  requireStaff(actor);
  const now = deps.clock.now();
  const today = karachiDate(now);
  return inTransaction(deps.db, async (trx) => {
    const g = await grantWithOwner(trx, grantId);
    if (g.status !== 'approved') throw notApproved(g.status);
    // The whole expense reverses; the receivable is what was paid (at the payment dates' rates), so
    // the FX difference those payments posted reverses too.
    const cancelled = g.committed_pkr_minor - g.released_pkr_minor;
    const fx = g.paid_pkr_minor - g.released_pkr_minor;
    const lines: LedgerLine[] = [
      { account: 'clawback_receivable', debitMinor: g.paid_pkr_minor },
      { account: 'fund_grant_expense', creditMinor: g.committed_pkr_minor },
      { account: 'fund_grant_payable', debitMinor: cancelled },
    ];
    if (fx > 0) lines.push({ account: 'fund_fx_difference', creditMinor: fx });
    if (fx < 0) lines.push({ account: 'fund_fx_difference', debitMinor: -fx });
    const txId = await postLedgerTransaction(
      trx,
      { kind: 'fund_grant_recovery', loanId: null, occurredOn: today, now },
      lines.filter((l) => (l.debitMinor ?? l.creditMinor ?? 0) > 0),
    );
    if (cancelled > 0 && g.fiscal_year !== null) await releaseBudget(trx, g.fiscal_year, cancelled);
    await trx
      .updateTable('fund_grants')
      .set({
        status: 'recovered',
        recovered_at: now,
        recovery_condition: input.condition,
        recovery_reason: input.reason,
        recovery_transaction_id: txId,
      })
      .where('id', '=', grantId)
      .where('status', '=', 'approved')
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'fund.grant_recovered',
      entity: 'fund_grant',
      entityId: grantId,
      details: { ...input, recoverablePkrMinor: g.paid_pkr_minor, cancelledPkrMinor: cancelled },
    });
    await emitEvent(
      trx,
      deps,
      grantRecovered,
      { grantId, founderId: g.owner_id, condition: input.condition, recoverablePkrMinor: g.paid_pkr_minor },
      actor,
    );
    return { recoverablePkrMinor: g.paid_pkr_minor, cancelledPkrMinor: cancelled };
  });
}

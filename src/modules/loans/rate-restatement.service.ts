import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import { invalidField, notFound } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { assertBackdateAllowed } from './loan-rules.service.ts';
import { adjustSubsidyForLoans } from './subsidy-restate-sql.ts';

export const RestateBenchmarkRateInputSchema = z
  .object({
    rateBps: z.number().int().min(0).max(10_000).describe('The corrected fixing, in basis points'),
    reason: z.string().trim().min(5, 'must say why the fixing was restated').max(1000),
  })
  .meta({ id: 'RestateBenchmarkRateInput' });
export type RestateBenchmarkRateInput = z.infer<typeof RestateBenchmarkRateInputSchema>;

export const RateRestatementSchema = z
  .object({
    id: z.string().uuid(),
    benchmarkRateId: z.string().uuid(),
    benchmark: z.string(),
    effectiveFrom: z.string(),
    fromBps: z.number().int(),
    toBps: z.number().int(),
    reason: z.string(),
    loansRecomputed: z.number().int().describe('Loans priced on the fixing whose subsidy was recomputed'),
    adjustedMinor: z.number().int().describe('Net subsidy adjustment posted, in paisa (up or down)'),
    createdAt: z.string(),
  })
  .meta({ id: 'RateRestatement' });
export type RateRestatement = z.infer<typeof RateRestatementSchema>;

/**
 * A published benchmark fixing corrected after the fact (issue 19, finding a; decision 0046). The
 * fixing takes the corrected value, the value it replaced is kept with the reason, and every loan
 * whose bank prices on that benchmark and that accrued subsidy on or after the fixing's date is
 * recomputed from that date: per quarter, what differs is a `rate_correction` subsidy adjustment,
 * posted to the ledger and settled with the bank's next claim, like a back-dated entry's.
 */
export async function restateBenchmarkRate(
  deps: Deps,
  actor: Actor,
  rateId: string,
  input: RestateBenchmarkRateInput,
): Promise<RateRestatement> {
  requireRole(actor, 'program_admin');
  return inTransaction(deps.db, async (trx) => {
    const rate = await trx
      .selectFrom('benchmark_rates')
      .selectAll()
      .where('id', '=', rateId)
      .forUpdate()
      .executeTakeFirst();
    if (!rate) throw notFound('Benchmark rate');
    // A restatement recomputes from the fixing's date: no further back than an entry may be dated.
    await assertBackdateAllowed(trx, karachiDate(deps.clock.now()), 'effectiveFrom', rate.effective_from);
    if (rate.rate_bps === input.rateBps) throw invalidField('rateBps', 'is already the fixing’s rate');
    await trx
      .updateTable('benchmark_rates')
      .set({ rate_bps: input.rateBps })
      .where('id', '=', rateId)
      .execute();
    const loans = await trx
      .selectFrom('loans as l')
      .select('l.id')
      .where('l.bank_id', 'in', (eb) =>
        eb.selectFrom('bank_spreads').select('bank_id').where('benchmark', '=', rate.benchmark),
      )
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('subsidy_accruals as a')
            .select('a.loan_id')
            .whereRef('a.loan_id', '=', 'l.id')
            .where('a.day', '>=', rate.effective_from),
        ),
      )
      .orderBy('l.id')
      .execute();
    const id = randomUUID();
    const reason = `${rate.benchmark} of ${rate.effective_from} restated ${rate.rate_bps}→${input.rateBps} bps: ${input.reason}`;
    const found = await adjustSubsidyForLoans(
      trx,
      deps.clock,
      loans.map((l) => l.id),
      rate.effective_from,
      { kind: 'rate_correction', id, reason: reason.slice(0, 500) },
    );
    const recomputed = found.loans;
    const adjusted = found.netMinor;
    const now = deps.clock.now();
    const row = await trx
      .insertInto('benchmark_rate_restatements')
      .values({
        id,
        benchmark_rate_id: rateId,
        benchmark: rate.benchmark,
        effective_from: rate.effective_from,
        from_bps: rate.rate_bps,
        to_bps: input.rateBps,
        reason: input.reason,
        loans_recomputed: recomputed,
        adjusted_minor: adjusted,
        created_by: actor.kind === 'user' ? actor.userId : null,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const restatement = toRestatement(row);
    await recordChange(trx, actor, deps.clock, {
      action: 'benchmark_rate.restated',
      entity: 'benchmark_rate',
      entityId: rateId,
      before: { rateBps: rate.rate_bps },
      after: restatement,
    });
    return restatement;
  });
}

function toRestatement(r: {
  id: string;
  benchmark_rate_id: string;
  benchmark: string;
  effective_from: string;
  from_bps: number;
  to_bps: number;
  reason: string;
  loans_recomputed: number;
  adjusted_minor: number | string;
  created_at: Date;
}): RateRestatement {
  return {
    id: r.id,
    benchmarkRateId: r.benchmark_rate_id,
    benchmark: r.benchmark,
    effectiveFrom: r.effective_from,
    fromBps: r.from_bps,
    toBps: r.to_bps,
    reason: r.reason,
    loansRecomputed: r.loans_recomputed,
    adjustedMinor: Number(r.adjusted_minor),
    createdAt: r.created_at.toISOString(),
  };
}

/** Every restatement, newest first (admin, auditor, banks: the fixings are public figures). */
export async function listRestatements(deps: Deps, actor: Actor): Promise<RateRestatement[]> {
  requireRole(actor, 'program_admin', 'auditor', 'bank_officer');
  const rows = await deps.db
    .selectFrom('benchmark_rate_restatements')
    .selectAll()
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toRestatement);
}

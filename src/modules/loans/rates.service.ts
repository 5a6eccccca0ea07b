import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import type {
  BankSpread,
  BenchmarkRate,
  CreateBankSpreadInput,
  CreateBenchmarkRateInput,
} from './loans.schema.ts';

/** Benchmark rates (e.g. KIBOR_6M) are entered by the admin, effective-dated, with their source. */
export async function createBenchmarkRate(
  deps: Deps,
  actor: Actor,
  input: CreateBenchmarkRateInput,
): Promise<BenchmarkRate> {
  requireRole(actor, 'program_admin');
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto('benchmark_rates')
      .values({
        benchmark: input.benchmark,
        effective_from: input.effectiveFrom,
        rate_bps: input.rateBps,
        source: input.source,
        created_by: actor.kind === 'user' ? actor.userId : null,
        created_at: deps.clock.now(),
      })
      .onConflict((oc) => oc.columns(['benchmark', 'effective_from']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row)
      throw new AppError(
        'already_exists',
        `${input.benchmark} already has a rate from ${input.effectiveFrom}`,
        {
          fields: [{ path: 'effectiveFrom', message: 'already has a rate' }],
        },
      );
    const rate = toRate(row);
    await recordChange(trx, actor, deps.clock, {
      action: 'benchmark_rate.created',
      entity: 'benchmark_rate',
      entityId: rate.id,
      after: rate,
    });
    return rate;
  });
}

function toRate(r: {
  id: string;
  benchmark: string;
  effective_from: string;
  rate_bps: number;
  source: string;
  created_at: Date;
}): BenchmarkRate {
  return {
    id: r.id,
    benchmark: r.benchmark,
    effectiveFrom: r.effective_from,
    rateBps: r.rate_bps,
    source: r.source,
    createdAt: r.created_at.toISOString(),
  };
}

export async function listBenchmarkRates(deps: Deps, actor: Actor): Promise<BenchmarkRate[]> {
  requireRole(actor, 'program_admin', 'auditor', 'bank_officer');
  const rows = await deps.db
    .selectFrom('benchmark_rates')
    .selectAll()
    .orderBy('benchmark')
    .orderBy('effective_from', 'desc')
    .execute();
  return rows.map(toRate);
}

/** A bank's spread over its benchmark, effective-dated; the admin registers it. */
export async function createBankSpread(
  deps: Deps,
  actor: Actor,
  input: CreateBankSpreadInput,
): Promise<BankSpread> {
  requireRole(actor, 'program_admin');
  const bank = await deps.db
    .selectFrom('organizations')
    .select(['id', 'kind', 'code'])
    .where('id', '=', input.bankId)
    .executeTakeFirst();
  if (!bank) throw notFound('Bank');
  if (bank.kind !== 'bank') throw invalidField('bankId', 'must be a partner bank');
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto('bank_spreads')
      .values({
        bank_id: bank.id,
        benchmark: input.benchmark,
        spread_bps: input.spreadBps,
        effective_from: input.effectiveFrom,
        created_by: actor.kind === 'user' ? actor.userId : null,
        created_at: deps.clock.now(),
      })
      .onConflict((oc) => oc.columns(['bank_id', 'effective_from']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row)
      throw new AppError('already_exists', `${bank.code} already has a spread from ${input.effectiveFrom}`, {
        fields: [{ path: 'effectiveFrom', message: 'already has a spread' }],
      });
    const spread = toSpread({ ...row, bank_code: bank.code });
    await recordChange(trx, actor, deps.clock, {
      action: 'bank_spread.created',
      entity: 'bank_spread',
      entityId: spread.id,
      after: spread,
    });
    return spread;
  });
}

function toSpread(r: {
  id: string;
  bank_id: string;
  bank_code: string;
  benchmark: string;
  spread_bps: number;
  effective_from: string;
  created_at: Date;
}): BankSpread {
  return {
    id: r.id,
    bankId: r.bank_id,
    bankCode: r.bank_code,
    benchmark: r.benchmark,
    spreadBps: r.spread_bps,
    effectiveFrom: r.effective_from,
    createdAt: r.created_at.toISOString(),
  };
}

export async function listBankSpreads(deps: Deps, actor: Actor): Promise<BankSpread[]> {
  requireRole(actor, 'program_admin', 'auditor', 'bank_officer');
  let q = deps.db
    .selectFrom('bank_spreads')
    .innerJoin('organizations', 'organizations.id', 'bank_spreads.bank_id')
    .selectAll('bank_spreads')
    .select('organizations.code as bank_code')
    .orderBy('organizations.code')
    .orderBy('bank_spreads.effective_from', 'desc');
  // A bank sees its own terms only.
  if (actor.kind !== 'system' && actor.role === 'bank_officer')
    q = q.where('bank_spreads.bank_id', '=', actor.organizationId ?? '');
  return (await q.execute()).map(toSpread);
}

import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { createOrganization } from '../identity/index.ts';
import type { RegisterBankInput } from './loans.schema.ts';
import { createBankSpread } from './rates.service.ts';

/**
 * The admin registers a partner bank: the organisation, and the benchmark it prices on with its
 * spread from a date, in one transaction (a bank without terms could not be claimed for).
 */
export async function registerBank(deps: Deps, actor: Actor, input: RegisterBankInput) {
  requireRole(actor, 'program_admin');
  return inTransaction(deps.db, async (trx) => {
    const inTx = { ...deps, db: trx };
    const bank = await createOrganization(inTx, actor, { kind: 'bank', code: input.code, name: input.name });
    const spread = await createBankSpread(inTx, actor, {
      bankId: bank.id,
      benchmark: input.benchmark,
      spreadBps: input.spreadBps,
      effectiveFrom: input.effectiveFrom,
    });
    return {
      id: bank.id,
      code: bank.code,
      name: bank.name,
      benchmark: spread.benchmark,
      spreadBps: spread.spreadBps,
    };
  });
}

/** Partner banks with the terms in force today (null before any spread is registered). */
export async function listPartnerBanks(deps: Deps, actor: Actor, today: string) {
  requireRole(actor, 'owner', 'bank_officer', 'program_admin', 'auditor');
  const rows = await deps.db
    .selectFrom('organizations as o')
    .select((eb) => [
      'o.id',
      'o.code',
      'o.name',
      eb
        .selectFrom('bank_spreads as s')
        .select('s.benchmark')
        .whereRef('s.bank_id', '=', 'o.id')
        .where('s.effective_from', '<=', today)
        .orderBy('s.effective_from', 'desc')
        .limit(1)
        .as('benchmark'),
      eb
        .selectFrom('bank_spreads as s')
        .select('s.spread_bps')
        .whereRef('s.bank_id', '=', 'o.id')
        .where('s.effective_from', '<=', today)
        .orderBy('s.effective_from', 'desc')
        .limit(1)
        .as('spread_bps'),
    ])
    .where('o.kind', '=', 'bank')
    .orderBy('o.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    benchmark: r.benchmark ?? null,
    spreadBps: r.spread_bps ?? null,
  }));
}

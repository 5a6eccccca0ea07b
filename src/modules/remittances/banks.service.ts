import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, forbidden, invalidField } from '../../shared/errors.ts';
import { holderHash, holderKey } from './holder.ts';
import { listPartnerBanks } from './remittances.repository.ts';

/** Staff record the four letters a partner bank's IBANs carry: consents name only its accounts. */
export async function setBankIbanCode(deps: Deps, actor: Actor, bankId: string, ibanCode: string) {
  requireRole(actor, 'program_admin');
  const bank = (await listPartnerBanks(deps.db)).find((b) => b.id === bankId);
  if (!bank) throw invalidField('bankId', 'must be a partner bank', 'remit_bank');
  const taken = await deps.db
    .selectFrom('remittance_banks')
    .select('bank_id')
    .where('iban_code', '=', ibanCode)
    .where('bank_id', '<>', bankId)
    .executeTakeFirst();
  if (taken)
    throw new AppError('conflict', 'Another bank has this IBAN code', {
      fields: [
        { path: 'ibanCode', message: 'belongs to another partner bank', rule: 'remit_iban_code_taken' },
      ],
    });
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('remittance_banks')
      .values({ bank_id: bankId, iban_code: ibanCode, updated_at: now })
      .onConflict((oc) => oc.column('bank_id').doUpdateSet({ iban_code: ibanCode, updated_at: now }))
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'remittance_bank.iban_code_set',
      entity: 'organization',
      entityId: bankId,
      before: { ibanCode: bank.ibanCode },
      after: { ibanCode },
    });
  });
  return { ...bank, ibanCode };
}

/** A bank's own key for the holder hash, to its officer or system; each fetch is audited. */
export async function bankHolderKey(deps: Deps, actor: Actor) {
  requireRole(actor, 'bank_officer');
  if (actor.kind === 'system' || !actor.organizationId) throw forbidden('Only a bank fetches its key');
  const key = await holderKey(deps, actor.organizationId);
  await recordChange(deps.db, actor, deps.clock, {
    action: 'remittance_bank.holder_key_read',
    entity: 'organization',
    entityId: actor.organizationId,
  });
  const cnic = '35202-1234567-1';
  return {
    bankId: actor.organizationId,
    algorithm: 'HMAC-SHA256' as const,
    keyHex: key.toString('hex'),
    example: { cnic, holderHash: holderHash(key, cnic) },
  };
}

/** Lines banks sent whose holder did not match the consent: each a typed IBAN to look into (staff). */
export async function listHolderMismatches(deps: Deps, actor: Actor) {
  requireRole(actor, 'program_admin', 'auditor');
  const rows = await deps.db
    .selectFrom('remittance_holder_mismatches as m')
    .innerJoin('organizations as o', 'o.id', 'm.bank_id')
    .innerJoin('users as u', 'u.id', 'm.freelancer_id')
    .select([
      'm.id',
      'o.code',
      'm.freelancer_id',
      'u.name',
      sql<string>`to_char(m.month, 'YYYY-MM')`.as('month'),
      'm.reported_at',
    ])
    .orderBy('m.reported_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    bankCode: r.code,
    freelancerId: r.freelancer_id,
    name: r.name,
    month: r.month,
    reportedAt: r.reported_at.toISOString(),
  }));
}

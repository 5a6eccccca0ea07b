import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole, requireUser } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { normaliseIban } from './remittance-rules.ts';
import { consentGiven, consentRevoked } from './remittances.events.ts';
import { type ConsentRow, findConsent, listConsentRows, listPartnerBanks } from './remittances.repository.ts';
import type { Consent, GiveConsentInput } from './remittances.schema.ts';

/** Consents run at most three years; a longer one is renewed, so nobody forgets they gave it. */
const MAX_DAYS = 3 * 366;

export function consentStatus(c: Pick<ConsentRow, 'starts_on' | 'expires_on' | 'revoked_at'>, today: string) {
  if (c.revoked_at) return 'revoked' as const;
  if (today < c.starts_on) return 'not_started' as const;
  if (today > c.expires_on) return 'expired' as const;
  return 'active' as const;
}

export const toConsent = (r: ConsentRow, today: string): Consent => ({
  id: r.id,
  bankId: r.bank_id,
  bankCode: r.bank_code,
  bankName: r.bank_name,
  iban: r.iban,
  scope: r.scope,
  startsOn: r.starts_on,
  expiresOn: r.expires_on,
  status: consentStatus(r, today),
  createdAt: r.created_at.toISOString(),
  revokedAt: r.revoked_at?.toISOString() ?? null,
  revokeReason: r.revoke_reason,
});

export async function listBanksForConsent(deps: Deps, actor: Actor) {
  requireRole(actor, 'freelancer', 'program_admin', 'auditor');
  return listPartnerBanks(deps.db);
}

/** A freelancer lets one partner bank report the IT-export remittances to one of their accounts. */
export async function giveConsent(deps: Deps, actor: Actor, input: GiveConsentInput): Promise<Consent> {
  requireRole(actor, 'freelancer');
  requireUser(actor);
  const today = karachiDate(deps.clock.now());
  const iban = normaliseIban(input.iban);
  if (!iban)
    throw invalidField('iban', 'must be a Pakistani IBAN (PK, 2 check digits, 20 more)', 'remit_iban');
  if (input.expiresOn <= input.startsOn)
    throw invalidField('expiresOn', 'must be after the start', 'remit_expiry');
  if (input.expiresOn < today)
    throw invalidField('expiresOn', 'must not be in the past', 'remit_expiry_past');
  const span = (Date.parse(input.expiresOn) - Date.parse(input.startsOn)) / 86_400_000;
  if (span > MAX_DAYS)
    throw invalidField('expiresOn', 'must be at most three years after the start', 'remit_expiry_long');
  const banks = await listPartnerBanks(deps.db);
  if (!banks.some((b) => b.id === input.bankId))
    throw invalidField('bankId', 'must be a partner bank', 'remit_bank');
  return inTransaction(deps.db, async (trx) => {
    const taken = await trx
      .selectFrom('remittance_consents')
      .select(['freelancer_id'])
      .where('bank_id', '=', input.bankId)
      .where('iban', '=', iban)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (taken)
      throw new AppError('conflict', 'This account already has a consent; revoke it first', {
        fields: [
          { path: 'iban', message: 'already has a live consent for this bank', rule: 'remit_consent_exists' },
        ],
      });
    const { id } = await trx
      .insertInto('remittance_consents')
      .values({
        freelancer_id: actor.userId,
        bank_id: input.bankId,
        iban,
        scope: [...new Set(input.scope)].sort(),
        starts_on: input.startsOn,
        expires_on: input.expiresOn,
        created_at: deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const consent = toConsent((await findConsent(trx, id))!, today);
    await recordChange(trx, actor, deps.clock, {
      action: 'remittance_consent.given',
      entity: 'remittance_consent',
      entityId: id,
      after: consent,
    });
    await emitEvent(
      trx,
      deps,
      consentGiven,
      {
        consentId: id,
        freelancerId: actor.userId,
        bankId: input.bankId,
        scope: consent.scope,
        startsOn: consent.startsOn,
        expiresOn: consent.expiresOn,
      },
      actor,
    );
    return consent;
  });
}

/** Withdraws a consent at once: the bank's lines for the account are refused from now on. */
export async function revokeConsent(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { reason: string },
): Promise<Consent> {
  requireRole(actor, 'freelancer');
  requireUser(actor);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const before = await findConsent(trx, id);
    if (!before || before.freelancer_id !== actor.userId) throw notFound('Consent');
    const updated = await trx
      .updateTable('remittance_consents')
      .set({ revoked_at: now, revoke_reason: input.reason })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0)
      throw new AppError('invalid_state', 'This consent is already revoked');
    const today = karachiDate(now);
    const after = toConsent((await findConsent(trx, id))!, today);
    await recordChange(trx, actor, deps.clock, {
      action: 'remittance_consent.revoked',
      entity: 'remittance_consent',
      entityId: id,
      before: toConsent(before, today),
      after,
    });
    await emitEvent(
      trx,
      deps,
      consentRevoked,
      { consentId: id, freelancerId: actor.userId, bankId: before.bank_id, revokedAt: now.toISOString() },
      actor,
    );
    return after;
  });
}

export async function listMyConsents(deps: Deps, actor: Actor): Promise<Consent[]> {
  requireRole(actor, 'freelancer');
  requireUser(actor);
  const today = karachiDate(deps.clock.now());
  return (await listConsentRows(deps.db, actor.userId)).map((r) => toConsent(r, today));
}

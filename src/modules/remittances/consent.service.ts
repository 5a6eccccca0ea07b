import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole, requireUser } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { type PiiCipher, piiCipher } from '../../platform/keys/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { contactsOf } from '../identity/index.ts';
import { accountFor, openIban } from './accounts.ts';
import { cnicDigits, holderHash, holderKey } from './holder.ts';
import { ibanBankCode, normaliseIban } from './remittance-rules.ts';
import { consentGiven, consentRevoked } from './remittances.events.ts';
import {
  bankIbanCode,
  type ConsentRow,
  findConsent,
  listConsentRows,
  listPartnerBanks,
} from './remittances.repository.ts';
import type { Consent, GiveConsentInput } from './remittances.schema.ts';

/** Consents run at most three years; a longer one is renewed, so nobody forgets they gave it. */
const MAX_DAYS = 3 * 366;

/** An account as the audit log may hold it: country, check digits, bank and the last four digits. */
export const maskIban = (iban: string): string => `${iban.slice(0, 8)}…${iban.slice(-4)}`;

/** A consent as the audit log keeps it: never the full IBAN. */
const forAudit = (c: Consent) => ({ ...c, iban: maskIban(c.iban) });

export function consentStatus(c: Pick<ConsentRow, 'starts_on' | 'expires_on' | 'revoked_at'>, today: string) {
  if (c.revoked_at) return 'revoked' as const;
  if (today < c.starts_on) return 'not_started' as const;
  if (today > c.expires_on) return 'expired' as const;
  return 'active' as const;
}

export const toConsent = (r: ConsentRow, today: string, pii: PiiCipher): Consent => ({
  id: r.id,
  bankId: r.bank_id,
  bankCode: r.bank_code,
  bankName: r.bank_name,
  iban: openIban(pii, r.account_id, r.iban_sealed),
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
  const code = await bankIbanCode(deps.db, input.bankId);
  if (!code)
    throw invalidField(
      'bankId',
      'this bank is not yet ready to report: its IBAN code is not recorded',
      'remit_bank_not_ready',
    );
  if (ibanBankCode(iban) !== code)
    throw new AppError('validation_failed', 'iban: must be an account at the bank you chose', {
      fields: [
        {
          path: 'iban',
          message: `must be an account at the bank you chose (its IBANs carry ${code})`,
          rule: 'remit_iban_bank',
          params: { expected: code, found: ibanBankCode(iban) },
        },
      ],
    });
  const me = (await contactsOf(deps, [actor.userId])).get(actor.userId);
  const cnic = me?.cnic ? cnicDigits(me.cnic) : null;
  if (!cnic)
    throw invalidField(
      'iban',
      'add your CNIC to your account first: the bank confirms the account is yours by it',
      'remit_cnic_missing',
    );
  const holder = holderHash(await holderKey(deps, input.bankId), cnic);
  return inTransaction(deps.db, async (trx) => {
    const pii = await piiCipher(deps, trx);
    const accountId = await accountFor(deps, trx, input.bankId, iban);
    const taken = await trx
      .selectFrom('remittance_consents')
      .select(['freelancer_id'])
      .where('account_id', '=', accountId)
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
        account_id: accountId,
        scope: [...new Set(input.scope)].sort(),
        starts_on: input.startsOn,
        expires_on: input.expiresOn,
        created_at: deps.clock.now(),
        holder_hash: holder,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const consent = toConsent((await findConsent(trx, id))!, today, pii);
    await recordChange(trx, actor, deps.clock, {
      action: 'remittance_consent.given',
      entity: 'remittance_consent',
      entityId: id,
      after: forAudit(consent),
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
    const pii = await piiCipher(deps, trx);
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
    const after = toConsent((await findConsent(trx, id))!, today, pii);
    await recordChange(trx, actor, deps.clock, {
      action: 'remittance_consent.revoked',
      entity: 'remittance_consent',
      entityId: id,
      before: forAudit(toConsent(before, today, pii)),
      after: forAudit(after),
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
  const pii = await piiCipher(deps);
  return (await listConsentRows(deps.db, actor.userId)).map((r) => toConsent(r, today, pii));
}

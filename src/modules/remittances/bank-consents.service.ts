import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { piiCipher } from '../../platform/keys/index.ts';
import { forbidden } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { openIban } from './accounts.ts';
import { consentStatus, maskIban } from './consent.service.ts';
import { bankConsentRows } from './remittances.repository.ts';
import type { BankConsent } from './remittances.schema.ts';

/**
 * The consents freelancers gave this bank (its officer or its system's API key), live or not, so it
 * sends lines only for accounts it may report: the account masked, the holder hash its lines carry,
 * the scope and period, and when a consent was withdrawn. Another bank's consents are never shown.
 */
export async function listBankConsents(deps: Deps, actor: Actor, since?: string): Promise<BankConsent[]> {
  requireRole(actor, 'bank_officer');
  if (actor.kind === 'system' || !actor.organizationId) throw forbidden('Only a bank sees its consents');
  const today = karachiDate(deps.clock.now());
  const pii = await piiCipher(deps);
  const rows = await bankConsentRows(deps.db, actor.organizationId, since ? new Date(since) : undefined);
  return rows.map((r) => ({
    id: r.id,
    account: maskIban(openIban(pii, r.account_id, r.iban_sealed)),
    holderHash: r.holder_hash,
    scope: r.scope,
    startsOn: r.starts_on,
    expiresOn: r.expires_on,
    status: consentStatus(r, today),
    createdAt: r.created_at.toISOString(),
    revokedAt: r.revoked_at?.toISOString() ?? null,
  }));
}

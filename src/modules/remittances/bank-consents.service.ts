import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { piiCipher } from '../../platform/keys/index.ts';
import { forbidden, invalidField } from '../../shared/errors.ts';
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
export async function listBankConsents(
  deps: Deps,
  actor: Actor,
  query: { since?: string | undefined; before?: string | undefined; limit?: number | undefined },
): Promise<{ items: BankConsent[]; nextBefore: string | null }> {
  requireRole(actor, 'bank_officer');
  if (actor.kind === 'system' || !actor.organizationId) throw forbidden('Only a bank sees its consents');
  const today = karachiDate(deps.clock.now());
  const pii = await piiCipher(deps);
  const limit = query.limit ?? 1000;
  const rows = await bankConsentRows(deps.db, actor.organizationId, {
    since: query.since ? new Date(query.since) : undefined,
    before: query.before ? parseCursor(query.before) : undefined,
    limit,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      account: maskIban(openIban(pii, r.account_id, r.iban_sealed)),
      holderHash: r.holder_hash,
      scope: r.scope,
      startsOn: r.starts_on,
      expiresOn: r.expires_on,
      status: consentStatus(r, today),
      createdAt: r.created_at.toISOString(),
      revokedAt: r.revoked_at?.toISOString() ?? null,
    })),
    // Never cut silently: a longer list names the page that follows.
    nextBefore: rows.length > limit && last ? `${new Date(last.changed_at).toISOString()}_${last.id}` : null,
  };
}

/** `before` is `<ISO instant>_<consent id>`, as `nextBefore` writes it. */
function parseCursor(before: string): { at: Date; id: string } {
  const [at, id] = before.split('_');
  const when = new Date(at ?? '');
  if (!id || Number.isNaN(when.getTime()) || !/^[0-9a-f-]{36}$/i.test(id))
    throw invalidField('before', 'must be the `before` value of a previous page', 'invalid_cursor');
  return { at: when, id };
}

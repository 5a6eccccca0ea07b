import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../../db/database.ts';
import type { Deps } from '../../../deps.ts';
import type { EventHandler } from '../../../platform/events/index.ts';
import { piiCipher } from '../../../platform/keys/index.ts';
import { karachiDate } from '../../../shared/time.ts';
import {
  consentGiven,
  consentRevoked,
  disputeAnswered,
  disputeEscalated,
  disputeOpened,
  disputeReminded,
  disputeResolved,
  maskIban,
  openIban,
} from '../../remittances/index.ts';
import { bankOfficers, digestReaders } from '../audience.repository.ts';
import { usd } from './fund.handlers.ts';
import { found, notify } from './notify.ts';

// Disputes of bank-attested earnings: whoever did not act hears of it (the bank's officers when a
// freelancer disputes; the freelancer when the bank answers; both when staff close one).

async function disputeOf(trx: Kysely<Database>, deps: Deps, id: string) {
  const r = await trx
    .selectFrom('remittance_disputes as d')
    .innerJoin('organizations as o', 'o.id', 'd.bank_id')
    .innerJoin('remittance_accounts as a', 'a.id', 'd.account_id')
    .select([
      'a.id as account_id',
      'a.iban as iban_sealed',
      'd.reason',
      'd.attested_usd_minor',
      'd.corrected_usd_minor',
      'd.answer_text',
      'd.resolution_text',
      'o.name as bank',
      sql<string>`to_char(d.month, 'YYYY-MM')`.as('month'),
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
  const d = found(r, `dispute ${id}`);
  return {
    bank: d.bank,
    month: d.month,
    // The IBAN is sealed (decision 0060): opened here only to mask it for the notice.
    account: maskIban(openIban(await piiCipher(deps, trx), d.account_id, d.iban_sealed)),
    reason: d.reason,
    usd: usd(Number(d.attested_usd_minor)),
    corrected: d.corrected_usd_minor === null ? '' : usd(Number(d.corrected_usd_minor)),
    // Staff's note where they closed it (beside the bank's answer on an escalated dispute).
    note: d.resolution_text ?? d.answer_text ?? '',
  };
}

/** The consent's account, masked, for the bank's notice (the IBAN is sealed; opened only to mask it). */
async function consentAccount(trx: Kysely<Database>, deps: Deps, consentId: string) {
  const r = await trx
    .selectFrom('remittance_consents as c')
    .innerJoin('remittance_accounts as a', 'a.id', 'c.account_id')
    .select(['a.id as account_id', 'a.iban as iban_sealed'])
    .where('c.id', '=', consentId)
    .executeTakeFirst();
  const c = found(r, `consent ${consentId}`);
  return maskIban(openIban(await piiCipher(deps, trx), c.account_id, c.iban_sealed));
}

export const remittancesHandlers: readonly EventHandler[] = [
  notify(
    disputeEscalated,
    'notifications.remittance-dispute-escalated',
    'remittance.dispute_escalated',
    async (p, trx, _at, deps) => {
      const params = await disputeOf(trx, deps, p.disputeId);
      // The programme's active admins, who close escalated disputes.
      return (await digestReaders(trx)).map((userId) => ({ userId, params, link: '/earnings/staff' }));
    },
  ),
  notify(
    consentGiven,
    'notifications.remittance-consent-given',
    'remittance.consent_given',
    async (p, trx, _at, deps) => {
      const params = {
        account: await consentAccount(trx, deps, p.consentId),
        scope: p.scope.join(','),
        startsOn: p.startsOn,
        expiresOn: p.expiresOn,
      };
      return (await bankOfficers(trx, p.bankId)).map((userId) => ({
        userId,
        params,
        link: '/earnings/bank',
        sourceKey: `remit-consent-given:${p.consentId}`,
      }));
    },
  ),
  notify(
    consentRevoked,
    'notifications.remittance-consent-revoked',
    'remittance.consent_revoked',
    async (p, trx, _at, deps) => {
      const params = {
        account: await consentAccount(trx, deps, p.consentId),
        revokedOn: karachiDate(new Date(p.revokedAt)), // Pakistan's day, not UTC's
      };
      return (await bankOfficers(trx, p.bankId)).map((userId) => ({
        userId,
        params,
        link: '/earnings/bank',
        sourceKey: `remit-consent-revoked:${p.consentId}`,
      }));
    },
  ),
  notify(
    disputeReminded,
    'notifications.remittance-dispute-reminded',
    'remittance.dispute_reminder',
    async (p, trx, _at, deps) => {
      const params = {
        ...(await disputeOf(trx, deps, p.disputeId)),
        days: String(p.daysOpen),
        reminder: String(p.reminder),
      };
      return (await bankOfficers(trx, p.bankId)).map((userId) => ({
        userId,
        params,
        link: '/earnings/bank',
        // One notice per officer, dispute and reminder, however often the event is delivered.
        sourceKey: `remit-dispute-reminder:${p.disputeId}:${p.reminder}`,
      }));
    },
  ),
  notify(
    disputeOpened,
    'notifications.remittance-dispute-opened',
    'remittance.dispute_opened',
    async (p, trx, _at, deps) => {
      const params = await disputeOf(trx, deps, p.disputeId);
      return (await bankOfficers(trx, p.bankId)).map((userId) => ({
        userId,
        params,
        link: '/earnings/bank',
      }));
    },
  ),
  notify(
    disputeAnswered,
    'notifications.remittance-dispute-answered',
    'remittance.dispute_answered',
    async (p, trx, _at, deps) => [
      {
        userId: p.freelancerId,
        params: { ...(await disputeOf(trx, deps, p.disputeId)), status: p.status },
        link: '/earnings/evidence',
      },
    ],
  ),
  notify(
    disputeResolved,
    'notifications.remittance-dispute-resolved',
    'remittance.dispute_resolved',
    async (p, trx, _at, deps) => {
      const params = await disputeOf(trx, deps, p.disputeId);
      const officers = await bankOfficers(trx, p.bankId);
      return [
        { userId: p.freelancerId, params, link: '/earnings/evidence' },
        ...officers.map((userId) => ({ userId, params, link: '/earnings/bank' })),
      ];
    },
  ),
];

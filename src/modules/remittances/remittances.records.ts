import { systemActor } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import type { PersonalRecords } from '../../platform/personal-records.ts';
import { recordChange } from '../../platform/record-change.ts';
import { consentRevoked } from './remittances.events.ts';

/**
 * Bank-attested earnings: the consents a freelancer gave, what banks reported, disputes. The IBAN
 * itself is left out of these plain selects: its column is moving to a sealed accounts table
 * (decision 0060), whose part of the export will open it.
 */
export const remittancesPersonalRecords: PersonalRecords = {
  // The banks the rows below name by id, so that a reader can tell which bank a row is about.
  async export(deps, userId) {
    const banks = await deps.db
      .selectFrom('organizations')
      .select(['id', 'code', 'name'])
      .where((eb) =>
        eb.or([
          eb(
            'id',
            'in',
            eb.selectFrom('remittance_consents').select('bank_id').where('freelancer_id', '=', userId),
          ),
          eb(
            'id',
            'in',
            eb.selectFrom('remittance_attestations').select('bank_id').where('freelancer_id', '=', userId),
          ),
        ]),
      )
      .orderBy('code')
      .execute();
    return banks.length
      ? [
          {
            section: 'remittance_banks',
            title: { en: 'Banks named below', ur: 'نیچے درج بینک' },
            rows: banks,
          },
        ]
      : [];
  },
  tables: [
    {
      section: 'remittance_consents',
      title: { en: 'Consents to banks', ur: 'بینکوں کو دی گئی اجازتیں' },
      table: 'remittance_consents',
      by: 'freelancer_id',
      columns: ['id', 'bank_id', 'scope', 'starts_on', 'expires_on', 'revoked_at', 'created_at'],
      orderBy: 'created_at',
    },
    {
      section: 'remittance_attestations',
      title: { en: 'Earnings reported by banks', ur: 'بینکوں کی رپورٹ کردہ آمدنی' },
      table: 'remittance_attestations',
      by: 'freelancer_id',
      columns: [
        'bank_id',
        'consent_id',
        'month',
        'purpose_code',
        'usd_minor',
        'remittances',
        'it_export',
        'updated_at',
      ],
      orderBy: 'month',
    },
    {
      section: 'remittance_explanations',
      title: { en: 'Your explanations of months', ur: 'مہینوں کے بارے میں آپ کی وضاحتیں' },
      table: 'remittance_explanations',
      by: 'freelancer_id',
      columns: ['month', 'text', 'updated_at'],
      orderBy: 'month',
    },
    {
      section: 'remittance_disputes',
      title: { en: 'Disputes', ur: 'اعتراضات' },
      table: 'remittance_disputes',
      by: 'freelancer_id',
      columns: [
        'bank_id',
        'month',
        'reason',
        'claimed_usd_minor',
        'text',
        'status',
        'answer_text',
        'created_at',
      ],
      orderBy: 'created_at',
    },
  ],
  async erase(trx, deps, userId) {
    // Consents end: no bank reports on a closed account. Each revocation is on the audit record
    // and told to subscribers like one the person makes (consent.service.ts).
    const now = deps.clock.now();
    const revoked = await trx
      .updateTable('remittance_consents')
      .set({ revoked_at: now, revoke_reason: 'account closed' })
      .where('freelancer_id', '=', userId)
      .where('revoked_at', 'is', null)
      .returning(['id', 'bank_id'])
      .execute();
    const actor = systemActor('privacy.closure');
    for (const c of revoked) {
      await recordChange(trx, actor, deps.clock, {
        action: 'remittance_consent.revoked',
        entity: 'remittance_consent',
        entityId: c.id,
        details: { reason: 'account closed' },
      });
      await emitEvent(trx, deps, consentRevoked, {
        consentId: c.id,
        freelancerId: userId,
        bankId: c.bank_id,
        revokedAt: now.toISOString(),
      });
    }
  },
};

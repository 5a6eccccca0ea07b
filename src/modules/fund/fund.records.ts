import { sql } from 'kysely';
import { piiCipher } from '../../platform/keys/index.ts';
import type { PersonalRecords } from '../../platform/personal-records.ts';
import { findStartups } from './fund.repository.ts';

/** A founder's startups (with the founders they named, opened) and their grant applications. */
export const fundPersonalRecords: PersonalRecords = {
  async export(deps, userId) {
    const startups = await findStartups(deps.db, await piiCipher(deps), { ownerId: userId });
    if (startups.length === 0) return [];
    const grants = await deps.db
      .selectFrom('fund_grants')
      .select([
        'id',
        'startup_id',
        'round_minor',
        'requested_minor',
        'status',
        'submitted_at',
        'decided_at',
        'decision_reason',
        'approved_minor',
        'paid_minor',
      ])
      .where(
        'startup_id',
        'in',
        startups.map((s) => s.id),
      )
      .orderBy('submitted_at')
      .execute();
    return [
      {
        section: 'fund_startups',
        title: { en: 'Startups you registered', ur: 'آپ کے رجسٹر کردہ سٹارٹ اپس' },
        rows: startups.map(({ ownerId: _o, ...s }) => ({ ...s, founders: JSON.stringify(s.founders) })),
      },
      {
        section: 'fund_grants',
        title: { en: 'Matching grant applications', ur: 'میچنگ گرانٹ کی درخواستیں' },
        rows: grants,
      },
    ];
  },
  async obligations(db, userId) {
    // An application still being decided, or a grant with tranches still to pay: the fund must
    // know where the money goes before the founder's account goes.
    const r = await db
      .selectFrom('fund_grants as g')
      .innerJoin('fund_startups as s', 's.id', 'g.startup_id')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('s.owner_id', '=', userId)
      .where((eb) =>
        eb.or([
          eb('g.status', '=', 'submitted'),
          eb.and([eb('g.status', '=', 'approved'), eb('g.paid_minor', '<', eb.ref('g.approved_minor'))]),
        ]),
      )
      .executeTakeFirstOrThrow();
    return r.n === 0
      ? []
      : [
          {
            code: 'fund_grant_open',
            effect: 'review',
            message: {
              en: `${r.n} matching grant(s) of your startups are still being decided or paid. Staff will settle them with you before the account is closed.`,
              ur: `آپ کے سٹارٹ اپس کی ${r.n} میچنگ گرانٹس کا فیصلہ یا ادائیگی ابھی باقی ہے۔ اکاؤنٹ بند کرنے سے پہلے عملہ آپ کے ساتھ انہیں طے کرے گا۔`,
            },
          },
        ];
  },
};

import { sql } from 'kysely';
import type { PersonalRecords } from '../../platform/personal-records.ts';

/**
 * Loans of a building owner: exported; an open loan refuses a closure (the bank and the ledger
 * need the borrower). Loans are never erased: they keep the owner's id as a pseudonymous reference.
 */
export const loansPersonalRecords: PersonalRecords = {
  tables: [
    {
      section: 'loans',
      title: { en: 'Loans', ur: 'قرضے' },
      table: 'loans',
      by: 'owner_id',
      columns: [
        'id',
        'status',
        'requested_minor',
        'sanctioned_minor',
        'disbursed_minor',
        'repaid_minor',
        'tenor_months',
        'requested_at',
        'closed_on',
      ],
      orderBy: 'requested_at',
    },
  ],
  async obligations(db, userId) {
    const r = await db
      .selectFrom('loans')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('owner_id', '=', userId)
      .where('status', 'in', ['requested', 'sanctioned', 'active', 'loss'])
      .executeTakeFirstOrThrow();
    return r.n === 0
      ? []
      : [
          {
            code: 'active_loan',
            effect: 'refuse',
            message: {
              en: `You have ${r.n} loan(s) still open. The account can be closed once they are repaid or closed by the bank.`,
              ur: `آپ کے ${r.n} قرضے ابھی کھلے ہیں۔ ان کی واپسی یا بینک کی طرف سے بند ہونے کے بعد اکاؤنٹ بند ہو سکتا ہے۔`,
            },
          },
        ];
  },
};

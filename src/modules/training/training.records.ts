import { sql } from 'kysely';
import { piiCipher } from '../../platform/keys/index.ts';
import type { PersonalRecords } from '../../platform/personal-records.ts';
import { invalidField } from '../../shared/errors.ts';
import { openBirthDate, sealBirthDate } from './training.repository.ts';

/**
 * Training: the person's applications (with the date of birth and domicile district they gave,
 * both correctable on their latest application) and, for trainers, stipends; a stipend not yet
 * paid sends a closure to staff review.
 */
async function latestEnrolment(
  db: Parameters<NonNullable<PersonalRecords['obligations']>>[0],
  userId: string,
) {
  return db
    .selectFrom('training_enrolments')
    .select(['enrolment_id', 'birth_date', 'domicile_district_id'])
    .where('user_id', '=', userId)
    .orderBy('applied_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export const trainingPersonalRecords: PersonalRecords = {
  // The applications are exported by `export` below: their dates of birth are sealed.
  async export(deps, userId) {
    const pii = await piiCipher(deps);
    const rows = await deps.db
      .selectFrom('training_enrolments')
      .select([
        'enrolment_id',
        'cohort_id',
        'domicile_district_id',
        'birth_date',
        'education_years',
        'status',
        'assessment_score',
        'applied_at',
        'completed_at',
      ])
      .where('user_id', '=', userId)
      .orderBy('applied_at')
      .execute();
    return [
      {
        section: 'training',
        title: { en: 'Training applications', ur: 'تربیت کی درخواستیں' },
        rows: rows.map(({ enrolment_id, birth_date, ...r }) => ({
          ...r,
          birth_date: openBirthDate(pii, enrolment_id, birth_date),
        })),
      },
    ];
  },
  tables: [
    {
      section: 'stipends',
      title: { en: 'Trainer stipends', ur: 'ٹرینر وظائف' },
      table: 'training_stipends',
      by: 'trainer_id',
      columns: ['center_id', 'month', 'amount_minor', 'status', 'run_at'],
      orderBy: 'month',
    },
  ],
  corrections: [
    {
      field: 'date_of_birth',
      label: { en: 'Date of birth', ur: 'تاریخِ پیدائش' },
      parse(value) {
        const v = value.trim();
        const d = new Date(`${v}T00:00:00Z`);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v)
          throw invalidField('value', 'a date like 1999-08-14');
        if (v < '1900-01-01' || d.getTime() > Date.now()) throw invalidField('value', 'a date in the past');
        return v;
      },
      async current(db, deps, userId) {
        const e = await latestEnrolment(db, userId);
        return e ? openBirthDate(await piiCipher(deps, db), e.enrolment_id, e.birth_date) : null;
      },
      async apply(trx, deps, userId, value) {
        const e = await latestEnrolment(trx, userId);
        if (!e) throw invalidField('field', 'you have no training application holding a date of birth');
        const pii = await piiCipher(deps, trx);
        await trx
          .updateTable('training_enrolments')
          .set({ birth_date: sealBirthDate(pii, e.enrolment_id, value), updated_at: deps.clock.now() })
          .where('enrolment_id', '=', e.enrolment_id)
          .execute();
      },
    },
    {
      field: 'district',
      label: { en: 'Domicile district', ur: 'ڈومیسائل ضلع' },
      parse(value) {
        if (!/^\d{1,6}$/.test(value.trim()))
          throw invalidField('value', 'choose a district from the list (its number)');
        return value.trim();
      },
      async current(db, _deps, userId) {
        const e = await latestEnrolment(db, userId);
        if (!e) return null;
        const d = await db
          .selectFrom('districts')
          .select('name_en as name')
          .where('id', '=', e.domicile_district_id)
          .executeTakeFirst();
        return `${e.domicile_district_id} (${d?.name ?? '?'})`;
      },
      async apply(trx, deps, userId, value) {
        const e = await latestEnrolment(trx, userId);
        if (!e) throw invalidField('field', 'you have no training application holding a district');
        const d = await trx
          .selectFrom('districts')
          .select('id')
          .where('id', '=', Number(value))
          .executeTakeFirst();
        if (!d) throw invalidField('value', 'no such district');
        await trx
          .updateTable('training_enrolments')
          .set({ domicile_district_id: d.id, updated_at: deps.clock.now() })
          .where('enrolment_id', '=', e.enrolment_id)
          .execute();
      },
    },
  ],
  async obligations(db, userId, now) {
    // Markaz accrues a stipend as payable and hands the month's payment file to the bank; it does
    // not learn when the bank pays. A payable stipend of this month or the one before may still
    // be in payment, so staff look before the trainer's account goes.
    const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
      .toISOString()
      .slice(0, 10);
    const r = await db
      .selectFrom('training_stipends')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('trainer_id', '=', userId)
      .where('status', '=', 'payable')
      .where('month', '>=', since)
      .executeTakeFirstOrThrow();
    return r.n === 0
      ? []
      : [
          {
            code: 'stipend_pending',
            effect: 'review',
            message: {
              en: `${r.n} trainer stipend(s) may still be in payment. Staff will check they reached you before the account is closed.`,
              ur: `ٹرینر کے ${r.n} وظائف کی ادائیگی ابھی جاری ہو سکتی ہے۔ اکاؤنٹ بند کرنے سے پہلے عملہ دیکھے گا کہ وہ آپ تک پہنچ گئے۔`,
            },
          },
        ];
  },
};

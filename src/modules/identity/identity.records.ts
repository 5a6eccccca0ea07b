import { piiCipher } from '../../platform/keys/index.ts';
import { olderThan, type PersonalRecords, type RecordSection } from '../../platform/personal-records.ts';
import { invalidField } from '../../shared/errors.ts';
import { openContacts } from './identity.pii.ts';
import { normalizeCnic } from './identity.rules.ts';

/**
 * The identity area's part in people's rights (decision 0058): the account with its contacts in
 * clear (the person is reading their own), sessions and devices, and who looked at their data;
 * name and CNIC can be corrected; on closure the account keeps its id (the pseudonymous
 * reference that loans, the ledger and the audit log point to) and loses everything else.
 */

export const identityPersonalRecords: PersonalRecords = {
  tables: [
    {
      section: 'sessions',
      title: { en: 'Sign-in sessions', ur: 'سائن اِن سیشن' },
      table: 'sessions',
      by: 'user_id',
      columns: ['created_at', 'expires_at', 'ip', 'user_agent'],
      orderBy: 'created_at',
    },
    {
      section: 'devices',
      title: { en: 'Devices you signed in from', ur: 'وہ آلات جن سے آپ نے سائن اِن کیا' },
      table: 'sign_in_devices',
      by: 'user_id',
      columns: ['first_seen_at', 'last_seen_at'],
      orderBy: 'first_seen_at',
    },
    {
      section: 'sign_in_browsers',
      title: {
        en: 'Browsers that may ask for a reset beyond the daily limit',
        ur: 'وہ براؤزر جو روزانہ حد کے بعد بھی پاس ورڈ ری سیٹ مانگ سکتے ہیں',
      },
      table: 'sign_in_browsers',
      by: 'user_id',
      columns: ['first_seen_at', 'last_seen_at'],
      orderBy: 'first_seen_at',
    },
    {
      section: 'trusted_devices',
      title: { en: 'Browsers trusted to skip the code', ur: 'وہ براؤزر جن پر کوڈ کے بغیر سائن اِن ہوتا ہے' },
      table: 'trusted_devices',
      by: 'user_id',
      columns: ['label', 'address', 'created_at', 'expires_at', 'last_used_at'],
      orderBy: 'created_at',
    },
    {
      section: 'data_access',
      title: { en: 'Who looked at your data', ur: 'آپ کا ڈیٹا کس نے دیکھا' },
      table: 'personal_data_access',
      by: 'subject_user_id',
      columns: ['at', 'actor_role', 'fields', 'purpose', 'via'],
      orderBy: 'at',
    },
  ],
  async export(deps, userId): Promise<RecordSection[]> {
    const u = await deps.db
      .selectFrom('users')
      .select([
        'id',
        'name',
        'email',
        'mobile',
        'cnic',
        'role',
        'locale',
        'status',
        'created_at',
        'mobile_verified_at',
        'email_verified_at',
      ])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!u) return [];
    const c = openContacts(await piiCipher(deps), 'users', u);
    return [
      {
        section: 'account',
        title: { en: 'Your account', ur: 'آپ کا اکاؤنٹ' },
        rows: [
          {
            id: u.id,
            name: u.name,
            email: c.email,
            mobile: c.mobile,
            cnic: c.cnic,
            role: u.role,
            language: u.locale,
            status: u.status,
            created_at: u.created_at,
            mobile_verified_at: u.mobile_verified_at,
            email_verified_at: u.email_verified_at,
          },
        ],
      },
    ];
  },
  corrections: [
    {
      field: 'name',
      label: { en: 'Name', ur: 'نام' },
      parse(value) {
        const v = value.trim().replace(/\s+/g, ' ');
        if (v.length < 2 || v.length > 120) throw invalidField('value', 'a name has 2 to 120 characters');
        return v;
      },
      async current(db, _deps, userId) {
        const r = await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst();
        return r?.name ?? null;
      },
      async apply(trx, deps, userId, value) {
        await trx
          .updateTable('users')
          .set({ name: value, updated_at: deps.clock.now() })
          .where('id', '=', userId)
          .execute();
      },
    },
    {
      field: 'cnic',
      label: { en: 'CNIC', ur: 'شناختی کارڈ نمبر' },
      parse(value) {
        const v = normalizeCnic(value);
        if (!v) throw invalidField('value', 'a CNIC has 13 digits, like 35202-1234567-1', 'cnic_format');
        return v;
      },
      async current(db, deps, userId) {
        const r = await db
          .selectFrom('users')
          .select(['id', 'email', 'mobile', 'cnic'])
          .where('id', '=', userId)
          .executeTakeFirst();
        return r ? openContacts(await piiCipher(deps, db), 'users', r).cnic : null;
      },
      async apply(trx, deps, userId, value) {
        const pii = await piiCipher(deps, trx);
        const bidx = pii.blind('cnic', value);
        const taken = await trx
          .selectFrom('users')
          .select('id')
          .where('cnic_bidx', '=', bidx)
          .where('id', '<>', userId)
          .executeTakeFirst();
        if (taken) throw invalidField('value', 'this CNIC belongs to another account', 'cnic_taken');
        await trx
          .updateTable('users')
          .set({
            cnic: pii.seal('identity', value, { table: 'users', column: 'cnic', id: userId }),
            cnic_bidx: bidx,
            updated_at: deps.clock.now(),
          })
          .where('id', '=', userId)
          .execute();
      },
    },
  ],
  async erase(trx, deps, userId) {
    const pii = await piiCipher(deps, trx);
    const placeholder = `closed-${userId}@closed.invalid`;
    await trx
      .updateTable('users')
      .set({
        name: 'Closed account',
        email: pii.seal('identity', placeholder, { table: 'users', column: 'email', id: userId }),
        email_bidx: pii.blind('email', placeholder),
        mobile: null,
        mobile_bidx: null,
        cnic: null,
        cnic_bidx: null,
        // No password hashes to this: nobody signs in to a closed account.
        password_hash: '!closed',
        status: 'disabled',
        mobile_verified_at: null,
        email_verified_at: null,
        updated_at: deps.clock.now(),
      })
      .where('id', '=', userId)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await trx.deleteFrom('account_tokens').where('user_id', '=', userId).execute();
    await trx.deleteFrom('sign_in_devices').where('user_id', '=', userId).execute();
    await trx.deleteFrom('sign_in_browsers').where('user_id', '=', userId).execute();
    await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    await trx.deleteFrom('user_factors').where('user_id', '=', userId).execute();
    await trx.deleteFrom('trusted_devices').where('user_id', '=', userId).execute();
  },
  retention: [
    {
      kind: 'one_time_tokens',
      label: {
        en: 'Used or expired one-time codes and links',
        ur: 'استعمال شدہ یا ختم شدہ ایک بار کے کوڈ اور لنک',
      },
      defaultDays: 30,
      minDays: 1,
      ...olderThan('account_tokens', 'expires_at'),
    },
    {
      kind: 'unconfirmed_registrations',
      label: { en: 'Registrations never confirmed', ur: 'رجسٹریشن جن کی تصدیق کبھی نہ ہوئی' },
      defaultDays: 7,
      minDays: 1,
      ...olderThan('pending_registrations', 'expires_at'),
    },
    {
      kind: 'data_access_log',
      label: { en: 'Records of who looked at personal data', ur: 'ذاتی ڈیٹا دیکھنے کے ریکارڈ' },
      defaultDays: 6 * 365,
      // Who looked at whose data is the person's and the auditor's check on staff: never shortened.
      minDays: 6 * 365,
      ...olderThan('personal_data_access', 'at'),
    },
  ],
};

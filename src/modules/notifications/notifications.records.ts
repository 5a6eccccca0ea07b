import { sql } from 'kysely';
import { olderThan, type PersonalRecords } from '../../platform/personal-records.ts';

/**
 * Notices: the person's inbox and their choices in the export; on closure the notices still to be
 * sent are withdrawn and the preferences go; old notices are deleted after their retention period.
 */
const FINISHED = ['sent', 'delivered', 'dead', 'withdrawn'] as const;

export const notificationsPersonalRecords: PersonalRecords = {
  tables: [
    {
      section: 'notices',
      title: { en: 'Notices sent to you', ur: 'آپ کو بھیجے گئے نوٹس' },
      table: 'notices',
      by: 'user_id',
      columns: ['kind', 'channel', 'subject', 'body_text', 'status', 'created_at', 'sent_at', 'read_at'],
      orderBy: 'created_at',
    },
    {
      section: 'notice_preferences',
      title: { en: 'Your notice preferences', ur: 'نوٹس کے بارے میں آپ کی ترجیحات' },
      table: 'notice_preferences',
      by: 'user_id',
      columns: ['kind', 'channel', 'enabled', 'updated_at'],
    },
    {
      section: 'notice_settings',
      title: { en: 'Nearby-centre alerts', ur: 'قریبی مرکز کی اطلاع' },
      table: 'notice_settings',
      by: 'user_id',
      columns: ['nearby_km', 'near_latitude', 'near_longitude', 'updated_at'],
    },
  ],
  async erase(trx, _deps, userId) {
    await trx
      .updateTable('notices')
      .set({ status: 'withdrawn', address: null, sealed: null })
      .where('user_id', '=', userId)
      .where('status', 'in', ['pending', 'sending'])
      .execute();
    await trx.updateTable('notices').set({ address: null }).where('user_id', '=', userId).execute();
    await trx.deleteFrom('notice_preferences').where('user_id', '=', userId).execute();
    await trx.deleteFrom('notice_settings').where('user_id', '=', userId).execute();
  },
  retention: [
    {
      kind: 'old_notices',
      label: { en: 'Notices already sent or given up', ur: 'بھیجے جا چکے یا ترک شدہ نوٹس' },
      defaultDays: 365,
      minDays: 90,
      count: async (db, before) =>
        (
          await db
            .selectFrom('notices')
            .select(sql<number>`count(*)::int`.as('n'))
            .where('created_at', '<', before)
            .where('status', 'in', FINISHED)
            .executeTakeFirstOrThrow()
        ).n,
      apply: async (db, before) =>
        Number(
          (
            await db
              .deleteFrom('notices')
              .where('created_at', '<', before)
              .where('status', 'in', FINISHED)
              .executeTakeFirst()
          ).numDeletedRows,
        ),
    },
    {
      kind: 'local_outbox',
      label: { en: 'Copies of messages in the local outbox', ur: 'مقامی آؤٹ باکس میں پیغامات کی نقول' },
      defaultDays: 30,
      minDays: 1,
      ...olderThan('notice_local_outbox', 'received_at'),
    },
  ],
};

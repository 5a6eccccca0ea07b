import { sql } from 'kysely';
import type { PersonalRecords } from '../../platform/personal-records.ts';

/** A person's bookings, waitlist places and calendar feeds. */
export const bookingsPersonalRecords: PersonalRecords = {
  tables: [
    {
      section: 'bookings',
      title: { en: 'Bookings', ur: 'بکنگز' },
      table: 'bookings',
      by: 'booker_id',
      columns: [
        'booking_id',
        'center_id',
        'seat_id',
        'plan',
        'during',
        'status',
        'price_minor',
        'paid',
        'created_at',
        'cancelled_at',
        'checked_in_at',
      ],
      orderBy: 'created_at',
    },
    {
      section: 'waitlist',
      title: { en: 'Waitlist places', ur: 'انتظار کی فہرست' },
      table: 'waitlist_entries',
      by: 'freelancer_id',
      columns: ['center_id', 'plan', 'during', 'status', 'created_at'],
    },
  ],
  async obligations(db, userId, now) {
    const r = await db
      .selectFrom('bookings')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('booker_id', '=', userId)
      .where('status', '=', 'confirmed')
      .where(sql<boolean>`upper(during) > ${now}`)
      .executeTakeFirstOrThrow();
    return r.n === 0
      ? []
      : [
          {
            code: 'upcoming_bookings',
            effect: 'refuse',
            message: {
              en: `You have ${r.n} upcoming booking(s). Cancel them in My bookings first, so the seats go to others.`,
              ur: `آپ کی ${r.n} آنے والی بکنگ ہیں۔ پہلے "میری بکنگز" میں انہیں منسوخ کریں تاکہ نشستیں دوسروں کو مل سکیں۔`,
            },
          },
        ];
  },
  async erase(trx, deps, userId) {
    // Past bookings stay (occupancy and money) under the pseudonymous id; the calendar feed link
    // goes and waiting places are left.
    await trx.deleteFrom('calendar_feeds').where('user_id', '=', userId).execute();
    await trx
      .updateTable('waitlist_entries')
      .set({ status: 'left', updated_at: deps.clock.now() })
      .where('freelancer_id', '=', userId)
      .where('status', 'in', ['waiting', 'offered'])
      .execute();
  },
};

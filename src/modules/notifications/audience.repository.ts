import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { formatMoney } from '../../shared/money.ts';
import { karachiDate, karachiTime } from '../../shared/time.ts';

// Whom a notice is for, and the few facts it names, read from the owning areas' tables. Reads
// only: notifications never changes another area's rows.

export const rupees = (minor: number) => formatMoney({ amountMinor: minor, currency: 'PKR' });
export const when = (d: Date) => `${karachiDate(d)} ${karachiTime(d)}`;

export async function loanOwner(trx: Kysely<Database>, loanId: string): Promise<string | undefined> {
  const r = await trx.selectFrom('loans').select('owner_id').where('id', '=', loanId).executeTakeFirst();
  return r?.owner_id;
}

export async function bookingFacts(trx: Kysely<Database>, bookingId: string) {
  return trx
    .selectFrom('bookings as b')
    .innerJoin('centers as c', 'c.center_id', 'b.center_id')
    .select(['b.booker_id', 'b.paid', 'c.name_en', 'c.name_ur', sql<Date>`lower(b.during)`.as('starts_at')])
    .where('b.booking_id', '=', bookingId)
    .executeTakeFirst();
}

/** Freelancers who asked to hear of centres opening within their distance of their chosen point. */
export async function freelancersNear(trx: Kysely<Database>, centerId: string) {
  const res = await sql<{ user_id: string; km: number; name_en: string; name_ur: string | null }>`
    SELECT s.user_id, round(d.km)::int AS km, c.name_en, c.name_ur
    FROM centers c
    CROSS JOIN notice_settings s
    JOIN users u ON u.id = s.user_id AND u.role = 'freelancer' AND u.status = 'active'
    CROSS JOIN LATERAL (SELECT 6371 * 2 * asin(sqrt(
        sin(radians(c.latitude - s.near_latitude) / 2) ^ 2 +
        cos(radians(s.near_latitude)) * cos(radians(c.latitude)) *
        sin(radians(c.longitude - s.near_longitude) / 2) ^ 2)) AS km) d
    WHERE c.center_id = ${centerId} AND s.nearby_km IS NOT NULL
      AND s.near_latitude IS NOT NULL AND d.km <= s.nearby_km`.execute(trx);
  return res.rows;
}

/** Instalments of active loans due on `day`, unpaid. */
export async function instalmentsDueOn(trx: Kysely<Database>, day: string) {
  return trx
    .selectFrom('loan_instalments as i')
    .innerJoin('loans as l', 'l.id', 'i.loan_id')
    .select([
      'i.loan_id',
      'i.number',
      'i.due_date',
      'l.owner_id',
      sql<number>`i.principal_minor - i.paid_minor`.as('unpaid'),
    ])
    .where('i.due_date', '=', day)
    .where(sql<boolean>`i.principal_minor > i.paid_minor`)
    .execute();
}

/** Confirmed bookings starting in (from, to]. */
export async function bookingsStarting(trx: Kysely<Database>, from: Date, to: Date) {
  return trx
    .selectFrom('bookings as b')
    .innerJoin('centers as c', 'c.center_id', 'b.center_id')
    .select([
      'b.booking_id',
      'b.booker_id',
      'c.name_en',
      'c.name_ur',
      sql<Date>`lower(b.during)`.as('starts_at'),
    ])
    .where('b.status', '=', 'confirmed')
    .where(sql<boolean>`lower(b.during) > ${from} AND lower(b.during) <= ${to}`)
    .where(
      sql<boolean>`NOT EXISTS (SELECT 1 FROM notices n WHERE n.source_key = 'reminder:' || b.booking_id)`,
    )
    .execute();
}

/** The programme staff who get the daily digest. */
export async function digestReaders(trx: Kysely<Database>) {
  const rows = await trx
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'program_admin')
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => r.id);
}

/** The fund's staff, who resolve appeals on its decisions (fund-access.ts: active programme admins). */
export async function fundStaff(trx: Kysely<Database>): Promise<string[]> {
  return digestReaders(trx);
}

/** The day's figures for the digest. */
export async function digestFigures(trx: Kysely<Database>, month: string) {
  const res = await sql<{
    arrears: number;
    dead_notices: number;
    dead_events: number;
    missing_reports: number;
  }>`
    SELECT
      (SELECT count(*)::int FROM loans WHERE days_past_due > 0) AS arrears,
      (SELECT count(*)::int FROM notices WHERE status = 'dead') AS dead_notices,
      (SELECT count(*)::int FROM event_deliveries WHERE status = 'dead') AS dead_events,
      (SELECT count(*)::int FROM centers c WHERE c.status = 'operational' AND NOT EXISTS (
         SELECT 1 FROM center_monthly_reports r WHERE r.center_id = c.center_id AND r.month = ${month}::date)) AS missing_reports
  `.execute(trx);
  return res.rows[0]!;
}

/** A bank's active officers. */
export async function bankOfficers(trx: Kysely<Database>, bankId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'bank_officer')
    .where('organization_id', '=', bankId)
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => r.id);
}

/** The application reference a loan was requested for. */
export async function loanReference(trx: Kysely<Database>, loanId: string) {
  return trx
    .selectFrom('loans as l')
    .innerJoin('applications as a', 'a.id', 'l.application_id')
    .select(['a.reference'])
    .where('l.id', '=', loanId)
    .executeTakeFirst();
}

export async function centreNames(trx: Kysely<Database>, centerId: string) {
  return trx
    .selectFrom('centers')
    .select(['name_en', 'name_ur'])
    .where('center_id', '=', centerId)
    .executeTakeFirst();
}

/** The first of some bookings (by start) and how many there are, with the centre's names. */
export async function firstBookingOf(trx: Kysely<Database>, bookingIds: readonly string[]) {
  return trx
    .selectFrom('bookings as b')
    .innerJoin('centers as c', 'c.center_id', 'b.center_id')
    .select(['c.name_en', 'c.name_ur', sql<Date>`lower(b.during)`.as('starts_at')])
    .select(sql<number>`count(*) OVER ()::int`.as('n'))
    .where('b.booking_id', 'in', bookingIds)
    .orderBy(sql`lower(b.during)`)
    .limit(1)
    .executeTakeFirst();
}

/** A waitlist entry's centre and the start of the window it queues for. */
export async function waitlistFacts(trx: Kysely<Database>, entryId: string) {
  return trx
    .selectFrom('waitlist_entries as w')
    .innerJoin('centers as c', 'c.center_id', 'w.center_id')
    .select(['c.name_en', 'c.name_ur', sql<Date>`lower(w.during)`.as('starts_at')])
    .where('w.entry_id', '=', entryId)
    .executeTakeFirst();
}

/** Of these bookings, the ones no longer confirmed (cancelled since their reminder was queued). */
export async function bookingsNoLongerConfirmed(
  db: Kysely<Database>,
  bookingIds: readonly string[],
): Promise<Set<string>> {
  if (bookingIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('bookings')
    .select('booking_id')
    .where(sql<boolean>`booking_id::text = ANY(${[...bookingIds]}::text[])`)
    .where('status', '<>', 'confirmed')
    .execute();
  return new Set(rows.map((r) => String(r.booking_id)));
}

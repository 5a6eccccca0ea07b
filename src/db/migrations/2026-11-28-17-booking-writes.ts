import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A booking's "blocked" range contains its "during" (CHECK blocked @> during), so two holding
  // bookings of one seat whose "during" overlap also overlap in "blocked": bookings_buffer_free
  // already refuses them. bookings_no_overlap decided nothing the other did not, and cost a second
  // GiST insert per booking (docs/decisions/0013-booking-writes.md).
  await sql`ALTER TABLE bookings DROP CONSTRAINT bookings_no_overlap`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap
    EXCLUDE USING gist (center_id WITH =, seat_id WITH =, during WITH &&)
    WHERE (status IN ('confirmed', 'checked_in'))`.execute(db);
}

import { type Kysely, sql } from 'kysely';

// Refunds: a booking that was paid and then cancelled by the centre (a closure, closing for good)
// or by the programme (a suspension) is owed back to its booker. `refunded_at` records when the
// centre's owner says the money went back; payment and refund both happen outside Markaz.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Nullable and without a default: PostgreSQL only writes the catalogue, no table rewrite, so it
  // is instant at national size (21M bookings).
  await sql`ALTER TABLE bookings ADD COLUMN refunded_at timestamptz`.execute(db);
  // Only a refund that was due can be recorded. NOT VALID: every existing row has refunded_at NULL,
  // so there is nothing to check, and skipping the full-table scan keeps this instant too; rows
  // written from now on are checked.
  await sql`ALTER TABLE bookings ADD CONSTRAINT bookings_refund_was_due
    CHECK (refunded_at IS NULL OR (paid AND status = 'cancelled'
                                   AND cancel_reason IN ('centre_closed', 'centre_suspended')))
    NOT VALID`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE bookings DROP CONSTRAINT bookings_refund_was_due`.execute(db);
  await sql`ALTER TABLE bookings DROP COLUMN refunded_at`.execute(db);
}

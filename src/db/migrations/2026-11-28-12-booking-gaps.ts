import { type Kysely, sql } from 'kysely';

// Booking gaps: why a booking or a waitlist place was cancelled (by its booker, or by the centre
// closing or being suspended), a per-freelancer cap on concurrent bookings, opening hours that
// run past midnight, inspection photos and earnings statements (files in the upload store).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE bookings ADD COLUMN cancel_reason text
    CHECK (cancel_reason IN ('booker', 'centre_closed', 'centre_suspended'))`.execute(db);
  await sql`ALTER TABLE bookings ADD COLUMN cancel_note text CHECK (length(cancel_note) <= 1000)`.execute(db);
  await sql`UPDATE bookings SET cancel_reason = 'booker' WHERE status = 'cancelled'`.execute(db);
  await sql`ALTER TABLE bookings ADD CONSTRAINT bookings_cancel_reason_set
    CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL))`.execute(db);
  // Finding a freelancer's overlapping bookings anywhere (one person, one seat at a time).
  await sql`CREATE INDEX bookings_booker_during_idx ON bookings USING gist (booker_id, during)
    WHERE status IN ('confirmed', 'checked_in')`.execute(db);

  await sql`ALTER TABLE waitlist_entries DROP CONSTRAINT waitlist_entries_status_check`.execute(db);
  await sql`ALTER TABLE waitlist_entries ADD CONSTRAINT waitlist_entries_status_check
    CHECK (status IN ('waiting', 'offered', 'accepted', 'expired', 'left', 'cancelled'))`.execute(db);
  await sql`ALTER TABLE waitlist_entries ADD COLUMN cancel_reason text
    CHECK (cancel_reason IN ('centre_closed', 'centre_suspended'))`.execute(db);

  await sql`ALTER TABLE centers ADD COLUMN max_concurrent_per_freelancer integer NOT NULL DEFAULT 1
    CHECK (max_concurrent_per_freelancer BETWEEN 1 AND 20)`.execute(db);

  // closes <= opens: the centre closes after midnight; opens = closes: open 24 hours.
  await sql`ALTER TABLE center_opening_hours DROP CONSTRAINT center_opening_hours_check`.execute(db);

  await sql`
    CREATE TABLE center_inspection_photos (
      center_id uuid NOT NULL REFERENCES centers(center_id),
      inspection_id uuid NOT NULL,
      photo_id uuid NOT NULL DEFAULT gen_random_uuid(),
      file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
      content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
      size_bytes bigint NOT NULL CHECK (size_bytes > 0),
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      storage_key text NOT NULL,
      uploaded_by uuid NOT NULL REFERENCES users(id),
      uploaded_at timestamptz NOT NULL,
      PRIMARY KEY (center_id, photo_id)
    )`.execute(db);
  await sql`CREATE INDEX center_inspection_photos_idx ON center_inspection_photos (center_id, inspection_id)`.execute(
    db,
  );

  await sql`
    CREATE TABLE earnings_statements (
      freelancer_id uuid NOT NULL REFERENCES users(id),
      month date NOT NULL CHECK (extract(day FROM month) = 1),
      statement_id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
      file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
      content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
      size_bytes bigint NOT NULL CHECK (size_bytes > 0),
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      storage_key text NOT NULL,
      uploaded_at timestamptz NOT NULL,
      PRIMARY KEY (freelancer_id, month)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE earnings_statements`.execute(db);
  await sql`DROP TABLE center_inspection_photos`.execute(db);
  await sql`ALTER TABLE center_opening_hours ADD CONSTRAINT center_opening_hours_check CHECK (closes > opens)`.execute(
    db,
  );
  await sql`ALTER TABLE centers DROP COLUMN max_concurrent_per_freelancer`.execute(db);
  await sql`ALTER TABLE waitlist_entries DROP COLUMN cancel_reason`.execute(db);
  await sql`ALTER TABLE waitlist_entries DROP CONSTRAINT waitlist_entries_status_check`.execute(db);
  await sql`ALTER TABLE waitlist_entries ADD CONSTRAINT waitlist_entries_status_check
    CHECK (status IN ('waiting', 'offered', 'accepted', 'expired', 'left'))`.execute(db);
  await sql`DROP INDEX bookings_booker_during_idx`.execute(db);
  await sql`ALTER TABLE bookings DROP CONSTRAINT bookings_cancel_reason_set`.execute(db);
  await sql`ALTER TABLE bookings DROP COLUMN cancel_note`.execute(db);
  await sql`ALTER TABLE bookings DROP COLUMN cancel_reason`.execute(db);
}

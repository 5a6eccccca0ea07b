import { type Kysely, sql } from 'kysely';

// The waitlist for full windows, and owners' monthly centre reports. An offer holds one seat
// for one person for a while; the exclusion constraint keeps two live offers of one seat from
// overlapping, as bookings do.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE waitlist_entries (
      center_id uuid NOT NULL REFERENCES centers(center_id),
      entry_id uuid NOT NULL DEFAULT gen_random_uuid(),
      -- First come, first offered: the queue order, unambiguous even for equal timestamps.
      seq bigint GENERATED ALWAYS AS IDENTITY,
      freelancer_id uuid NOT NULL REFERENCES users(id),
      plan text NOT NULL CHECK (plan IN ('hourly', 'day_pass', 'meeting_room')),
      seat_kind text NOT NULL CHECK (seat_kind IN ('hot_desk', 'dedicated_desk', 'cabin', 'meeting_room', 'training_room')),
      during tstzrange NOT NULL CHECK (NOT isempty(during)),
      status text NOT NULL CHECK (status IN ('waiting', 'offered', 'accepted', 'expired', 'left')),
      offered_seat_id uuid,
      offer_expires_at timestamptz,
      booking_id uuid,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (center_id, entry_id),
      FOREIGN KEY (center_id, offered_seat_id) REFERENCES seats (center_id, seat_id),
      CHECK (status <> 'offered' OR (offered_seat_id IS NOT NULL AND offer_expires_at IS NOT NULL)),
      CONSTRAINT waitlist_one_offer_per_seat EXCLUDE USING gist (center_id WITH =, offered_seat_id WITH =, during WITH &&)
        WHERE (status = 'offered')
    )`.execute(db);
  // One live place in the queue per person and window.
  await sql`CREATE UNIQUE INDEX waitlist_one_place ON waitlist_entries (center_id, freelancer_id, during)
    WHERE status IN ('waiting', 'offered')`.execute(db);
  await sql`CREATE INDEX waitlist_queue_idx ON waitlist_entries (center_id, seat_kind, seq) WHERE status = 'waiting'`.execute(
    db,
  );
  await sql`CREATE INDEX waitlist_entry_idx ON waitlist_entries (entry_id)`.execute(db);
  await sql`CREATE INDEX waitlist_offers_idx ON waitlist_entries (offer_expires_at) WHERE status = 'offered'`.execute(
    db,
  );

  // The owner's monthly report: uptime in tenths of a percent (999 = 99.9%), trainer activity.
  await sql`
    CREATE TABLE center_monthly_reports (
      center_id uuid NOT NULL REFERENCES centers(center_id),
      month date NOT NULL CHECK (extract(day FROM month) = 1),
      internet_uptime_permille integer NOT NULL CHECK (internet_uptime_permille BETWEEN 0 AND 1000),
      power_uptime_permille integer NOT NULL CHECK (power_uptime_permille BETWEEN 0 AND 1000),
      trainer_name text CHECK (length(trainer_name) <= 120),
      training_sessions integer NOT NULL CHECK (training_sessions BETWEEN 0 AND 1000),
      people_trained integer NOT NULL CHECK (people_trained BETWEEN 0 AND 100000),
      notes text CHECK (length(notes) <= 4000),
      submitted_by uuid NOT NULL REFERENCES users(id),
      submitted_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (center_id, month)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS center_monthly_reports`.execute(db);
  await sql`DROP TABLE IF EXISTS waitlist_entries`.execute(db);
}

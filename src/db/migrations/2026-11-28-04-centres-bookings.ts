import { type Kysely, sql } from 'kysely';

// Centres in operation, their spaces and seats, bookings that can never overlap, freelancers'
// profiles and earnings. Migrations never import app code.
//
// Every centre-scoped table carries center_id and has it in its primary key and constraints, so
// the tables can later be distributed by center_id (Citus) without a redesign.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE centers (
      center_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      owner_id uuid NOT NULL REFERENCES users(id),
      application_id text,
      name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
      name_ur text CHECK (length(name_ur) <= 200),
      address text NOT NULL CHECK (length(address) BETWEEN 1 AND 500),
      city_id integer NOT NULL REFERENCES cities(id),
      province_code text NOT NULL REFERENCES provinces(code),
      latitude double precision NOT NULL CHECK (latitude BETWEEN 23 AND 37.5),
      longitude double precision NOT NULL CHECK (longitude BETWEEN 60.5 AND 78),
      status text NOT NULL CHECK (status IN ('approved', 'under_setup', 'inspected', 'operational', 'suspended', 'closed')),
      status_reason text CHECK (length(status_reason) <= 1000),
      status_changed_at timestamptz NOT NULL,
      -- amenities
      internet_mbps integer CHECK (internet_mbps BETWEEN 0 AND 100000),
      backup_power_hours integer CHECK (backup_power_hours BETWEEN 0 AND 240),
      has_ups boolean NOT NULL DEFAULT false,
      women_only_area boolean NOT NULL DEFAULT false,
      prayer_area boolean NOT NULL DEFAULT false,
      parking boolean NOT NULL DEFAULT false,
      accessible boolean NOT NULL DEFAULT false,
      -- prices per plan, in paisa; null = the plan is not offered
      price_hourly_minor bigint CHECK (price_hourly_minor >= 0),
      price_day_pass_minor bigint CHECK (price_day_pass_minor >= 0),
      price_monthly_desk_minor bigint CHECK (price_monthly_desk_minor >= 0),
      price_meeting_room_hourly_minor bigint CHECK (price_meeting_room_hourly_minor >= 0),
      -- booking rules
      max_days_ahead integer NOT NULL DEFAULT 30 CHECK (max_days_ahead BETWEEN 1 AND 366),
      min_notice_minutes integer NOT NULL DEFAULT 0 CHECK (min_notice_minutes BETWEEN 0 AND 10080),
      cancellation_window_hours integer NOT NULL DEFAULT 2 CHECK (cancellation_window_hours BETWEEN 0 AND 720),
      no_show_grace_minutes integer NOT NULL DEFAULT 30 CHECK (no_show_grace_minutes BETWEEN 5 AND 1440),
      meeting_buffer_minutes integer NOT NULL DEFAULT 0 CHECK (meeting_buffer_minutes BETWEEN 0 AND 240),
      max_booking_hours integer NOT NULL DEFAULT 12 CHECK (max_booking_hours BETWEEN 1 AND 24),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX centers_owner_idx ON centers (owner_id)`.execute(db);
  await sql`CREATE INDEX centers_status_city_idx ON centers (status, city_id)`.execute(db);
  await sql`CREATE INDEX centers_location_idx ON centers (latitude, longitude) WHERE status = 'operational'`.execute(
    db,
  );

  await sql`
    CREATE TABLE center_inspections (
      center_id uuid NOT NULL REFERENCES centers(center_id),
      inspection_id uuid NOT NULL DEFAULT gen_random_uuid(),
      inspector_id uuid NOT NULL REFERENCES users(id),
      internet_mbps_measured integer NOT NULL CHECK (internet_mbps_measured BETWEEN 0 AND 100000),
      backup_power_tested boolean NOT NULL,
      backup_power_minutes integer CHECK (backup_power_minutes BETWEEN 0 AND 14400),
      seats_counted integer NOT NULL CHECK (seats_counted BETWEEN 0 AND 10000),
      passed boolean NOT NULL,
      notes text CHECK (length(notes) <= 4000),
      inspected_at timestamptz NOT NULL,
      PRIMARY KEY (center_id, inspection_id)
    )`.execute(db);

  await sql`
    CREATE TABLE center_spaces (
      center_id uuid NOT NULL REFERENCES centers(center_id),
      space_id uuid NOT NULL DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('hot_desk_area', 'cabin', 'meeting_room', 'training_room')),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
      created_at timestamptz NOT NULL,
      PRIMARY KEY (center_id, space_id),
      UNIQUE (center_id, name)
    )`.execute(db);

  await sql`
    CREATE TABLE seats (
      center_id uuid NOT NULL REFERENCES centers(center_id),
      seat_id uuid NOT NULL DEFAULT gen_random_uuid(),
      space_id uuid NOT NULL,
      label text NOT NULL CHECK (length(label) BETWEEN 1 AND 40),
      kind text NOT NULL CHECK (kind IN ('hot_desk', 'dedicated_desk', 'cabin', 'meeting_room', 'training_room')),
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (center_id, seat_id),
      UNIQUE (center_id, label),
      FOREIGN KEY (center_id, space_id) REFERENCES center_spaces (center_id, space_id)
    )`.execute(db);
  await sql`CREATE INDEX seats_kind_idx ON seats (center_id, kind) WHERE active`.execute(db);

  // ISO weekday 1 = Monday … 7 = Sunday; times are Asia/Karachi wall-clock. No row = closed.
  await sql`
    CREATE TABLE center_opening_hours (
      center_id uuid NOT NULL REFERENCES centers(center_id),
      weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
      opens time NOT NULL,
      closes time NOT NULL,
      PRIMARY KEY (center_id, weekday),
      CHECK (closes > opens)
    )`.execute(db);

  await sql`
    CREATE TABLE center_closures (
      center_id uuid NOT NULL REFERENCES centers(center_id),
      closure_id uuid NOT NULL DEFAULT gen_random_uuid(),
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
      created_at timestamptz NOT NULL,
      PRIMARY KEY (center_id, closure_id),
      CHECK (ends_on >= starts_on)
    )`.execute(db);

  // Bookings: the exclusion constraint, not a SELECT, guarantees that a seat is never booked twice.
  // "blocked" is "during" plus the centre's buffer after a meeting-room booking (equal to "during"
  // for other seats); a second constraint keeps the buffers free.
  await sql`
    CREATE TABLE bookings (
      center_id uuid NOT NULL,
      booking_id uuid NOT NULL DEFAULT gen_random_uuid(),
      seat_id uuid NOT NULL,
      booker_id uuid NOT NULL REFERENCES users(id),
      plan text NOT NULL CHECK (plan IN ('hourly', 'day_pass', 'monthly', 'meeting_room')),
      during tstzrange NOT NULL,
      blocked tstzrange NOT NULL,
      status text NOT NULL CHECK (status IN ('confirmed', 'cancelled', 'checked_in', 'no_show', 'released')),
      price_minor bigint NOT NULL CHECK (price_minor >= 0),
      paid boolean NOT NULL DEFAULT false,
      series_id uuid,
      created_at timestamptz NOT NULL,
      cancelled_at timestamptz,
      late_cancellation boolean NOT NULL DEFAULT false,
      checked_in_at timestamptz,
      released_at timestamptz,
      PRIMARY KEY (center_id, booking_id),
      FOREIGN KEY (center_id, seat_id) REFERENCES seats (center_id, seat_id),
      CHECK (NOT isempty(during) AND lower_inc(during) AND NOT upper_inc(during)
             AND NOT lower_inf(during) AND NOT upper_inf(during)),
      CHECK (blocked @> during AND lower(blocked) = lower(during)),
      CONSTRAINT bookings_no_overlap EXCLUDE USING gist (center_id WITH =, seat_id WITH =, during WITH &&)
        WHERE (status IN ('confirmed', 'checked_in')),
      CONSTRAINT bookings_buffer_free EXCLUDE USING gist (center_id WITH =, seat_id WITH =, blocked WITH &&)
        WHERE (status IN ('confirmed', 'checked_in'))
    )`.execute(db);
  await sql`CREATE INDEX bookings_id_idx ON bookings (booking_id)`.execute(db);
  await sql`CREATE INDEX bookings_booker_idx ON bookings (booker_id, lower(during))`.execute(db);
  await sql`CREATE INDEX bookings_center_start_idx ON bookings (center_id, lower(during))`.execute(db);
  await sql`CREATE INDEX bookings_pending_idx ON bookings (lower(during)) WHERE status = 'confirmed'`.execute(
    db,
  );

  // Freelancers ---------------------------------------------------------------------------------
  await sql`
    CREATE TABLE freelancer_profiles (
      user_id uuid PRIMARY KEY REFERENCES users(id),
      skills text[] NOT NULL DEFAULT '{}',
      platforms text[] NOT NULL DEFAULT '{}',
      portfolio_url text CHECK (length(portfolio_url) <= 500),
      home_city_id integer REFERENCES cities(id),
      bio text CHECK (length(bio) <= 2000),
      updated_at timestamptz NOT NULL
    )`.execute(db);

  await sql`
    CREATE TABLE earnings_declarations (
      freelancer_id uuid NOT NULL REFERENCES users(id),
      month date NOT NULL CHECK (extract(day FROM month) = 1),
      platform text NOT NULL CHECK (platform IN ('upwork', 'fiverr', 'freelancer', 'toptal', 'peopleperhour', 'guru', 'direct', 'other')),
      amount_minor bigint NOT NULL CHECK (amount_minor BETWEEN 0 AND 100000000000),
      currency text NOT NULL DEFAULT 'USD' CHECK (currency = 'USD'),
      declared_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (freelancer_id, month, platform)
    )`.execute(db);
  await sql`CREATE INDEX earnings_month_idx ON earnings_declarations (month)`.execute(db);

  // A private iCal feed per person: the token is derived from a secret and the version, and only
  // its hash is stored; rotating bumps the version.
  await sql`
    CREATE TABLE calendar_feeds (
      user_id uuid PRIMARY KEY REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'calendar_feeds',
    'earnings_declarations',
    'freelancer_profiles',
    'bookings',
    'center_closures',
    'center_opening_hours',
    'seats',
    'center_spaces',
    'center_inspections',
    'centers',
  ]) {
    await sql`DROP TABLE IF EXISTS ${sql.id(t)}`.execute(db);
  }
}

import { type Kysely, sql } from 'kysely';

// Complaints (issue 17): a citizen, signed in or not, complains about a centre or the programme,
// gets a reference and follows its status; staff answer within a service standard. The contact of
// someone not signed in is sealed (decision 0038). Unmet demand: availability searches that found
// no centre with a free seat, kept as its place (district, or the nearest city where the bundled data has no district) and hour only (no person, no query, no address).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE complaints (
      complaint_id uuid PRIMARY KEY,
      reference text NOT NULL UNIQUE,
      about text NOT NULL CHECK (about IN ('centre', 'programme')),
      center_id uuid REFERENCES centers(center_id),
      category text NOT NULL CHECK (category IN ('service', 'booking', 'payment', 'conduct', 'access', 'personal_data', 'other')),
      body text NOT NULL CHECK (length(body) BETWEEN 10 AND 2000),
      user_id uuid REFERENCES users(id),
      contact_kind text CHECK (contact_kind IN ('email', 'mobile')),
      contact text,
      locale text NOT NULL CHECK (locale IN ('en', 'ur')),
      province_code text,
      status text NOT NULL CHECK (status IN ('received', 'in_progress', 'resolved', 'rejected')),
      received_at timestamptz NOT NULL,
      due_at timestamptz NOT NULL,
      answer text CHECK (answer IS NULL OR length(answer) BETWEEN 10 AND 2000),
      answered_at timestamptz,
      answered_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL,
      CHECK (user_id IS NOT NULL OR contact IS NOT NULL),
      CHECK ((contact IS NULL) = (contact_kind IS NULL)),
      CHECK (about = 'programme' OR center_id IS NOT NULL),
      CHECK ((status IN ('resolved', 'rejected')) = (answered_at IS NOT NULL AND answer IS NOT NULL))
    )`.execute(db);
  await sql`CREATE INDEX complaints_open ON complaints (due_at) WHERE status IN ('received', 'in_progress')`.execute(
    db,
  );
  await sql`CREATE INDEX complaints_user ON complaints (user_id, received_at DESC) WHERE user_id IS NOT NULL`.execute(
    db,
  );

  await sql`
    CREATE TABLE unmet_searches (
      id bigserial PRIMARY KEY,
      city_id integer NOT NULL REFERENCES cities(id),
      district_id integer REFERENCES districts(id),
      recorded_on date NOT NULL,
      wanted_hour smallint NOT NULL CHECK (wanted_hour BETWEEN 0 AND 23),
      seat_kind text NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX unmet_searches_on ON unmet_searches (recorded_on)`.execute(db);
}
